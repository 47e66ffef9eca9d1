package dev.sessionauth.admin;

import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.Session;
import dev.sessionauth.User;
import dev.sessionauth.engine.Caller;
import dev.sessionauth.engine.ClientInfo;
import dev.sessionauth.engine.Presented;
import dev.sessionauth.engine.Resolution;
import java.util.Optional;

/**
 * Who uses the admin tools: the app's own code (an operator, to whom no who-may rule applies), or a request's signed-in
 * user with the session, its token and how it was presented, read from the store for this call (so a role taken away a
 * moment ago counts at once).
 *
 * @param session the caller's session, its token and its user; empty for an operator
 * @param caller  the client, the tokens it presents, where it reached the app
 */
record Actor(Optional<Signed> session, Caller caller) {
    /** A session as the admin tools need it: the row, its user as stored now, its bearer token. */
    record Signed(Session session, User user, String token) {
        @Override
        public String toString() {
            return "Signed[session=" + session.getId() + ", user=" + user.getId() + "]";
        }
    }

    /** The app's own code. */
    static Actor operator() {
        return new Actor(Optional.empty(), Caller.app(ClientInfo.unknown()));
    }

    /**
     * The signed-in user of a request whose session resolved (from the store) to {@code r}.
     *
     * @throws AuthException {@code UNAUTHORIZED} when the session's user is gone
     */
    static Actor of(Resolution r, Caller caller) {
        Session session = r.session().orElseThrow(() -> new AuthException(r.failure()));
        User user = r.user().orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
        return new Actor(Optional.of(new Signed(session, user, r.token().orElseThrow())), caller);
    }

    boolean isOperator() {
        return session.isEmpty();
    }

    /** The acting user's id; empty for an operator. */
    Optional<String> userId() {
        return session.map(s -> s.user().getId());
    }

    /** Whether the session came as a bearer token rather than the browser's cookie. */
    boolean isBearer() {
        return caller.presented().candidates().stream().findFirst()
                .map(c -> c.source() == Presented.Source.BEARER).orElse(false);
    }
}
