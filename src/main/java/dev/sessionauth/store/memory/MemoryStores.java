package dev.sessionauth.store.memory;

import dev.sessionauth.spi.DuplicateAccountException;
import dev.sessionauth.spi.LinkedAccount;
import dev.sessionauth.spi.AccountStore;
import dev.sessionauth.spi.Rows;
import dev.sessionauth.config.AdditionalField;
import dev.sessionauth.Session;
import dev.sessionauth.User;
import dev.sessionauth.spi.Credentials;
import dev.sessionauth.spi.DuplicateEmailException;
import dev.sessionauth.spi.MetaStore;
import dev.sessionauth.spi.NewSession;
import dev.sessionauth.spi.NoSuchUserException;
import dev.sessionauth.spi.Revocation;
import dev.sessionauth.spi.SessionAndUser;
import dev.sessionauth.spi.SessionStore;
import dev.sessionauth.spi.StoreUnavailableException;
import dev.sessionauth.spi.UserStore;
import dev.sessionauth.spi.VerificationStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Users, sessions, verification secrets and meta values in this instance's memory, behind the same interfaces as
 * the JDBC stores: for tests of the engine's rules (no database, milliseconds per test) and for trying the library
 * out. Gone when the process ends, and one process only. Thread-safe: every operation holds one lock, which is
 * plenty for what it is for and keeps "create the user and their first session" all or nothing. It keeps the
 * JDBC stores' rules (the store contract tests hold both to them): only declared additional fields are kept, read
 * back as a column would give them (numbers as Long or Double, JSON values copied through JSON, a missing value as
 * the default), and what a database constraint would refuse (a taken id or token hash, a session of an unknown
 * user) is refused with nothing written.
 */
public final class MemoryStores {
    private final Object lock = new Object();
    private final List<AdditionalField> userFields;
    private final List<AdditionalField> sessionFields;
    private final MemoryColumns columns = new MemoryColumns();
    private final Map<String, Account> accountsById = new HashMap<>();
    /** Linked provider accounts by provider and subject ({@code providerId + " " + accountId}). */
    private final Map<String, LinkedAccount> linked = new java.util.LinkedHashMap<>();
    private final Map<String, String> idsByEmail = new HashMap<>();
    private final Map<String, Row> sessionsByHash = new HashMap<>();
    private final Map<String, String> hashesById = new HashMap<>();
    private final Map<String, String> meta = new HashMap<>();
    private final List<Revocation.Logged> revocations = new ArrayList<>();
    // Never reused, even once the log is pruned empty: readers keep their place by it.
    private long lastRevocation;
    private final Users users = new Users();
    private final Accounts accounts = new Accounts();
    private final Sessions sessions = new Sessions();
    private final MemoryVerifications verifications = new MemoryVerifications();
    private final Meta metaStore = new Meta();

    /** A user and their password hash, {@code null} for a user who signs in another way. */
    private record Account(User user, String passwordHash) {
    }

    private record Row(Session session, String tokenHash) {
    }

    /** Stores without declared additional fields. */
    public MemoryStores() {
        this(List.of(), List.of());
    }

    /** Stores that keep the given declared additional fields of users and sessions. */
    public MemoryStores(List<AdditionalField> userFields, List<AdditionalField> sessionFields) {
        this.userFields = List.copyOf(userFields);
        this.sessionFields = List.copyOf(sessionFields);
    }

    /** The users. */
    public UserStore users() {
        return users;
    }

    /** The sessions. */
    public SessionStore sessions() {
        return sessions;
    }

    /** The verification secrets. */
    public VerificationStore verifications() {
        return verifications;
    }

    /** The meta entries (the generated secret). */
    public MetaStore meta() {
        return metaStore;
    }

    /** What a database constraint would refuse: the caller's or the engine's mistake, never the user's. */
    static StoreUnavailableException refused(String what) {
        return new StoreUnavailableException("in-memory store refused to write: " + what, null);
    }

    private void checkNewSession(NewSession s) {
        if (hashesById.containsKey(s.session().getId())) {
            throw refused("a session with this id exists");
        }
        if (sessionsByHash.containsKey(s.tokenHash())) {
            throw refused("a session with this token hash exists");
        }
    }

    /** A new session with its fields as a row would hold them. */
    private NewSession stored(NewSession s) {
        Session in = s.session();
        return new NewSession(Rows.withFields(in, columns.ofNewRow(sessionFields, in.getFields()), in.getUpdatedAt()),
                s.tokenHash());
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

    /** The in-memory {@link AccountStore}: linked provider accounts, and users who sign in only with one. */
    public AccountStore accounts() {
        return accounts;
    }

    private final class Accounts implements AccountStore {
        @Override
        public void createUser(User user, LinkedAccount account, Optional<NewSession> firstSession) {
            synchronized (lock) {
                if (linked.containsKey(account.providerId() + " " + account.accountId())) {
                    throw new DuplicateAccountException();
                }
                users.create(user, (String) null, firstSession);
                linked.put(account.providerId() + " " + account.accountId(), account);
            }
        }

        @Override
        public void link(LinkedAccount account) {
            synchronized (lock) {
                if (!accountsById.containsKey(account.userId())) {
                    throw new NoSuchUserException();
                }
                if (linked.putIfAbsent(account.providerId() + " " + account.accountId(), account) != null) {
                    throw new DuplicateAccountException();
                }
            }
        }

        @Override
        public Optional<User> findUserByEmail(String email) {
            synchronized (lock) {
                return Optional.ofNullable(idsByEmail.get(email)).map(accountsById::get).map(Account::user);
            }
        }

        @Override
        public Optional<LinkedAccount> find(String providerId, String accountId) {
            synchronized (lock) {
                return Optional.ofNullable(linked.get(providerId + " " + accountId));
            }
        }

        @Override
        public List<LinkedAccount> listOf(String userId) {
            synchronized (lock) {
                return linked.values().stream().filter(l -> l.userId().equals(userId)).toList();
            }
        }

        @Override
        public boolean hasPassword(String userId) {
            synchronized (lock) {
                Account a = accountsById.get(userId);
                return a != null && a.passwordHash() != null;
            }
        }

        @Override
        public boolean unlink(String userId, String accountRowId) {
            synchronized (lock) {
                return linked.values().removeIf(l -> l.userId().equals(userId) && l.id().equals(accountRowId));
            }
        }
    }

    private final class Users implements UserStore, dev.sessionauth.spi.UserEnumeration {
        @Override
        public List<User> allUsers() {
            synchronized (lock) {
                return accountsById.values().stream().map(Account::user).toList();
            }
        }

        @Override
        public void create(User user, String passwordHash, Optional<NewSession> firstSession) {
            synchronized (lock) {
                if (idsByEmail.containsKey(user.getEmail())) {
                    throw new DuplicateEmailException();
                }
                if (accountsById.containsKey(user.getId())) {
                    throw refused("a user with this id exists");
                }
                // Everything is checked (and copied) before anything is written: all or nothing.
                User row = Rows.withFields(user, columns.ofNewRow(userFields, user.getFields()), user.getUpdatedAt());
                Optional<NewSession> session = firstSession.map(MemoryStores.this::stored);
                if (session.isPresent()) {
                    checkNewSession(session.get());
                    if (!session.get().session().getUserId().equals(user.getId())) {
                        throw refused("the first session belongs to another user");
                    }
                }
                accountsById.put(user.getId(), new Account(row, passwordHash));
                idsByEmail.put(user.getEmail(), user.getId());
                session.ifPresent(MemoryStores.this::putSession);
            }
        }

        @Override
        public Optional<Credentials> findCredentials(String email) {
            synchronized (lock) {
                return Optional.ofNullable(idsByEmail.get(email)).map(accountsById::get)
                        .filter(a -> a.passwordHash() != null).map(a -> new Credentials(a.user(), a.passwordHash()));
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
                User updated = Rows.withFields(Rows.withProfile(a.user(), name, image, now),
                        columns.updated(userFields, a.user().getFields(), fields), now);
                accountsById.put(userId, new Account(updated, a.passwordHash()));
                return Optional.of(updated);
            }
        }

        @Override
        public boolean markEmailVerified(String userId, String email, Instant now) {
            synchronized (lock) {
                Account a = accountsById.get(userId);
                if (a == null || !a.user().getEmail().equals(email)) {
                    return false;
                }
                User u = a.user();
                accountsById.put(userId, new Account(new User(u.getId(), u.getName(), u.getEmail(), true,
                        Optional.ofNullable(u.getImage()), u.getCreatedAt(), now, u.getFields()), a.passwordHash()));
                return true;
            }
        }

        @Override
        public Optional<Credentials> findCredentialsById(String userId) {
            synchronized (lock) {
                return Optional.ofNullable(accountsById.get(userId)).filter(a -> a.passwordHash() != null)
                        .map(a -> new Credentials(a.user(), a.passwordHash()));
            }
        }

        @Override
        public boolean updatePassword(String userId, String passwordHash, Instant now) {
            synchronized (lock) {
                Account a = accountsById.get(userId);
                if (a == null || a.passwordHash() == null) {
                    return false;
                }
                accountsById.put(userId, new Account(a.user(), passwordHash));
                return true;
            }
        }

        @Override
        public Optional<User> changeEmail(String userId, String newEmail, Instant now) {
            synchronized (lock) {
                Account a = accountsById.get(userId);
                if (a == null) {
                    return Optional.empty();
                }
                String holder = idsByEmail.get(newEmail);
                if (holder != null && !holder.equals(userId)) {
                    throw new DuplicateEmailException();
                }
                User u = a.user();
                User changed = new User(u.getId(), u.getName(), newEmail, false, Optional.ofNullable(u.getImage()), u.getCreatedAt(), now,
                        u.getFields());
                idsByEmail.remove(u.getEmail());
                idsByEmail.put(newEmail, userId);
                accountsById.put(userId, new Account(changed, a.passwordHash()));
                return Optional.of(changed);
            }
        }

        @Override
        public boolean delete(String userId) {
            synchronized (lock) {
                Account a = accountsById.remove(userId);
                if (a == null) {
                    return false;
                }
                idsByEmail.remove(a.user().getEmail());
                linked.values().removeIf(l -> l.userId().equals(userId));
                sessionsByHash.values().stream().map(Row::session).filter(s -> s.getUserId().equals(userId))
                        .map(Session::getId).toList().forEach(MemoryStores.this::removeSession);
                return true;
            }
        }
    }

    private final class Sessions implements SessionStore {
        @Override
        public void create(NewSession session) {
            synchronized (lock) {
                NewSession row = stored(session);
                checkNewSession(row);
                if (!accountsById.containsKey(row.session().getUserId())) {
                    throw new NoSuchUserException();
                }
                putSession(row);
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
        public Optional<Session> findSessionByTokenHash(String tokenHash) {
            synchronized (lock) {
                return Optional.ofNullable(sessionsByHash.get(tokenHash)).map(Row::session);
            }
        }

        @Override
        public boolean extend(String sessionId, Instant newExpiresAt, Instant now, Instant refreshedBefore) {
            synchronized (lock) {
                Optional<Row> row = sessionRow(sessionId);
                if (row.isEmpty() || !row.get().session().getUpdatedAt().isBefore(refreshedBefore)) {
                    return false;
                }
                putSession(new NewSession(Rows.refreshed(row.get().session(), newExpiresAt, now), row.get().tokenHash()));
                return true;
            }
        }

        @Override
        public boolean updateFields(String sessionId, Map<String, Object> fields, Instant now) {
            synchronized (lock) {
                Optional<Row> row = sessionRow(sessionId);
                row.ifPresent(r -> putSession(new NewSession(Rows.withFields(r.session(), 
                        columns.updated(sessionFields, r.session().getFields(), fields), r.session().getUpdatedAt()),
                        r.tokenHash())));
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

        @Override
        public void logRevocation(Revocation revocation) {
            synchronized (lock) {
                revocations.add(new Revocation.Logged(++lastRevocation, revocation));
            }
        }

        @Override
        public List<Revocation.Logged> revocationsAfter(long after, int limit) {
            synchronized (lock) {
                return revocations.stream().filter(r -> r.sequence() > after).limit(limit).toList();
            }
        }

        @Override
        public int deleteRevocationsBefore(Instant before, int limit) {
            synchronized (lock) {
                List<Revocation.Logged> doomed = revocations.stream()
                        .filter(r -> r.revocation().revokedAt().isBefore(before)).limit(limit).toList();
                revocations.removeAll(doomed);
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

        @Override
        public boolean replace(String name, String expected, String value) {
            synchronized (lock) {
                return meta.replace(name, expected, value);
            }
        }
    }
}
