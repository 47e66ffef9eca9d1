package dev.sessionauth.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.SessionValidation;
import dev.sessionauth.Validation;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@link Validation} value and {@link SessionValidation#orThrow()} on their own. */
class ValidationValueTest {
    @Test
    void theThreeStartingPointsDemandWhatTheirNamesSay() {
        assertThat(Validation.session().verifiedRequired()).isFalse();
        assertThat(Validation.session().freshRequired()).isFalse();
        assertThat(Validation.session().expiredAllowed()).isFalse();
        assertThat(Validation.requireVerified().verifiedRequired()).isTrue();
        assertThat(Validation.requireVerified().freshRequired()).isFalse();
        assertThat(Validation.requireFresh().freshRequired()).isTrue();
        assertThat(Validation.requireFresh().verifiedRequired()).isFalse();
        assertThat(Validation.requireFresh().expiredAllowed()).isFalse();
    }

    @Test
    void modifiersReturnANewValueAndLeaveTheOriginalAlone() {
        Validation base = Validation.requireVerified();
        Validation changed = base.allowExpired(true).fresh(true);
        assertThat(changed).isNotSameAs(base);
        assertThat(base.expiredAllowed()).isFalse();
        assertThat(base.freshRequired()).isFalse();
        assertThat(changed.verifiedRequired()).isTrue();
        assertThat(changed.expiredAllowed()).isTrue();
        assertThat(changed.freshRequired()).isTrue();
        Validation lifted = changed.verified(false).fresh(false).allowExpired(false);
        assertThat(lifted.verifiedRequired()).isFalse();
        assertThat(lifted.freshRequired()).isFalse();
        assertThat(lifted.expiredAllowed()).isFalse();
    }

    @Test
    void orThrowOfAnInvalidResultWithoutAFailureThrowsUnauthorized() {
        SessionValidation v = new SessionValidation(false, Optional.empty(), Optional.empty(), false, Optional.empty());
        assertThatThrownBy(v::orThrow).isInstanceOfSatisfying(AuthException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    }

    @Test
    void orThrowThrowsTheRecordedFailure() {
        SessionValidation v = new SessionValidation(false, Optional.empty(), Optional.empty(), true,
                Optional.of(ErrorCode.SESSION_EXPIRED));
        assertThatThrownBy(v::orThrow).isInstanceOfSatisfying(AuthException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SESSION_EXPIRED);
            assertThat(e.status()).isEqualTo(401);
        });
    }
}
