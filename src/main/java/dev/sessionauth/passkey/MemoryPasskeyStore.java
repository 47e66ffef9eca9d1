package dev.sessionauth.passkey;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link PasskeyStore} in this instance's memory, for an app that brought stores of its own without a data source
 * (the in-memory set, in tests). One lock over everything: passkeys are few and rarely written. Passkeys of a user the
 * app deletes stay until restart, but sign in nobody: sign-in reads the user back.
 */
final class MemoryPasskeyStore implements PasskeyStore {
    private final Map<String, Passkey> byId = new LinkedHashMap<>();

    @Override
    public synchronized void add(Passkey passkey) {
        if (byId.values().stream().anyMatch(p -> p.credentialId().equals(passkey.credentialId()))) {
            throw new DuplicateCredentialException();
        }
        byId.put(passkey.id(), passkey);
    }

    @Override
    public synchronized List<Passkey> listOf(String userId) {
        return byId.values().stream().filter(p -> p.userId().equals(userId))
                .sorted(Comparator.comparing(Passkey::createdAt)).toList();
    }

    @Override
    public synchronized int countOf(String userId) {
        return (int) byId.values().stream().filter(p -> p.userId().equals(userId)).count();
    }

    @Override
    public synchronized Optional<Passkey> findByCredentialId(String credentialId) {
        return byId.values().stream().filter(p -> p.credentialId().equals(credentialId)).findFirst();
    }

    @Override
    public synchronized Optional<Passkey> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized boolean advanceCounter(String id, long expected, long newCounter) {
        Passkey p = byId.get(id);
        if (p == null || p.counter() != expected) {
            return false;
        }
        byId.put(id, p.withCounter(newCounter));
        return true;
    }

    @Override
    public synchronized Optional<Passkey> rename(String id, String name) {
        return Optional.ofNullable(byId.computeIfPresent(id, (k, p) -> p.withName(name)));
    }

    @Override
    public synchronized Removal remove(String userId, String id, int otherWaysIn) {
        Passkey p = byId.get(id);
        if (p == null) {
            return Removal.NOT_FOUND;
        }
        if (!p.userId().equals(userId)) {
            return Removal.NOT_OWNER;
        }
        if (otherWaysIn + countOf(userId) <= 1) {
            return Removal.LAST_WAY_IN;
        }
        byId.remove(id);
        return Removal.DELETED;
    }
}
