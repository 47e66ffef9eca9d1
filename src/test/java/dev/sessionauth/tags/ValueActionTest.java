package dev.sessionauth.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.jsp.JspException;
import jakarta.servlet.jsp.PageContext;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValueActionTest {
    private static final Optional<String> NONE = Optional.empty();

    private static ValueAction decide(Optional<String> value, Optional<String> fallback, boolean escapeXml,
                                      Optional<String> var, Optional<String> scope) throws JspException {
        return ValueAction.decide(value, fallback, escapeXml, var, scope);
    }

    @Test
    void theValueIsPrintedEscapedByDefault() throws JspException {
        assertThat(decide(Optional.of("<b>Ada</b>"), Optional.of("x"), true, NONE, NONE))
                .isEqualTo(new ValueAction.Print("&lt;b&gt;Ada&lt;/b&gt;"));
    }

    @Test
    void escapeXmlFalsePrintsTheValueAsItIs() throws JspException {
        assertThat(decide(Optional.of("<b>Ada</b>"), NONE, false, NONE, NONE))
                .isEqualTo(new ValueAction.Print("<b>Ada</b>"));
    }

    @Test
    void withoutAValueTheDefaultIsPrintedAndEscapedToo() throws JspException {
        assertThat(decide(NONE, Optional.of("Guest & friends"), true, NONE, NONE))
                .isEqualTo(new ValueAction.Print("Guest &amp; friends"));
        assertThat(decide(NONE, Optional.of("<i>Guest</i>"), false, NONE, NONE))
                .isEqualTo(new ValueAction.Print("<i>Guest</i>"));
    }

    @Test
    void withoutAValueOrADefaultNothingIsPrinted() throws JspException {
        assertThat(decide(NONE, NONE, true, NONE, NONE)).isEqualTo(new ValueAction.Print(""));
    }

    @Test
    void varStoresTheRawValueInPageScopeByDefault() throws JspException {
        assertThat(decide(Optional.of("<b>Ada</b>"), NONE, true, Optional.of("name"), NONE))
                .isEqualTo(new ValueAction.Store("name", "<b>Ada</b>", PageContext.PAGE_SCOPE));
    }

    @Test
    void varStoresTheDefaultWhenThereIsNoValue() throws JspException {
        assertThat(decide(NONE, Optional.of("Guest"), true, Optional.of("name"), Optional.of("request")))
                .isEqualTo(new ValueAction.Store("name", "Guest", PageContext.REQUEST_SCOPE));
    }

    @Test
    void varIsRemovedWhenThereIsNeitherValueNorDefault() throws JspException {
        assertThat(decide(NONE, NONE, true, Optional.of("name"), Optional.of("session")))
                .isEqualTo(new ValueAction.Remove("name", PageContext.SESSION_SCOPE));
    }

    @Test
    void anEmptyDefaultCountsAsNoDefaultSoAnElThatFoundNothingRemovesTheVariable() throws JspException {
        assertThat(decide(NONE, Optional.of(""), true, Optional.of("name"), NONE))
                .isEqualTo(new ValueAction.Remove("name", PageContext.PAGE_SCOPE));
        assertThat(decide(Optional.of(""), Optional.of("Guest"), true, NONE, NONE))
                .isEqualTo(new ValueAction.Print("Guest"));
    }

    @Test
    void everyJstlScopeNameIsAccepted() throws JspException {
        assertThat(Scopes.of("page")).isEqualTo(PageContext.PAGE_SCOPE);
        assertThat(Scopes.of("request")).isEqualTo(PageContext.REQUEST_SCOPE);
        assertThat(Scopes.of("session")).isEqualTo(PageContext.SESSION_SCOPE);
        assertThat(Scopes.of("application")).isEqualTo(PageContext.APPLICATION_SCOPE);
    }

    @Test
    void anUnknownScopeFailsNamingTheValidOnes() {
        assertThatThrownBy(() -> decide(Optional.of("v"), NONE, true, Optional.of("x"), Optional.of("global")))
                .isInstanceOf(JspException.class).hasMessageContaining("\"global\"").hasMessageContaining("application");
    }

    @Test
    void aScopeWithoutVarFailsRatherThanBeingIgnored() {
        assertThatThrownBy(() -> decide(Optional.of("v"), NONE, true, NONE, Optional.of("request")))
                .isInstanceOf(JspException.class).hasMessageContaining("var");
    }

    @Test
    void aBlankVarFails() {
        assertThatThrownBy(() -> decide(Optional.of("v"), NONE, true, Optional.of(" "), NONE))
                .isInstanceOf(JspException.class).hasMessageContaining("var");
    }
}
