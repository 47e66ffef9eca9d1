package dev.sessionauth.tags;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void escapesTheFiveCharactersThatCOutEscapes() {
        assertThat(Html.escape("<a href=\"x\">Tom & 'Jerry'</a>"))
                .isEqualTo("&lt;a href=&#034;x&#034;&gt;Tom &amp; &#039;Jerry&#039;&lt;/a&gt;");
    }

    @Test
    void scriptInjectionComesOutInert() {
        assertThat(Html.escape("<script>alert(1)</script>")).isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void leavesOtherTextAloneIncludingNonAscii() {
        assertThat(Html.escape("Zoë Ünal — 東京 / a=b;c")).isEqualTo("Zoë Ünal — 東京 / a=b;c");
        assertThat(Html.escape("")).isEmpty();
    }

    @Test
    void anExistingEntityIsEscapedAgainBecauseItIsTextNotMarkup() {
        assertThat(Html.escape("&amp;")).isEqualTo("&amp;amp;");
    }
}
