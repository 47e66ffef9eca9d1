package dev.sessionauth.web;

/**
 * What a path asks of its request: protection (a session), and on top of it a verified address or a fresh sign-in.
 *
 * @param isProtected whether a session is required
 * @param verified whether the user's address must be verified
 * @param fresh whether the sign-in must be younger than {@code session.freshAge}
 */
record PathDemand(boolean isProtected, boolean verified, boolean fresh) {

    /** Everything either demand asks: a request that names one path and reaches another must meet both. */
    PathDemand and(PathDemand other) {
        return new PathDemand(isProtected || other.isProtected, verified || other.verified, fresh || other.fresh);
    }
}
