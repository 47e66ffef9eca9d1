package dev.sessionauth.paths;

import dev.sessionauth.AuthContext;
import dev.sessionauth.engine.Engine;

/** What a servlet of the demo app is meant to be guarded by: the ground truth the tests hold the filter to. */
enum Demand {
    /** Anyone may reach it. */
    NONE,
    /** Only with a session ({@code protected}). */
    SESSION,
    /** Only with a session of a verified user ({@code verified}). */
    VERIFIED,
    /** Only with a session signed in within {@code session.freshAge} ({@code fresh}). */
    FRESH;

    /** Whether the request that reached the servlet carried what this demand asks for. */
    boolean metBy(AuthContext context, Engine auth) {
        boolean signedIn = context != null && context.isSignedIn();
        return switch (this) {
            case NONE -> true;
            case SESSION -> signedIn;
            case VERIFIED -> signedIn && context.getUser().isEmailVerified();
            case FRESH -> signedIn && auth.isFresh(context.getSession());
        };
    }
}
