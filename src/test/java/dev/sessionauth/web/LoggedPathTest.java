package dev.sessionauth.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.crypto.TokenGenerator;
import org.junit.jupiter.api.Test;

/** What a log line shows of a refused path: readable paths as they are, never a token, never a forged line. */
class LoggedPathTest {

    @Test
    void anOrdinaryPathIsShownAsItIs() {
        assertThat(LoggedPath.of("/docs/getting-started-with-sessionauth/index.html;jsessionid=1"))
                .isEqualTo("/docs/getting-started-with-sessionauth/index.html;jsessionid=1");
        assertThat(LoggedPath.of("/caf%C3%A9/../%2e")).isEqualTo("/caf%C3%A9/../%2e");
        assertThat(LoggedPath.of(null)).isEqualTo("null");
    }

    @Test
    void anythingShapedLikeATokenIsLeftOut() {
        TokenGenerator tokens = new TokenGenerator();
        for (int i = 0; i < 1000; i++) {
            String token = tokens.newToken();
            String shown = LoggedPath.of("/api/auth/reset-password/" + token + ";x/../y");
            assertThat(shown).doesNotContain(token).isEqualTo("/api/auth/reset-password/…;x/../y");
        }
    }

    @Test
    void controlCharactersAreEscapedSoAPathCannotForgeALogLine() {
        assertThat(LoggedPath.of("/a\r\nINFO: signed in as admin\u0000"))
                .isEqualTo("/a\\u000d\\u000aINFO: signed in as admin\\u0000");
    }

    @Test
    void aLongPathIsCut() {
        String shown = LoggedPath.of("/" + "a".repeat(5000));
        assertThat(shown).hasSizeLessThan(400).endsWith("… (5001 characters)");
    }
}
