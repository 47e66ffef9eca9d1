package dev.sessionauth.oidc;

import dev.sessionauth.crypto.SecretBox;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The provider tokens of provider accounts, encrypted at rest: each token is sealed with AES-GCM under a key derived
 * from {@code secret} for this purpose only, bound to the account's row id (a token copied to another account's row
 * does not open there), and kept in a {@link ProviderTokenStore}. Tokens sealed under a secret no longer configured
 * read as none: the user signs in with the provider again.
 */
final class ProviderTokenVault {
    private static final System.Logger LOG = System.getLogger(ProviderTokenVault.class.getName());
    private static final String PURPOSE = "sessionauth social provider tokens";

    private static final int LOCK_STRIPES = 64;

    private final SecretBox box;
    private final ProviderTokenStore store;
    private final Object[] locks = new Object[LOCK_STRIPES];

    ProviderTokenVault(List<byte[]> secrets, ProviderTokenStore store) {
        this.box = new SecretBox(secrets, PURPOSE);
        this.store = store;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /** What a refresh of the account's tokens holds, so that one runs at a time (striped: a fixed few objects). */
    Object lock(String accountRowId) {
        return locks[Math.floorMod(accountRowId.hashCode(), locks.length)];
    }

    /** Keeps {@code tokens} for the account {@code accountRowId}, replacing what was kept. */
    void keep(String accountRowId, ProviderTokens tokens) {
        store.save(accountRowId, tokens.withTokens(t -> box.encrypt(t.getBytes(StandardCharsets.UTF_8),
                accountRowId)));
    }

    /** The account's tokens, opened; empty when none are kept or they cannot be opened any more. */
    Optional<ProviderTokens> find(String accountRowId) {
        Optional<ProviderTokens> sealed = store.find(accountRowId);
        if (sealed.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(sealed.get().withTokens(t -> new String(box.decrypt(t, accountRowId),
                    StandardCharsets.UTF_8)));
        } catch (SecretBox.UndecryptableException e) {
            LOG.log(System.Logger.Level.WARNING, "the provider tokens of account " + accountRowId + " do not decrypt"
                    + " under any configured secret; treated as none");
            return Optional.empty();
        }
    }

    /** Forgets the account's tokens. */
    void forget(String accountRowId) {
        store.delete(accountRowId);
    }
}
