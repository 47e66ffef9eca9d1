package dev.sessionauth.store.memory;

import dev.sessionauth.Session;
import dev.sessionauth.User;
import dev.sessionauth.store.Credentials;
import dev.sessionauth.store.DuplicateEmailException;
import dev.sessionauth.store.MetaStore;
import dev.sessionauth.store.NewSession;
import dev.sessionauth.store.SessionAndUser;
import dev.sessionauth.store.SessionStore;
import dev.sessionauth.store.UserStore;
import dev.sessionauth.store.VerificationStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Users, sessions, verification secrets and meta values in this instance's memory, behind the same interfaces as
 * the JDBC stores: for tests of the engine's rules (no database, milliseconds per test) and for trying the library
 * out. Gone when the process ends, and one process only. Thread-safe: every operation holds one lock, which is
 * plenty for what it is for and keeps "create the user and their first session" all or nothing.
 */
public final class MemoryStores {
    private final Object lock = new Object();
    private final Map<String, Account> accountsById = new HashMap<>();
    private final Map<String, String> idsByEmail = new HashMap<>();
    private final Map<String, Row> sessionsByHash = new HashMap<>();
    private final Map<String, String> hashesById = new HashMap<>();
    private final Map<String, Secret> secretsByHash = new HashMap<>();
    private final Map<String, String> meta = new HashMap<>();
    private final Users users = new Users();
    private final Sessions sessions = new Sessions();
    private final Verifications verifications = new Verifications();
    private final Meta metaStore = new Meta();

    private record Account(User user, String passwordHash) {
    }

    private record Row(Session session, String tokenHash) {
    }

    private record Secret(String id, String identifier, Instant expiresAt) {
    }

    public UserStore users() {
        return users;
    }

    public SessionStore sessions() {
        return sessions;
    }

    public VerificationStore verifications() {
        return verifications;
    }

    public MetaStore meta() {
        return metaStore;
    }

    private void putSession(NewSession s) {
        sessionsByHash.put(s.tokenHash(), new Row(s.session(), s.tokenHash()));
        hashesById.put(s.session().getId(), s.tokenHash());
    }

    private Optional<Row> sessionRow(String sessionId) {
        return Optional.ofNullable(hashesById.get(sessionId)).map(sessionsByHash::get);
    }

    private boolean removeSession(String sessionId) {
        String hash = hashesById.remove(sessionId);
        return hash != null && sessionsByHash.remove(hash) != null;
    }

    private static Map<String, Object> merged(Map<String, Object> current, Map<String, Object> changes) {
        Map<String, Object> merged = new LinkedHashMap<>(current);
        merged.putAll(changes);
        return merged;
    }

    private final class Users implements UserStore {
        @Override
        public void create(User user, String passwordHash, Optional<NewSession> firstSession) {
            synchronized (lock) {
                if (idsByEmail.containsKey(user.getEmail())) {
                    throw new DuplicateEmailException();
                }
                accountsById.put(user.getId(), new Account(user, passwordHash));
                idsByEmail.put(user.getEmail(), user.getId());
                firstSession.ifPresent(MemoryStores.this::putSession);
            }
        }

        @Override
        public Optional<Credentials> findCredentials(String email) {
            synchronized (lock) {
                return Optional.ofNullable(idsByEmail.get(email)).map(accountsById::get)
                        .map(a -> new Credentials(a.user(), a.passwordHash()));
            }
        }

        @Override
        public Optional<User> findById(String userId) {
            synchronized (lock) {
                return Optional.ofNullable(accountsById.get(userId)).map(Account::user);
            }
        }

        @Override
        public Optional<User> updateProfile(String userId, String name, Optional<String> image,
                                            Map<String, Object> fields, Instant now) {
            synchronized (lock) {
                Account a = accountsById.get(userId);
                if (a == null) {
                    return Optional.empty();
                }
                User updated = a.user().withProfile(name, image, now).withFields(merged(a.user().getFields(), fields), now);
                accountsById.put(userId, new Account(updated, a.passwordHash()));
                return Optional.of(updated);
            }
        }

        @Override
        public boolean markEmailVerified(String userId, Instant now) {
            synchronized (lock) {
                Account a = accountsById.get(userId);
                if (a == null) {
                    return false;
                }
                User u = a.user();
                accountsById.put(userId, new Account(new User(u.getId(), u.getName(), u.getEmail(), true, u.image(),
                        u.getCreatedAt(), now, u.getFields()), a.passwordHash()));
                return true;
            }
        }
    }

    private final class Sessions implements SessionStore {
        @Override
        public void create(NewSession session) {
            synchronized (lock) {
                putSession(session);
            }
        }

        @Override
        public Optional<SessionAndUser> findByTokenHash(String tokenHash) {
            synchronized (lock) {
                Row row = sessionsByHash.get(tokenHash);
                if (row == null) {
                    return Optional.empty();
                }
                return Optional.ofNullable(accountsById.get(row.session().getUserId()))
                        .map(a -> new SessionAndUser(row.session(), a.user()));
            }
        }

        @Override
        public boolean extend(String sessionId, Instant newExpiresAt, Instant now, Instant refreshedBefore) {
            synchronized (lock) {
                Optional<Row> row = sessionRow(sessionId);
                if (row.isEmpty() || !row.get().session().getUpdatedAt().isBefore(refreshedBefore)) {
                    return false;
                }
                putSession(new NewSession(row.get().session().refreshed(newExpiresAt, now), row.get().tokenHash()));
                return true;
            }
        }

        @Override
        public boolean updateFields(String sessionId, Map<String, Object> fields, Instant now) {
            synchronized (lock) {
                Optional<Row> row = sessionRow(sessionId);
                row.ifPresent(r -> putSession(new NewSession(r.session().withFields(
                        merged(r.session().getFields(), fields), r.session().getUpdatedAt()), r.tokenHash())));
                return row.isPresent();
            }
        }

        @Override
        public boolean delete(String sessionId) {
            synchronized (lock) {
                return removeSession(sessionId);
            }
        }

        @Override
        public boolean deleteOwned(String userId, String sessionId) {
            synchronized (lock) {
                return sessionRow(sessionId).filter(r -> r.session().getUserId().equals(userId)).isPresent()
                        && removeSession(sessionId);
            }
        }

        @Override
        public int deleteAllOf(String userId, Optional<String> keepSessionId) {
            synchronized (lock) {
                List<String> doomed = sessionsByHash.values().stream().map(Row::session)
                        .filter(s -> s.getUserId().equals(userId))
                        .map(Session::getId).filter(id -> keepSessionId.filter(id::equals).isEmpty()).toList();
                doomed.forEach(MemoryStores.this::removeSession);
                return doomed.size();
            }
        }

        @Override
        public List<Session> listLive(String userId, Instant now) {
            synchronized (lock) {
                return sessionsByHash.values().stream().map(Row::session)
                        .filter(s -> s.getUserId().equals(userId) && s.getExpiresAt().isAfter(now))
                        .sorted(Comparator.comparing(Session::getCreatedAt).reversed().thenComparing(Session::getId))
                        .toList();
            }
        }

        @Override
        public int deleteExpired(Instant now, int limit) {
            synchronized (lock) {
                List<String> doomed = sessionsByHash.values().stream().map(Row::session)
                        .filter(s -> !s.getExpiresAt().isAfter(now)).map(Session::getId).limit(limit).toList();
                doomed.forEach(MemoryStores.this::removeSession);
                return doomed.size();
            }
        }
    }

    private final class Verifications implements VerificationStore {
        @Override
        public void create(String id, String identifier, String valueHash, Instant expiresAt, Instant now) {
            synchronized (lock) {
                secretsByHash.put(valueHash, new Secret(id, identifier, expiresAt));
            }
        }

        @Override
        public Optional<String> consume(String valueHash, Instant now) {
            synchronized (lock) {
                // Whoever removes the secret owns it: single use.
                return Optional.ofNullable(secretsByHash.remove(valueHash))
                        .filter(s -> now.isBefore(s.expiresAt())).map(Secret::identifier);
            }
        }

        @Override
        public void deleteAll(String identifier) {
            synchronized (lock) {
                secretsByHash.values().removeIf(s -> s.identifier().equals(identifier));
            }
        }

        @Override
        public int deleteExpired(Instant now, int limit) {
            synchronized (lock) {
                List<String> doomed = secretsByHash.entrySet().stream()
                        .filter(e -> !e.getValue().expiresAt().isAfter(now)).map(Map.Entry::getKey).limit(limit)
                        .toList();
                doomed.forEach(secretsByHash::remove);
                return doomed.size();
            }
        }
    }

    private final class Meta implements MetaStore {
        @Override
        public Optional<String> get(String name) {
            synchronized (lock) {
                return Optional.ofNullable(meta.get(name));
            }
        }

        @Override
        public String putIfAbsent(String name, String value) {
            synchronized (lock) {
                return meta.computeIfAbsent(name, n -> value);
            }
        }
    }
}
