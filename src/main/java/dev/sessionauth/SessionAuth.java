package dev.sessionauth;

import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.config.ConfigException;
import dev.sessionauth.config.ConfigSource;
import dev.sessionauth.crypto.CookieSigner;
import dev.sessionauth.crypto.PasswordHasher;
import dev.sessionauth.crypto.TokenGenerator;
import dev.sessionauth.crypto.TokenHasher;
import dev.sessionauth.store.Credentials;
import dev.sessionauth.store.DuplicateEmailException;
import dev.sessionauth.store.MetaStore;
import dev.sessionauth.store.NewSession;
import dev.sessionauth.store.SessionAndUser;
import dev.sessionauth.store.SessionStore;
import dev.sessionauth.store.StoreUnavailableException;
import dev.sessionauth.store.UserStore;
import dev.sessionauth.store.jdbc.DataSources;
import dev.sessionauth.store.jdbc.JdbcMetaStore;
import dev.sessionauth.store.jdbc.JdbcSessionStore;
import dev.sessionauth.store.jdbc.JdbcUserStore;
import dev.sessionauth.store.jdbc.Schema;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The session engine: sign-up, sign-in, sign-out, resolving a request's session with sliding refresh, listing
 * and revoking sessions. One instance per app, shared by the filter, the HTTP API and the app's own code
 * ({@code SessionAuth.of(request)}). Thread-safe; close it when the app stops.
 */
public final class SessionAuth implements AutoCloseable {
    /** The request and servlet-context attribute under which the filter publishes the instance. */
    public static final String ATTRIBUTE = SessionAuth.class.getName();

    private static final System.Logger LOG = System.getLogger(SessionAuth.class.getName());
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private static final int MAX_EMAIL = 254;
    private static final int MAX_NAME = 255;
    private static final int MAX_IMAGE = 2048;
    private static final Duration BROWSER_SESSION_ROW = Duration.ofDays(1);
    private static final Duration NO_CAP = Duration.ofDays(365L * 100);
    private static final int CLEANUP_BATCH = 1000;
    private static final String SECRET_META = "secret";

    private final AuthConfig config;
    private final Clock clock;
    private final UserStore users;
    private final SessionStore sessions;
    private final TokenGenerator tokens;
    private final CookieSigner signer;
    private final PasswordHasher passwords;
    private final SessionCookies cookies;
    private final ScheduledExecutorService cleaner;
    private final AutoCloseable closeDataSource;

    private SessionAuth(AuthConfig config, Clock clock, DataSource dataSource, AutoCloseable closeDataSource) {
        this.config = config;
        this.clock = clock;
        this.closeDataSource = closeDataSource;
        switch (config.schema()) {
            case AUTO -> Schema.migrate(dataSource);
            case VALIDATE -> {
                Optional<Integer> version = Schema.version(dataSource);
                if (version.isEmpty() || version.get() != Schema.CURRENT_VERSION) {
                    throw new ConfigException("schema: validate found " + version.map(v -> "schema version " + v)
                            .orElse("no SessionAuth tables") + ", this version needs " + Schema.CURRENT_VERSION
                            + "; start once with schema=auto or apply the migration");
                }
            }
            case NONE -> { }
        }
        this.users = new JdbcUserStore(dataSource);
        this.sessions = new JdbcSessionStore(dataSource);
        this.tokens = new TokenGenerator();
        this.signer = new CookieSigner(secrets(config, new JdbcMetaStore(dataSource), tokens));
        this.passwords = new PasswordHasher(config.bcryptCost());
        this.cookies = new SessionCookies(config, signer, clock);
        this.cleaner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sessionauth-expired-sessions");
            t.setDaemon(true);
            return t;
        });
        cleaner.scheduleWithFixedDelay(this::deleteExpiredSessions, 1, 10, TimeUnit.MINUTES);
    }

    private static List<byte[]> secrets(AuthConfig config, MetaStore meta, TokenGenerator tokens) {
        List<String> configured = config.secrets();
        if (!configured.isEmpty()) {
            return configured.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        }
        LOG.log(System.Logger.Level.WARNING, "No secret configured: using one generated and kept in the database."
                + " Set the secret setting (SESSIONAUTH_SECRET) before going to production.");
        String generated = meta.putIfAbsent(SECRET_META, tokens.newToken());
        return List.of(generated.getBytes(StandardCharsets.UTF_8));
    }

    /** Starts a builder: configuration by name, a data source, a clock. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The instance serving this request, as published by {@code SessionAuthFilter}.
     *
     * @throws IllegalStateException when the filter does not cover this request
     */
    public static SessionAuth of(ServletRequest request) {
        Object auth = request.getAttribute(ATTRIBUTE);
        if (auth == null && request instanceof HttpServletRequest http) {
            auth = http.getServletContext().getAttribute(ATTRIBUTE);
        }
        if (auth instanceof SessionAuth sessionAuth) {
            return sessionAuth;
        }
        throw new IllegalStateException("SessionAuth is not set up for this request: declare SessionAuthFilter in"
                + " web.xml with a <filter-mapping> that covers this path");
    }

    public AuthConfig config() {
        return config;
    }

    public SessionCookies cookies() {
        return cookies;
    }

    // ---- sign-up, sign-in, sign-out ------------------------------------------------------------------------

    /**
     * Creates a user with a password and signs them in. A session presented by the caller (an earlier sign-in in
     * the same browser) is revoked.
     *
     * @throws AuthException {@code INVALID_EMAIL}, {@code PASSWORD_TOO_SHORT}, {@code PASSWORD_TOO_LONG},
     *                       {@code INVALID_REQUEST_BODY} (name or image), {@code USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL}
     */
    public SignedIn signUp(SignUp request, ClientInfo client, List<SessionCookies.Credential> presented) {
        String email = normalizeEmail(request.email());
        String name = request.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "name must be 1 to " + MAX_NAME + " characters");
        }
        Optional<String> image = request.image().map(String::strip).filter(s -> !s.isEmpty());
        if (image.filter(s -> s.length() > MAX_IMAGE).isPresent()) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "image must be at most " + MAX_IMAGE + " characters");
        }
        checkPasswordLength(request.password());
        String hash = passwords.hash(request.password());
        Instant now = now();
        User user = new User(tokens.newId(), name, email, false, image, now, now, Map.of());
        String token = tokens.newToken();
        Session session = newSession(user.getId(), request.rememberMe(), client, now);
        try {
            users.createWithSession(user, hash, new NewSession(session, TokenHasher.hash(token)));
        } catch (DuplicateEmailException e) {
            throw new AuthException(ErrorCode.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL);
        }
        revokePresented(presented);
        return new SignedIn(user, session, token);
    }

    /**
     * Checks an e-mail and password and creates a new session (never reuses one). Unknown e-mail and wrong
     * password give the same answer after the same bcrypt work.
     *
     * @throws AuthException {@code INVALID_EMAIL}, {@code INVALID_EMAIL_OR_PASSWORD}
     */
    public SignedIn signIn(String email, String password, boolean rememberMe, ClientInfo client,
                           List<SessionCookies.Credential> presented) {
        String normalized = normalizeEmail(email);
        Optional<Credentials> credentials = password.length() > config.passwordMaxLength() * 4
                ? Optional.empty()
                : users.findCredentials(normalized);
        boolean ok = credentials.isPresent()
                ? passwords.verify(password, credentials.get().passwordHash())
                : passwords.verifyNobody(password);
        if (!ok) {
            throw new AuthException(ErrorCode.INVALID_EMAIL_OR_PASSWORD);
        }
        User user = credentials.get().user();
        Instant now = now();
        String token = tokens.newToken();
        Session session = newSession(user.getId(), rememberMe, client, now);
        sessions.create(new NewSession(session, TokenHasher.hash(token)));
        revokePresented(presented);
        return new SignedIn(user, session, token);
    }

    /** Ends the live session the credentials name, if any: the row is deleted. Whether there was one. */
    public boolean signOut(List<SessionCookies.Credential> credentials) {
        return resolve(credentials, false).session().map(s -> sessions.delete(s.getId())).orElse(false);
    }

    private void revokePresented(List<SessionCookies.Credential> presented) {
        try {
            signOut(presented);
        } catch (StoreUnavailableException e) {
            // The new session exists; the old one still expires on its own. Do not fail the sign-in for it.
            LOG.log(System.Logger.Level.WARNING, "could not revoke the session presented at sign-in: " + e.getMessage());
        }
    }

    private Session newSession(String userId, boolean rememberMe, ClientInfo client, Instant now) {
        boolean remember = rememberMe && config.rememberMe();
        Duration cap = config.absoluteMaxAge().isZero() ? NO_CAP : config.absoluteMaxAge();
        Instant absolute = now.plus(cap);
        Instant expires = remember
                ? min(now.plus(config.maxAge()), absolute)
                : min(now.plus(min(BROWSER_SESSION_ROW, config.maxAge())), absolute);
        return new Session(tokens.newId(), userId, expires, remember ? absolute : expires, now, now,
                client.ipAddress(), client.userAgent(), remember);
    }

    // ---- resolving a request's session ------------------------------------------------------------------------

    /**
     * Turns a credential (a signed cookie value, or a bearer token signed or raw) into a session: at most one
     * indexed read, and at most one conditional write when the sliding refresh is due. An expired session is
     * deleted and reported as {@link Resolution.Status#EXPIRED}; it is never returned.
     */
    public Resolution resolve(List<SessionCookies.Credential> credentials, boolean refresh) {
        Resolution first = Resolution.of(Resolution.Status.NONE);
        for (SessionCookies.Credential c : credentials) {
            Resolution r = resolve(c, refresh);
            if (r.isValid()) {
                return r;
            }
            first = first.status() == Resolution.Status.NONE ? r : first;
        }
        return first;
    }

    private Resolution resolve(SessionCookies.Credential c, boolean refresh) {
        Optional<String> token = c.fromCookie() ? signer.verify(c.value()).filter(TokenGenerator::looksLikeToken)
                : tokenOf(c.value());
        if (token.isEmpty()) {
            return Resolution.of(Resolution.Status.INVALID);
        }
        Optional<SessionAndUser> found = sessions.findByTokenHash(TokenHasher.hash(token.get()));
        if (found.isEmpty()) {
            return Resolution.of(Resolution.Status.UNKNOWN);
        }
        Session session = found.get().session();
        Instant now = now();
        if (session.isExpiredAt(now) || !now.isBefore(session.getAbsoluteExpiresAt())) {
            sessions.delete(session.getId());
            return Resolution.of(Resolution.Status.EXPIRED);
        }
        if (refresh && session.isRemember()
                && session.getUpdatedAt().isBefore(now.minus(config.updateAge()))) {
            Optional<Session> refreshed = extend(session, now);
            if (refreshed.isPresent()) {
                return Resolution.valid(refreshed.get(), found.get().user(), token.get(), true);
            }
        }
        return Resolution.valid(session, found.get().user(), token.get(), false);
    }

    /** A signed value, or a raw token (bearer clients may send the token from the sign-in body as it is). */
    private Optional<String> tokenOf(String value) {
        Optional<String> token = value.indexOf('.') >= 0 ? signer.verify(value) : Optional.of(value);
        return token.filter(TokenGenerator::looksLikeToken);
    }

    private Optional<Session> extend(Session session, Instant now) {
        Instant newExpiry = min(now.plus(config.maxAge()), session.getAbsoluteExpiresAt());
        if (!newExpiry.isAfter(session.getExpiresAt())) {
            return Optional.empty();
        }
        boolean wrote = sessions.extend(session.getId(), newExpiry, now, now.minus(config.updateAge()));
        return wrote ? Optional.of(session.refreshed(newExpiry, now)) : Optional.empty();
    }

    /**
     * Moves a remembered session's expiry to {@code now + maxAge} (capped by its absolute lifetime) right away,
     * whatever {@code updateAge} says. A browser-session ({@code rememberMe:false}) is returned unchanged.
     */
    public Session refresh(Session session) {
        Instant now = now();
        if (!session.isRemember()) {
            return session;
        }
        Instant newExpiry = min(now.plus(config.maxAge()), session.getAbsoluteExpiresAt());
        // "updated before now + 1ms" always holds, so an explicit refresh writes unless the row is gone.
        if (!sessions.extend(session.getId(), newExpiry, now, now.plusMillis(1))) {
            throw new AuthException(ErrorCode.UNAUTHORIZED, "The session has ended");
        }
        return session.refreshed(newExpiry, now);
    }

    /** The context a request gets for this resolution. */
    public AuthContext context(Resolution resolution) {
        String csrf = resolution.session().map(s -> signer.digest("csrf", s.getId())).orElse("");
        return new AuthContext(resolution, csrf, false);
    }

    /** The context of a request whose session could not be checked because the store is down. */
    public AuthContext unavailableContext() {
        return new AuthContext(Resolution.of(Resolution.Status.NONE), "", true);
    }

    // ---- listing and revoking -----------------------------------------------------------------------------------

    /** The user's live sessions, newest first. */
    public List<Session> listSessions(String userId) {
        return sessions.listLive(userId, now());
    }

    /** Revokes one of the user's own sessions by its handle; whether one was revoked. */
    public boolean revokeSession(String userId, String sessionId) {
        return sessions.deleteOwned(userId, sessionId);
    }

    /** Revokes every session of the user but {@code keepSessionId}; how many. */
    public int revokeOtherSessions(String userId, String keepSessionId) {
        return sessions.deleteAllOf(userId, Optional.of(keepSessionId));
    }

    /** Revokes every session of the user ("sign out from all devices"); how many. */
    public int revokeAllSessions(String userId) {
        return sessions.deleteAllOf(userId, Optional.empty());
    }

    /** Changes a user's name and image; the user afterwards. */
    public User updateUser(String userId, Optional<String> name, Optional<Optional<String>> image) {
        User current = users.findById(userId).orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
        String newName = name.map(String::strip).orElse(current.getName());
        if (newName.isEmpty() || newName.length() > MAX_NAME) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "name must be 1 to " + MAX_NAME + " characters");
        }
        Optional<String> newImage = image.orElse(current.image()).map(String::strip).filter(s -> !s.isEmpty());
        if (newImage.filter(s -> s.length() > MAX_IMAGE).isPresent()) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "image must be at most " + MAX_IMAGE + " characters");
        }
        return users.updateProfile(userId, newName, newImage, now())
                .orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
    }

    // ---- the app's own calls --------------------------------------------------------------------------------

    /** The request's session, like Better Auth's {@code getServerSession}. */
    public Optional<Session> getSession(HttpServletRequest request) {
        return context(request).session();
    }

    /** The request's signed-in user. */
    public Optional<User> getUser(HttpServletRequest request) {
        return context(request).user();
    }

    /**
     * The signed-in user's id, like Convex's {@code getAuthUserId}.
     *
     * @throws AuthException {@code UNAUTHORIZED}, {@code SESSION_EXPIRED}, {@code INVALID_TOKEN} or
     *                       {@code SERVICE_UNAVAILABLE} when there is no usable session
     */
    public String requireUserId(HttpServletRequest request) {
        AuthContext context = context(request);
        return context.user().map(User::getId).orElseThrow(() -> new AuthException(context.failure()));
    }

    /** Signs the request's session out: row deleted, cookies expired. */
    public void signOut(HttpServletRequest request, HttpServletResponse response) {
        context(request).session().ifPresent(s -> sessions.delete(s.getId()));
        cookies.clear(request, response);
    }

    /** Signs the request's user out everywhere: every session row deleted, this browser's cookies expired. */
    public void signOutAll(HttpServletRequest request, HttpServletResponse response) {
        context(request).user().ifPresent(u -> sessions.deleteAllOf(u.getId(), Optional.empty()));
        cookies.clear(request, response);
    }

    /** The request's context as the filter resolved it; resolved now (without refresh) if the filter did not. */
    public AuthContext context(HttpServletRequest request) {
        if (request.getAttribute(AuthContext.ATTRIBUTE) instanceof AuthContext context) {
            return context;
        }
        try {
            return context(resolve(cookies.credentials(request), false));
        } catch (StoreUnavailableException e) {
            return unavailableContext();
        }
    }

    // ---- housekeeping --------------------------------------------------------------------------------------

    /** Deletes expired sessions in batches; run periodically in the background. */
    void deleteExpiredSessions() {
        try {
            Instant now = now();
            int deleted;
            do {
                deleted = sessions.deleteExpired(now, CLEANUP_BATCH);
            } while (deleted == CLEANUP_BATCH);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "deleting expired sessions failed; will retry: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        cleaner.shutdownNow();
        try {
            closeDataSource.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "closing the session store failed: " + e.getMessage());
        }
    }

    private Instant now() {
        // Millisecond precision: what every database keeps, so values read back compare equal.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private String normalizeEmail(String email) {
        String e = email.strip().toLowerCase(Locale.ROOT);
        if (e.length() > MAX_EMAIL || !EMAIL.matcher(e).matches()) {
            throw new AuthException(ErrorCode.INVALID_EMAIL);
        }
        return e;
    }

    private void checkPasswordLength(String password) {
        int length = password.codePointCount(0, password.length());
        if (length < config.passwordMinLength()) {
            throw new AuthException(ErrorCode.PASSWORD_TOO_SHORT,
                    "Password must be at least " + config.passwordMinLength() + " characters");
        }
        if (length > config.passwordMaxLength()) {
            throw new AuthException(ErrorCode.PASSWORD_TOO_LONG,
                    "Password must be at most " + config.passwordMaxLength() + " characters");
        }
    }

    private static <T extends Comparable<T>> T min(T a, T b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Builds a {@link SessionAuth} from settings given in code, over system properties and the environment. */
    public static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>();
        private AuthConfig config;
        private DataSource dataSource;
        private Clock clock = Clock.systemUTC();
        private Properties systemProperties = System.getProperties();
        private Map<String, String> environment = System.getenv();

        private Builder() {
        }

        /** A setting by its name (DESIGN.md section 3), e.g. {@code set("session.maxAge", "30d")}. */
        public Builder set(String name, String value) {
            values.put(name, value);
            return this;
        }

        /** A configuration already read (the filter's, from init-params); replaces {@link #set} and the defaults' sources. */
        public Builder config(AuthConfig config) {
            this.config = config;
            return this;
        }

        /** Sessions and users live here instead of where the settings point; the caller keeps ownership. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /** The clock for every timestamp and expiry; tests move it. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The system properties to read {@code sessionauth.*} settings from (default: the JVM's). */
        public Builder systemProperties(Properties properties) {
            this.systemProperties = properties;
            return this;
        }

        /** The environment to read {@code SESSIONAUTH_*} settings from (default: the process's). */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /**
         * Validates the settings, opens the store, creates or migrates the tables.
         *
         * @throws ConfigException a setting is wrong
         * @throws StoreUnavailableException the store cannot be reached
         */
        public SessionAuth build() {
            if (config != null && !values.isEmpty()) {
                throw new IllegalStateException("use either config(AuthConfig) or set(name, value), not both");
            }
            AuthConfig c = config != null ? config : AuthConfig.load(new ArrayList<>(List.of(
                    ConfigSource.of("builder setting", values),
                    ConfigSource.systemProperties(systemProperties),
                    ConfigSource.environment(environment))));
            if (dataSource != null) {
                return new SessionAuth(c, clock, dataSource, () -> { });
            }
            DataSources.Opened opened = DataSources.open(c);
            try {
                return new SessionAuth(c, clock, opened.dataSource(), opened.closer());
            } catch (RuntimeException e) {
                try {
                    opened.closer().close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
    }
}
