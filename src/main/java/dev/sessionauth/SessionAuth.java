package dev.sessionauth;

import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.config.ConfigException;
import dev.sessionauth.config.ConfigSource;
import dev.sessionauth.config.LinkOrigins;
import dev.sessionauth.config.Origins;
import dev.sessionauth.crypto.CommonPasswords;
import dev.sessionauth.crypto.CookieSigner;
import dev.sessionauth.crypto.PasswordHasher;
import dev.sessionauth.crypto.TokenGenerator;
import dev.sessionauth.crypto.TokenHasher;
import dev.sessionauth.crypto.SessionClaims;
import dev.sessionauth.crypto.SessionJwt;
import dev.sessionauth.store.AttemptStore;
import dev.sessionauth.store.MemoryAttemptStore;
import dev.sessionauth.store.VerificationStore;
import dev.sessionauth.store.jdbc.JdbcAttemptStore;
import dev.sessionauth.store.jdbc.JdbcVerificationStore;
import java.net.URLEncoder;
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
    /** Accounts whose failed sign-ins are counted in memory at once: about an hour of bcrypt work at full speed. */
    private static final long MEMORY_ATTEMPT_KEYS = 100_000;

    private static final String VERIFICATION_PREFIX = "email-verification:";

    private final AuthConfig config;
    private final Clock clock;
    private final UserStore users;
    private final SessionStore sessions;
    private final VerificationStore verifications;
    private final AttemptStore attempts;
    private final TokenGenerator tokens;
    private final CookieSigner signer;
    private final Optional<SessionJwt> sessionJwt;
    private final PasswordHasher passwords;
    private final FieldValues userFields;
    private final FieldValues sessionFields;
    private final SessionEvents events;
    private final VerificationSender verificationSender;
    private final LinkOrigins linkOrigins;
    private final ScheduledExecutorService background;
    private final AutoCloseable closeDataSource;

    private SessionAuth(AuthConfig config, Clock clock, DataSource dataSource, AutoCloseable closeDataSource,
                        List<SessionListener> listeners, VerificationSender verificationSender) {
        this.config = config;
        this.clock = clock;
        this.closeDataSource = closeDataSource;
        prepareSchema(config, dataSource);
        this.users = new JdbcUserStore(dataSource, config.userFields(), config.sessionFields());
        this.sessions = new JdbcSessionStore(dataSource, config.userFields(), config.sessionFields());
        this.verifications = new JdbcVerificationStore(dataSource);
        this.attempts = config.rateLimitStorage() == AuthConfig.RateLimitStorage.DATABASE
                ? new JdbcAttemptStore(dataSource) : new MemoryAttemptStore(clock, MEMORY_ATTEMPT_KEYS);
        this.tokens = new TokenGenerator();
        List<byte[]> secrets = secrets(config, new JdbcMetaStore(dataSource), tokens);
        this.signer = new CookieSigner(secrets);
        this.sessionJwt = config.strategy() == AuthConfig.SessionStrategy.JWT
                ? Optional.of(new SessionJwt(secrets)) : Optional.empty();
        this.passwords = new PasswordHasher(config.bcryptCost());
        this.userFields = new FieldValues(config.userFields());
        this.sessionFields = new FieldValues(config.sessionFields());
        this.events = new SessionEvents(listeners);
        this.verificationSender = verificationSender;
        this.linkOrigins = new LinkOrigins(config);
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sessionauth-background");
            t.setDaemon(true);
            return t;
        });
        background.scheduleWithFixedDelay(this::deleteExpiredRows, 1, 10, TimeUnit.MINUTES);
    }

    private static void prepareSchema(AuthConfig config, DataSource dataSource) {
        switch (config.schema()) {
            case AUTO -> {
                Schema.migrate(dataSource);
                Schema.addFieldColumns(dataSource, config.userFields(), config.sessionFields());
            }
            case VALIDATE -> {
                Optional<Integer> version = Schema.version(dataSource);
                if (version.isEmpty() || version.get() != Schema.CURRENT_VERSION) {
                    throw new ConfigException("schema: validate found " + version.map(v -> "schema version " + v)
                            .orElse("no SessionAuth tables") + ", this version needs " + Schema.CURRENT_VERSION
                            + "; start once with schema=auto or apply the migration");
                }
                List<String> missing = Schema.missingFieldColumns(dataSource, config.userFields(), config.sessionFields());
                if (!missing.isEmpty()) {
                    throw new ConfigException("schema: validate found no column for the declared fields "
                            + String.join(", ", missing) + "; start once with schema=auto or add the columns");
                }
            }
            case NONE -> { }
        }
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

    /** Signs and verifies the session cookie's value; the web layer's cookies use it. */
    public CookieSigner cookieSigner() {
        return signer;
    }

    /** The clock every timestamp and expiry comes from (the throttles' windows too). */
    public Clock clock() {
        return clock;
    }

    /**
     * Where the HTTP API counts failed sign-ins per account: memory, or the database under
     * {@code rateLimit.storage=database}.
     */
    public AttemptStore attempts() {
        return attempts;
    }

    // ---- sign-up, sign-in, sign-out ------------------------------------------------------------------------

    /**
     * Creates a user with a password and, unless {@code emailVerification.required}, signs them in. A session
     * presented by the caller (an earlier sign-in in the same browser) is revoked.
     *
     * @param fromClient whether {@code request.fields()} came from a client (then only {@code input} fields count)
     * @throws AuthException {@code INVALID_EMAIL}, {@code PASSWORD_TOO_SHORT}, {@code PASSWORD_TOO_LONG}, {@code PASSWORD_TOO_WEAK},
     *                       {@code INVALID_REQUEST_BODY} (name, image or a field), {@code USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL}
     */
    public SignUpResult signUp(SignUp request, ClientInfo client, Presented presented, boolean fromClient) {
        return signUp(request, client, presented, fromClient, Optional.empty());
    }

    /**
     * {@link #signUp(SignUp, ClientInfo, Presented, boolean)} with where the request reached the app, for the
     * verification link when {@code baseURL} is not set.
     */
    public SignUpResult signUp(SignUp request, ClientInfo client, Presented presented, boolean fromClient,
                               Optional<LinkBase> links) {
        String email = normalizeEmail(request.email());
        String name = checkName(request.name());
        Optional<String> image = checkImage(request.image());
        checkNewPassword(request.password());
        Map<String, Object> fields = userFields.forNewRow(request.fields(), fromClient);
        String hash = passwords.hash(request.password());
        Instant now = now();
        User user = new User(tokens.newId(), name, email, false, image, now, now, fields);
        boolean signIn = !config.emailVerificationRequired();
        String token = tokens.newToken();
        Session session = newSession(user.getId(), request.rememberMe(), client, now);
        try {
            users.create(user, hash, signIn ? Optional.of(new NewSession(session, TokenHasher.hash(token)))
                    : Optional.empty());
        } catch (DuplicateEmailException e) {
            throw new AuthException(ErrorCode.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL);
        }
        revokePresented(presented);
        if (config.sendVerificationOnSignUp()) {
            sendVerification(user, links, Optional.empty());
        }
        if (!signIn) {
            return new SignUpResult(user, Optional.empty());
        }
        events.publish(l -> l.created(session, user));
        return new SignUpResult(user, Optional.of(signedIn(user, session, token)));
    }

    /** {@link #signUp(SignUp, ClientInfo, Presented, boolean)} from code: every declared field may be set. */
    public SignUpResult signUp(SignUp request, ClientInfo client) {
        return signUp(request, client, Presented.none(), false);
    }

    /**
     * Checks an e-mail and password and creates a new session (never reuses one). Unknown e-mail and wrong
     * password give the same answer after the same bcrypt work.
     *
     * @throws AuthException {@code INVALID_EMAIL}, {@code INVALID_EMAIL_OR_PASSWORD}, {@code EMAIL_NOT_VERIFIED}
     *                       (when {@code emailVerification.required}; a new link is sent)
     */
    public SignedIn signIn(String email, String password, boolean rememberMe, ClientInfo client,
                           Presented presented) {
        return signIn(email, password, rememberMe, client, presented, Optional.empty());
    }

    /** {@link #signIn(String, String, boolean, ClientInfo, Presented)} with where the request reached the app. */
    public SignedIn signIn(String email, String password, boolean rememberMe, ClientInfo client,
                           Presented presented, Optional<LinkBase> links) {
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
        if (config.emailVerificationRequired() && !user.isEmailVerified()) {
            sendVerification(user, links, Optional.empty());
            throw new AuthException(ErrorCode.EMAIL_NOT_VERIFIED,
                    "Please verify your e-mail address first; we have sent you a new link");
        }
        Instant now = now();
        String token = tokens.newToken();
        Session session = newSession(user.getId(), rememberMe, client, now);
        sessions.create(new NewSession(session, TokenHasher.hash(token)));
        revokePresented(presented);
        events.publish(l -> l.created(session, user));
        return signedIn(user, session, token);
    }

    /** A new session's outcome: the browser gets its token cookie and, under the jwt strategy, the cache. */
    private SignedIn signedIn(User user, Session session, String token) {
        return new SignedIn(user, session, token, BrowserUpdate.set(token, session, cacheFor(session, user, token)));
    }

    /** Ends the live session the presented tokens name, if any: the row is deleted. Whether there was one. */
    public boolean signOut(Presented presented) {
        return revoke(resolveFromStore(presented, false), SessionListener.RevocationReason.SIGN_OUT);
    }

    private boolean revoke(Resolution r, SessionListener.RevocationReason reason) {
        Optional<Session> session = r.session();
        if (session.isPresent() && sessions.delete(session.get().getId())) {
            events.publish(l -> l.revoked(session.get(), reason));
            return true;
        }
        return false;
    }

    private void revokePresented(Presented presented) {
        try {
            revoke(resolveFromStore(presented, false), SessionListener.RevocationReason.REPLACED);
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
                client.ipAddress(), client.userAgent(), remember, sessionFields.forNewRow(Map.of(), false));
    }

    // ---- e-mail verification ------------------------------------------------------------------------------

    /**
     * Sends a verification link to the user with this address, if there is one and it is not verified yet. The
     * answer does not depend on either, so it tells nobody which addresses have accounts.
     *
     * @param links where the request reached the app; the link is built from {@code baseURL} when it is set
     */
    public void requestVerification(String email, LinkBase links, Optional<String> callbackURL) {
        String normalized = normalizeEmail(email);
        users.findCredentials(normalized).map(Credentials::user).filter(u -> !u.isEmailVerified())
                .ifPresent(u -> sendVerification(u, Optional.of(links), callbackURL));
    }

    /**
     * Where {@code <basePath>/verify-email} is: {@code baseURL}, else the origin the request reached; then the
     * context path (known only from a request) and {@code basePath}.
     */
    private Optional<String> verifyUrl(Optional<LinkBase> links) {
        String contextPath = links.map(LinkBase::contextPath).orElse("");
        return config.baseUrl().or(() -> links.map(LinkBase::origin))
                .map(origin -> origin + contextPath + config.basePath() + "/verify-email");
    }

    private void sendVerification(User user, Optional<LinkBase> links, Optional<String> callbackURL) {
        Optional<String> base = verifyUrl(links);
        if (base.isEmpty() || !linkOrigins.isTrusted(base.get())) {
            // A link built from an attacker's Host header would mail the secret to the attacker's server.
            LOG.log(System.Logger.Level.WARNING, "not sending a verification link to user " + user.getId() + ": "
                    + base.map(b -> "its origin " + Origins.of(b).orElse("(none)") + " is not trusted")
                            .orElse("no origin to build it from")
                    + "; set baseURL (or add the origin to trustedOrigins)");
            return;
        }
        String secret = tokens.newToken();
        Instant now = now();
        String identifier = VERIFICATION_PREFIX + user.getId();
        verifications.deleteAll(identifier);
        verifications.create(tokens.newId(), identifier, TokenHasher.hash(secret),
                now.plus(config.emailVerificationExpiresIn()), now);
        String link = base.get() + "?token=" + secret
                + callbackURL.map(c -> "&callbackURL=" + URLEncoder.encode(c, StandardCharsets.UTF_8)).orElse("");
        background.execute(() -> {
            try {
                verificationSender.send(user, link);
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "sending the verification link to user " + user.getId()
                        + " failed: " + e);
            }
        });
    }

    /**
     * Uses up a verification secret and marks its user's address verified. A browser signed in as that user gets
     * its jwt cache replaced, so it does not keep a cached "unverified" until the cache expires.
     *
     * @param presented the credentials of the request that opened the link
     * @throws AuthException {@code INVALID_TOKEN} when the secret is unknown, used or expired
     */
    public EmailVerified verifyEmail(String secret, Presented presented) {
        if (!TokenGenerator.looksLikeToken(secret)) {
            throw new AuthException(ErrorCode.INVALID_TOKEN, "This verification link is not valid");
        }
        Instant now = now();
        String userId = verifications.consume(TokenHasher.hash(secret), now)
                .filter(id -> id.startsWith(VERIFICATION_PREFIX)).map(id -> id.substring(VERIFICATION_PREFIX.length()))
                .orElseThrow(() -> new AuthException(ErrorCode.INVALID_TOKEN,
                        "This verification link is not valid: it was used already, has expired or never existed"));
        users.markEmailVerified(userId, now);
        User user = users.findById(userId).orElseThrow(() -> new AuthException(ErrorCode.INVALID_TOKEN));
        Resolution current = resolveFromStore(presented, false);
        BrowserUpdate browser = current.isValid() && current.user().orElseThrow().getId().equals(userId)
                ? BrowserUpdate.keep(cacheFor(current.session().orElseThrow(), user, current.token().orElseThrow()))
                : BrowserUpdate.KEEP;
        return new EmailVerified(user, browser);
    }

    /** Where verification links go; the logging sender unless one was configured. */
    public VerificationSender verificationSender() {
        return verificationSender;
    }

    // ---- resolving a request's session ------------------------------------------------------------------------

    /**
     * Turns a request's credentials (signed cookie values, or a bearer token signed or raw) into a session: at
     * most one indexed read per credential, and at most one conditional write when the sliding refresh is due.
     * Under the jwt strategy a valid {@code session_data} cookie that belongs to the session cookie answers
     * without any read (unless {@code mode} says otherwise). An expired session is deleted and reported as
     * {@link Resolution.Status#EXPIRED}. The outcome says what the browser must be told:
     * {@link Resolution#browser()}.
     */
    public Resolution resolve(Presented presented, ResolveMode mode) {
        if (mode.readCache() && sessionJwt.isPresent() && presented.sessionCache().isPresent()
                && !presented.candidates().isEmpty()) {
            Optional<Resolution> cached = fromCache(presented.candidates().get(0), presented.sessionCache().get());
            if (cached.isPresent()) {
                return cached.get();
            }
        }
        Resolution r = resolveFromStore(presented, mode.refresh());
        if (r.isStale()) {
            return r.withBrowser(BrowserUpdate.CLEAR);
        }
        if (!r.isValid()) {
            return r;
        }
        Optional<BrowserUpdate.SessionCache> cache = mode.issueCache()
                ? cacheFor(r.session().orElseThrow(), r.user().orElseThrow(), r.token().orElseThrow())
                : Optional.empty();
        return r.withBrowser(r.refreshed()
                ? BrowserUpdate.set(r.token().orElseThrow(), r.session().orElseThrow(), cache)
                : BrowserUpdate.keep(cache));
    }

    private Resolution resolveFromStore(Presented presented, boolean refresh) {
        Resolution first = Resolution.of(Resolution.Status.NONE);
        for (Presented.Candidate c : presented.candidates()) {
            Resolution r = resolveOne(c, refresh);
            if (r.isValid()) {
                return r;
            }
            first = first.status() == Resolution.Status.NONE ? r : first;
        }
        return first;
    }

    private Optional<Resolution> fromCache(Presented.Candidate candidate, String jwt) {
        if (candidate.source() != Presented.Source.COOKIE) {
            return Optional.empty();
        }
        Optional<String> token = candidate.token().filter(TokenGenerator::looksLikeToken);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        Instant now = now();
        return sessionJwt.get().verify(jwt, now)
                // The cache belongs to exactly this session cookie: a cookie swapped in beside it is not trusted.
                .filter(claims -> TokenHasher.hash(token.get()).equals(claims.get(SessionClaims.TOKEN_HASH)))
                .flatMap(SessionClaims::read)
                .filter(e -> now.isBefore(e.getKey().getExpiresAt()))
                .map(e -> Resolution.valid(e.getKey(), e.getValue(), token.get(), false, true));
    }

    /**
     * The {@code session_data} JWT for a session read from the store (jwt strategy only): it lives
     * {@code session.cookieCache.maxAge}, never past the session's own expiry.
     */
    private Optional<BrowserUpdate.SessionCache> cacheFor(Session session, User user, String token) {
        if (sessionJwt.isEmpty()) {
            return Optional.empty();
        }
        Instant now = now();
        Instant expires = min(now.plus(config.cookieCacheMaxAge()), session.getExpiresAt());
        String jwt = sessionJwt.get().issue(SessionClaims.of(session, user, TokenHasher.hash(token)), now, expires);
        return Optional.of(new BrowserUpdate.SessionCache(jwt, expires, !session.isRemember()));
    }

    /** A valid outcome for a session and user just written: the browser keeps its token and gets a fresh cache. */
    private Resolution changed(Session session, User user, String token, boolean refreshed) {
        Optional<BrowserUpdate.SessionCache> cache = cacheFor(session, user, token);
        return Resolution.valid(session, user, token, refreshed, false).withBrowser(refreshed
                ? BrowserUpdate.set(token, session, cache) : BrowserUpdate.keep(cache));
    }


    private Resolution resolveOne(Presented.Candidate c, boolean refresh) {
        Optional<String> token = c.token().filter(TokenGenerator::looksLikeToken);
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
            if (sessions.delete(session.getId())) {
                events.publish(l -> l.expired(session));
            }
            return Resolution.expired(session);
        }
        if (refresh && session.isRemember()
                && session.getUpdatedAt().isBefore(now.minus(config.updateAge()))) {
            Optional<Session> refreshed = extend(session, now);
            if (refreshed.isPresent()) {
                events.publish(l -> l.refreshed(refreshed.get()));
                return Resolution.valid(refreshed.get(), found.get().user(), token.get(), true, false);
            }
        }
        return Resolution.valid(session, found.get().user(), token.get(), false, false);
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
     * Moves the current remembered session's expiry to {@code now + maxAge} (capped by its absolute lifetime) right
     * away, whatever {@code updateAge} says; the browser gets its cookie re-set. A browser session
     * ({@code rememberMe:false}) keeps its expiry.
     *
     * @param current a valid resolution of the request's session
     */
    public Resolution refresh(Resolution current) {
        Session session = current.session().orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
        Instant now = now();
        Session refreshed = session;
        if (session.isRemember()) {
            Instant newExpiry = min(now.plus(config.maxAge()), session.getAbsoluteExpiresAt());
            // "updated before now + 1ms" always holds, so an explicit refresh writes unless the row is gone.
            if (!sessions.extend(session.getId(), newExpiry, now, now.plusMillis(1))) {
                throw new AuthException(ErrorCode.UNAUTHORIZED, "The session has ended");
            }
            refreshed = session.refreshed(newExpiry, now);
            Session published = refreshed;
            events.publish(l -> l.refreshed(published));
        }
        return changed(refreshed, current.user().orElseThrow(), current.token().orElseThrow(), true);
    }

    /** The context a request gets for this resolution. */
    public AuthContext context(Resolution resolution) {
        // Computed only when a page or the form check asks: most requests never need it.
        return new AuthContext(resolution,
                () -> resolution.session().map(s -> signer.digest("csrf", s.getId())).orElse(""), false);
    }

    /** The context of a request whose session could not be checked because the store is down. */
    public AuthContext unavailableContext() {
        return new AuthContext(Resolution.of(Resolution.Status.NONE), () -> "", true);
    }

    /** Whether the session's sign-in is younger than {@code session.freshAge}. */
    public boolean isFresh(Session session) {
        return session.isFreshAt(now(), config.freshAge());
    }

    /**
     * Judges the request's session against {@code validation}, like Better Auth's {@code validateSession}: the
     * seed's {@code validateSession({requireVerified: true, allowExpired: false})} is
     * {@code validateSession(request, Validation.requireVerified().allowExpired(false))}.
     */
    public SessionValidation validateSession(HttpServletRequest request, Validation validation) {
        AuthContext context = context(request);
        Resolution r = context.resolution();
        if (!r.isValid()) {
            Optional<Session> expired = validation.expiredAllowed() ? r.expiredSession() : Optional.empty();
            return new SessionValidation(false, expired, Optional.empty(), r.status() == Resolution.Status.EXPIRED,
                    Optional.of(context.failure()));
        }
        Session session = r.session().orElseThrow();
        User user = r.user().orElseThrow();
        Optional<ErrorCode> failure = validation.verifiedRequired() && !user.isEmailVerified()
                ? Optional.of(ErrorCode.EMAIL_NOT_VERIFIED)
                : validation.freshRequired() && !isFresh(session)
                ? Optional.of(ErrorCode.SESSION_NOT_FRESH)
                : Optional.empty();
        return new SessionValidation(failure.isEmpty(), Optional.of(session), Optional.of(user), false, failure);
    }

    // ---- listing, revoking, updating ----------------------------------------------------------------------------

    /** The user's live sessions, newest first. */
    public List<Session> listSessions(String userId) {
        return sessions.listLive(userId, now());
    }

    /** Revokes one of the user's own sessions by its handle; whether one was revoked. */
    public boolean revokeSession(String userId, String sessionId) {
        Optional<Session> doomed = events.active()
                ? listSessions(userId).stream().filter(s -> s.getId().equals(sessionId)).findFirst()
                : Optional.empty();
        boolean deleted = sessions.deleteOwned(userId, sessionId);
        if (deleted) {
            doomed.ifPresent(s -> events.publish(l -> l.revoked(s, SessionListener.RevocationReason.REVOKE)));
        }
        return deleted;
    }

    /** Revokes every session of the user but {@code keepSessionId}; how many. */
    public int revokeOtherSessions(String userId, String keepSessionId) {
        List<Session> doomed = events.active()
                ? listSessions(userId).stream().filter(s -> !s.getId().equals(keepSessionId)).toList()
                : List.of();
        int n = sessions.deleteAllOf(userId, Optional.of(keepSessionId));
        doomed.forEach(s -> events.publish(l -> l.revoked(s, SessionListener.RevocationReason.REVOKE_OTHERS)));
        return n;
    }

    /** Revokes every session of the user ("sign out from all devices"); how many. */
    public int revokeAllSessions(String userId) {
        List<Session> doomed = events.active() ? listSessions(userId) : List.of();
        int n = sessions.deleteAllOf(userId, Optional.empty());
        doomed.forEach(s -> events.publish(l -> l.revoked(s, SessionListener.RevocationReason.REVOKE_ALL)));
        return n;
    }

    /**
     * Changes a user's name, image and additional fields (from a client: only {@code input} fields); the user
     * afterwards.
     */
    public User updateUser(String userId, Optional<String> name, Optional<Optional<String>> image,
                           Map<String, Object> fields, boolean fromClient) {
        User current = users.findById(userId).orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
        String newName = name.map(this::checkName).orElse(current.getName());
        Optional<String> newImage = image.map(this::checkImage).orElse(current.image());
        Map<String, Object> changes = userFields.forUpdate(fields, fromClient);
        return users.updateProfile(userId, newName, newImage, changes, now())
                .orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
    }

    /** Changes a user's name and image. */
    public User updateUser(String userId, Optional<String> name, Optional<Optional<String>> image) {
        return updateUser(userId, name, image, Map.of(), false);
    }

    /** {@link #updateUser(String, Optional, Optional, Map, boolean)} for the request's session's user; the browser's cache follows. */
    public Resolution updateUser(Resolution current, Optional<String> name, Optional<Optional<String>> image,
                                 Map<String, Object> fields, boolean fromClient) {
        User user = current.user().orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
        User updated = updateUser(user.getId(), name, image, fields, fromClient);
        return changed(current.session().orElseThrow(), updated, current.token().orElseThrow(), false);
    }

    /** Sets additional session fields (from a client: only {@code input} ones); the session afterwards. */
    public Session updateSession(Session session, Map<String, Object> fields, boolean fromClient) {
        Map<String, Object> changes = sessionFields.forUpdate(fields, fromClient);
        if (!changes.isEmpty() && !sessions.updateFields(session.getId(), changes, now())) {
            throw new AuthException(ErrorCode.UNAUTHORIZED, "The session has ended");
        }
        Map<String, Object> merged = new LinkedHashMap<>(session.getFields());
        merged.putAll(changes);
        return session.withFields(merged, session.getUpdatedAt());
    }

    /** {@link #updateSession(Session, Map, boolean)} for the request's session; the browser's cache follows. */
    public Resolution updateSession(Resolution current, Map<String, Object> fields, boolean fromClient) {
        Session session = current.session().orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
        Session updated = updateSession(session, fields, fromClient);
        return changed(updated, current.user().orElseThrow(), current.token().orElseThrow(), false);
    }

    /** Whether clients may set this user field (at sign-up, through update-user). */
    public boolean isClientWritableUserField(String name) {
        return userFields.isClientWritable(name);
    }

    /** Whether clients may set this session field (through update-session). */
    public boolean isClientWritableSessionField(String name) {
        return sessionFields.isClientWritable(name);
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
        SessionTransport transport = transport(request);
        signOut(transport.presented(request));
        transport.apply(request, response, BrowserUpdate.CLEAR);
    }

    /** Signs the request's user out everywhere: every session row deleted, this browser's cookies expired. */
    public void signOutAll(HttpServletRequest request, HttpServletResponse response) {
        context(request).user().ifPresent(u -> revokeAllSessions(u.getId()));
        transport(request).apply(request, response, BrowserUpdate.CLEAR);
    }

    /** The request's context as the filter resolved it; resolved now (without refresh) if the filter did not. */
    public AuthContext context(HttpServletRequest request) {
        if (request.getAttribute(AuthContext.ATTRIBUTE) instanceof AuthContext context) {
            return context;
        }
        try {
            return context(resolve(transport(request).presented(request), ResolveMode.PEEK));
        } catch (StoreUnavailableException e) {
            return unavailableContext();
        }
    }

    /** The cookies of the filter that covers this request. */
    private static SessionTransport transport(HttpServletRequest request) {
        Object transport = request.getAttribute(SessionTransport.ATTRIBUTE);
        if (transport == null) {
            transport = request.getServletContext().getAttribute(SessionTransport.ATTRIBUTE);
        }
        if (transport instanceof SessionTransport t) {
            return t;
        }
        throw new IllegalStateException("SessionAuth's cookies are not set up for this request: declare"
                + " SessionAuthFilter in web.xml with a <filter-mapping> that covers this path");
    }

    // ---- housekeeping --------------------------------------------------------------------------------------

    /** Deletes expired sessions, verification secrets and throttle windows in batches; run periodically. */
    void deleteExpiredRows() {
        try {
            Instant now = now();
            int deleted;
            do {
                deleted = sessions.deleteExpired(now, CLEANUP_BATCH);
            } while (deleted == CLEANUP_BATCH);
            do {
                deleted = verifications.deleteExpired(now, CLEANUP_BATCH);
            } while (deleted == CLEANUP_BATCH);
            do {
                deleted = attempts.deleteEnded(now, CLEANUP_BATCH);
            } while (deleted == CLEANUP_BATCH);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "deleting expired rows failed; will retry: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        background.shutdownNow();
        events.close();
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

    private String checkName(String name) {
        String n = name.strip();
        if (n.isEmpty() || n.length() > MAX_NAME) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "name must be 1 to " + MAX_NAME + " characters");
        }
        return n;
    }

    private Optional<String> checkImage(Optional<String> image) {
        Optional<String> i = image.map(String::strip).filter(s -> !s.isEmpty());
        if (i.filter(s -> s.length() > MAX_IMAGE).isPresent()) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "image must be at most " + MAX_IMAGE + " characters");
        }
        return i;
    }

    private void checkNewPassword(String password) {
        int length = password.codePointCount(0, password.length());
        if (length < config.passwordMinLength()) {
            throw new AuthException(ErrorCode.PASSWORD_TOO_SHORT,
                    "Password must be at least " + config.passwordMinLength() + " characters");
        }
        if (length > config.passwordMaxLength()) {
            throw new AuthException(ErrorCode.PASSWORD_TOO_LONG,
                    "Password must be at most " + config.passwordMaxLength() + " characters");
        }
        if (config.rejectCommonPasswords() && CommonPasswords.contains(password)) {
            throw new AuthException(ErrorCode.PASSWORD_TOO_WEAK, "This password is one of the most common ones, which"
                    + " attackers try first; choose another (a few unrelated words make a strong one)");
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
        private final List<SessionListener> listeners = new ArrayList<>();
        private VerificationSender verificationSender;

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

        /** Hears about sessions created, refreshed, revoked and expired; may be called more than once. */
        public Builder listener(SessionListener listener) {
            listeners.add(listener);
            return this;
        }

        /** Delivers e-mail verification links (default: written to the log). */
        public Builder verificationSender(VerificationSender sender) {
            this.verificationSender = sender;
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
            List<SessionListener> allListeners = new ArrayList<>(listeners);
            c.listeners().forEach(name -> allListeners.add(instantiate("listeners", name, SessionListener.class)));
            VerificationSender sender = verificationSender != null ? verificationSender
                    : c.verificationSender().map(name -> instantiate("emailVerification.sender", name,
                            VerificationSender.class)).orElseGet(LoggingVerificationSender::new);
            if (dataSource != null) {
                return new SessionAuth(c, clock, dataSource, () -> { }, allListeners, sender);
            }
            DataSources.Opened opened = DataSources.open(c);
            try {
                return new SessionAuth(c, clock, opened.dataSource(), opened.closer(), allListeners, sender);
            } catch (RuntimeException e) {
                try {
                    opened.closer().close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }

        private static <T> T instantiate(String setting, String className, Class<T> type) {
            try {
                Class<?> c = Class.forName(className, true, Thread.currentThread().getContextClassLoader() != null
                        ? Thread.currentThread().getContextClassLoader() : SessionAuth.class.getClassLoader());
                if (!type.isAssignableFrom(c)) {
                    throw new ConfigException(setting + ": " + className + " does not implement " + type.getName());
                }
                return type.cast(c.getConstructor().newInstance());
            } catch (ClassNotFoundException e) {
                throw new ConfigException(setting + ": no class " + className + " on the app's classpath");
            } catch (ReflectiveOperationException e) {
                throw new ConfigException(setting + ": cannot create " + className
                        + " (it needs a public no-argument constructor): " + e);
            }
        }
    }
}
