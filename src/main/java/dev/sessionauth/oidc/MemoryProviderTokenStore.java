package dev.sessionauth.oidc;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ProviderTokenStore} in this instance's memory, for the in-memory stores (no data source). */
final class MemoryProviderTokenStore implements ProviderTokenStore {
    private final Map<String, ProviderTokens> byAccount = new ConcurrentHashMap<>();

    @Override
    public void save(String accountRowId, ProviderTokens tokens) {
        byAccount.put(accountRowId, tokens);
    }

    @Override
    public Optional<ProviderTokens> find(String accountRowId) {
        return Optional.ofNullable(byAccount.get(accountRowId));
    }

    @Override
    public void delete(String accountRowId) {
        byAccount.remove(accountRowId);
    }
}
