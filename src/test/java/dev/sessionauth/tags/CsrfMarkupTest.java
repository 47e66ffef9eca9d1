package dev.sessionauth.tags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.web.CsrfGuard;
import org.junit.jupiter.api.Test;

class CsrfMarkupTest {
    @Test
    void theHiddenFieldCarriesTheTokenUnderTheNameTheFilterReads() {
        assertThat(CsrfMarkup.input("abc-123_XY")).isEqualTo("<input type=\"hidden\" name=\"_csrf\" value=\"abc-123_XY\">");
        assertThat(CsrfMarkup.FIELD).isEqualTo(CsrfGuard.TOKEN_FIELD);
    }

    @Test
    void theMetaElementCarriesTheTokenForScripts() {
        assertThat(CsrfMarkup.meta("abc")).isEqualTo("<meta name=\"csrf-token\" content=\"abc\">");
    }

    @Test
    void aTokenCannotBreakOutOfTheAttribute() {
        assertThat(CsrfMarkup.input("\"><script>")).isEqualTo(
                "<input type=\"hidden\" name=\"_csrf\" value=\"&#034;&gt;&lt;script&gt;\">");
        assertThat(CsrfMarkup.meta("'\"")).isEqualTo("<meta name=\"csrf-token\" content=\"&#039;&#034;\">");
    }
}
