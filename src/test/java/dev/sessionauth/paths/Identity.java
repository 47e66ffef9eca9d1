package dev.sessionauth.paths;

/** Who sends a probe: nobody, or one of the two users every {@link Deployment} signs up. */
enum Identity {
    /** No cookie at all: must never reach a guarded servlet. */
    ANONYMOUS,
    /**
     * A live session of a user who never verified the address, signed in two days ago ({@code freshAge} is one):
     * may reach session-only servlets, never a {@code verified} or {@code fresh} one.
     */
    STALE_UNVERIFIED,
    /** A verified user who has just signed in: may reach everything. */
    FRESH_VERIFIED;

    /** Whether this identity, as {@link Deployment} signs it up, meets {@code demand}. */
    boolean meets(Demand demand) {
        return switch (this) {
            case ANONYMOUS -> demand == Demand.NONE;
            case STALE_UNVERIFIED -> demand == Demand.NONE || demand == Demand.SESSION;
            case FRESH_VERIFIED -> true;
        };
    }
}
