package dev.sessionauth.oidc;

import java.util.Optional;

/**
 * Where the (sealed) provider tokens of provider accounts are kept, by the account's row id: a table of the social
 * feature ({@link JdbcProviderTokenStore}) or this instance's memory ({@link MemoryProviderTokenStore}).
 */
interface ProviderTokenStore {
    /** Keeps {@code tokens} for the account {@code accountRowId}, replacing what was kept. */
    void save(String accountRowId, ProviderTokens tokens);

    /** The tokens kept for the account, if any. */
    Optional<ProviderTokens> find(String accountRowId);

    /** Forgets the account's tokens; nothing happens when there are none. */
    void delete(String accountRowId);
}
