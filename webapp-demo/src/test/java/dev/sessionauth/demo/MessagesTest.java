package dev.sessionauth.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.ErrorCode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The demo's message bundle: a human sentence for every error code the library can send back to a page. */
class MessagesTest {
    @Test
    void everyErrorCodeOfTheLibraryHasAHumanMessage() {
        assertThat(Arrays.stream(ErrorCode.values()).map(Enum::name).filter(code -> !Messages.hasError(code)))
                .as("codes missing from messages.properties").isEmpty();
        assertThat(Messages.error("PASSWORD_TOO_SHORT")).isEqualTo("The password must be at least 8 characters.");
    }

    @Test
    void anUnknownCodeIsNamedButAnythingElseFromTheQueryIsNotEchoed() {
        assertThat(Messages.error("SOMETHING_NEW")).isEqualTo("Something went wrong (SOMETHING_NEW).");
        assertThat(Messages.error("<script>alert(1)</script>")).isEqualTo("Something went wrong.");
        assertThat(Messages.error(null)).isNull();
        assertThat(Messages.error("")).isNull();
    }

    @Test
    void onlyKnownNoticesAreShown() {
        assertThat(Messages.notice("PASSWORD_CHANGED")).isEqualTo("Your password is changed.");
        assertThat(Messages.notice("PASSWORD_CHANGED_BY_ATTACKER")).isNull();
        assertThat(Messages.notice("<b>")).isNull();
        assertThat(Messages.notice(null)).isNull();
    }
}
