package dev.sessionauth;

import java.util.Optional;

/**
 * The outcome of {@link dev.sessionauth.SessionAuth#validateSession}: whether the request may proceed, the session and user it
 * was judged on, and why not. An expired session comes back only when {@link Validation#allowExpired} asked for
 * it, flagged {@link #expired()}, and is never {@link #valid()}.
 */
public record SessionValidation(boolean valid, Optional<Session> session, Optional<User> user, boolean expired,
                                Optional<ErrorCode> failure) {
    /** Throws the failure as an {@link AuthException}, for code that wants to stop here. */
    public SessionValidation orThrow() {
        if (!valid) {
            throw new AuthException(failure.orElse(ErrorCode.UNAUTHORIZED));
        }
        return this;
    }
}
