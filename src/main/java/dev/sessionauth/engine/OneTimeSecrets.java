package dev.sessionauth.engine;

import dev.sessionauth.spi.VerificationStore;
import java.time.Instant;
import java.util.Optional;

/** Using up the mailed one-time secrets, each kind under its identifier prefix ({@code password-reset:<userId>}). */
final class OneTimeSecrets {
    private OneTimeSecrets() {
    }

    /**
     * Uses up the secret with this hash if it is live and of the kind {@code prefix} names; the user id it was made
     * for. A secret of another kind (a verification link's, presented as a reset token) is left as it was.
     */
    static Optional<String> use(VerificationStore store, String hash, Instant now, String prefix) {
        if (store.find(hash, now).filter(id -> id.startsWith(prefix)).isEmpty()) {
            return Optional.empty();
        }
        // Whoever deletes the row owns the secret: of two concurrent uses, one wins.
        return store.consume(hash, now).filter(id -> id.startsWith(prefix)).map(id -> id.substring(prefix.length()));
    }
}
