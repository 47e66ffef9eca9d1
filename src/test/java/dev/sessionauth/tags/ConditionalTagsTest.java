package dev.sessionauth.tags;

import dev.sessionauth.engine.Engine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.AuthContext;
import jakarta.servlet.jsp.JspException;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which bodies each conditional tag shows, for real signed-in and signed-out contexts and for no filter at all. */
class ConditionalTagsTest {
    private static TagEngine engine;
    private static Optional<AuthContext> signedIn;
    private static Optional<AuthContext> signedOut;
    private static final Optional<AuthContext> NO_FILTER = Optional.empty();

    @BeforeAll
    static void startEngine() {
        engine = new TagEngine();
        signedIn = Optional.of(engine.signedIn(engine.signUp("Grace", "grace@example.com")));
        signedOut = Optional.of(engine.signedOut());
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @Test
    void ifSignedInShowsItsBodyOnlyWithASession() {
        assertThat(new IfSignedInTag().test(signedIn)).isTrue();
        assertThat(new IfSignedInTag().test(signedOut)).isFalse();
        assertThat(new IfSignedInTag().test(NO_FILTER)).isFalse();
    }

    @Test
    void ifSignedOutShowsItsBodyWithoutASessionAndWithoutTheFilter() {
        assertThat(new IfSignedOutTag().test(signedIn)).isFalse();
        assertThat(new IfSignedOutTag().test(signedOut)).isTrue();
        assertThat(new IfSignedOutTag().test(NO_FILTER)).isTrue();
    }

    @Test
    void ifVerifiedHidesItsBodyFromAnUnverifiedUserAndFromVisitors() {
        assertThat(signedIn.get().getUser().isEmailVerified()).isFalse();
        assertThat(new IfVerifiedTag().test(signedIn)).isFalse();
        assertThat(new IfVerifiedTag().test(signedOut)).isFalse();
        assertThat(new IfVerifiedTag().test(NO_FILTER)).isFalse();
    }

    @Test
    void ifTwoFactorEnabledHidesItsBodyFromAUserWithoutItAndFromVisitors() {
        assertThat(signedIn.get().getUser().isTwoFactorEnabled()).isFalse();
        assertThat(new IfTwoFactorEnabledTag().test(signedIn)).isFalse();
        assertThat(new IfTwoFactorEnabledTag().test(signedOut)).isFalse();
        assertThat(new IfTwoFactorEnabledTag().test(NO_FILTER)).isFalse();
    }

    @Test
    void hasRoleIsFalseForAUserWithoutARoleAndForVisitors() throws JspException {
        HasRoleTag tag = new HasRoleTag();
        tag.setName("admin, editor");
        assertThat(tag.test(signedIn)).isFalse();
        assertThat(tag.test(signedOut)).isFalse();
        assertThat(tag.test(NO_FILTER)).isFalse();
    }

    @Test
    void hasRoleWithoutANameFails() {
        HasRoleTag tag = new HasRoleTag();
        assertThatThrownBy(() -> tag.test(signedIn)).isInstanceOf(JspException.class);
    }

    @Test
    void theCsrfTagsExplainThatTheFilterMustCoverThePage() {
        assertThat(RequestAuth.missingFilter("csrfInput"))
                .hasMessageContaining("<auth:csrfInput/>").hasMessageContaining("SessionAuthFilter");
    }
}
