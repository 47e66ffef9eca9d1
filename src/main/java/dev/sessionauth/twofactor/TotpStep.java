package dev.sessionauth.twofactor;

/**
 * An RFC 6238 time step: the counter {@code T = floor(unix seconds / 30)} a TOTP code was made for. {@link Totp}
 * says which step a code matched; the caller keeps the last accepted one per account (a {@code BIGINT}) and hands it
 * back, so a code is accepted once: never again at its own step nor at an earlier one (RFC 6238 §5.2).
 */
public record TotpStep(long counter) implements Comparable<TotpStep> {

    /** Whether this step comes after {@code other}. */
    public boolean isAfter(TotpStep other) {
        return counter > other.counter;
    }

    @Override
    public int compareTo(TotpStep other) {
        return Long.compare(counter, other.counter);
    }
}
