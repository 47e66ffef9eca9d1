package dev.sessionauth.admin;

import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.User;
import dev.sessionauth.engine.Caller;
import dev.sessionauth.engine.SignInGate;
import dev.sessionauth.engine.SignInOutcome;
import dev.sessionauth.spi.UserStore;
import java.time.Clock;
import java.util.Optional;

/**
 * Refuses every session of a banned user: each way in after its first factor (so only someone who knew the password,
 * or holds the provider account or passkey, learns of the ban), a second step completed after the ban, an
 * impersonation. The answer is 403 {@code BANNED_USER} with the configured message; the reason and the end stay
 * in the admin's view. A ban past its end lifts itself here, as Better Auth's does.
 */
final class BanGate implements SignInGate {
    private static final System.Logger LOG = System.getLogger(BanGate.class.getName());

    private final UserStore users;
    private final Clock clock;
    private final String message;

    BanGate(UserStore users, Clock clock, String message) {
        this.users = users;
        this.clock = clock;
        this.message = message;
    }

    @Override
    public Optional<SignInOutcome.SecondStep> check(User user, String method, boolean rememberMe, Caller caller) {
        admit(user);
        return Optional.empty();
    }

    @Override
    public void admit(User user) {
        AdminFields.Ban ban = AdminFields.Ban.of(user);
        if (!ban.banned()) {
            return;
        }
        if (ban.lapsedAt(clock.instant())) {
            users.updateFields(user.getId(), AdminFields.Ban.NONE.fields(), clock.instant());
            LOG.log(System.Logger.Level.INFO, () -> "the ban of user " + user.getId() + " ran out; lifted");
            return;
        }
        throw new AuthException(ErrorCode.BANNED_USER, message);
    }
}
