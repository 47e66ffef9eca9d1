package dev.sessionauth.store.memory;

import dev.sessionauth.spi.VerificationStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The verification secrets of {@link MemoryStores}, kept as hashes like {@code sa_verification}. A lock of its own:
 * no operation here has to be all or nothing with users or sessions.
 */
final class MemoryVerifications implements VerificationStore {
    private final Map<String, Secret> secretsByHash = new HashMap<>();

    private record Secret(String id, String identifier, Instant expiresAt) {
    }

    @Override
    public void create(String id, String identifier, String valueHash, Instant expiresAt, Instant now) {
        synchronized (secretsByHash) {
            if (secretsByHash.containsKey(valueHash)
                    || secretsByHash.values().stream().anyMatch(secret -> secret.id().equals(id))) {
                throw MemoryStores.refused("a verification secret with this id or value exists");
            }
            secretsByHash.put(valueHash, new Secret(id, identifier, expiresAt));
        }
    }

    @Override
    public Optional<String> consume(String valueHash, Instant now) {
        synchronized (secretsByHash) {
            // Whoever removes the secret owns it: single use.
            return Optional.ofNullable(secretsByHash.remove(valueHash))
                    .filter(s -> now.isBefore(s.expiresAt())).map(Secret::identifier);
        }
    }

    @Override
    public void deleteAll(String identifier) {
        synchronized (secretsByHash) {
            secretsByHash.values().removeIf(s -> s.identifier().equals(identifier));
        }
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        synchronized (secretsByHash) {
            List<String> doomed = secretsByHash.entrySet().stream()
                    .filter(e -> !e.getValue().expiresAt().isAfter(now)).map(Map.Entry::getKey).limit(limit)
                    .toList();
            doomed.forEach(secretsByHash::remove);
            return doomed.size();
        }
    }

    @Override
    public Optional<String> find(String valueHash, Instant now) {
        synchronized (secretsByHash) {
            return Optional.ofNullable(secretsByHash.get(valueHash)).filter(s -> now.isBefore(s.expiresAt()))
                    .map(Secret::identifier);
        }
    }
}
