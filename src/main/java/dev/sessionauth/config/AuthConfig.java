package dev.sessionauth.config;

import static dev.sessionauth.config.Settings.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionauth.config.AdditionalField;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The validated, immutable configuration of one SessionAuth instance. It is read from several
 * {@link ConfigSource}s, strongest first; every unknown name or bad value stops start-up with a
 * {@link ConfigException} that names the setting and the fix.
 */
public final class AuthConfig {
    /** How a request's session is validated: against the store each time, or also through a signed JWT cookie. */
    public enum SessionStrategy { DATABASE, JWT }

    /** When cookies get the {@code Secure} attribute and the {@code __Secure-} prefix. */
    public enum SecureCookies { AUTO, ALWAYS, NEVER }

    /** The cookies' {@code SameSite} attribute; {@code None} is refused on purpose. */
    public enum SameSite {
        LAX("Lax"), STRICT("Strict");

        private final String attribute;

        SameSite(String attribute) {
            this.attribute = attribute;
        }

        /** The attribute value as written in {@code Set-Cookie}. */
        public String attribute() {
            return attribute;
        }
    }

    /** The {@code X-Frame-Options} answer: no framing at all, or only by the app's own pages. */
    public enum FrameOptions { DENY, SAMEORIGIN }

    /** What start-up does with the tables. */
    public enum SchemaMode { AUTO, VALIDATE, NONE }

    /** The {@code Referrer-Policy} values browsers understand (W3C Referrer Policy). */
    private static final List<String> REFERRER_POLICIES = List.of("no-referrer", "no-referrer-when-downgrade",
            "origin", "origin-when-cross-origin", "same-origin", "strict-origin", "strict-origin-when-cross-origin",
            "unsafe-url");
    /**
     * Where failed sign-ins are counted per account: in this instance's memory, or in the database, so that every
     * instance sharing it sees one count (per-address limits always stay in each instance's memory).
     */
    public enum RateLimitStorage { MEMORY, DATABASE }

    /** The smallest secret we accept, in bytes: a 256-bit HMAC key. */
    public static final int MIN_SECRET_BYTES = 32;

    private static final Duration MAX_HASH_QUEUE_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration MAX_BODY_TIMEOUT = Duration.ofMinutes(5);

    private final List<String> protectedPatterns;
    private final List<String> publicPatterns;
    private final Optional<String> loginPage;
    private final String basePath;
    private final Optional<String> baseUrl;
    private final List<String> trustedOrigins;
    private final boolean trustProxy;
    private final List<String> secrets;
    private final Duration maxAge;
    private final Duration updateAge;
    private final Duration absoluteMaxAge;
    private final Duration freshAge;
    private final boolean rememberMe;
    private final SessionStrategy strategy;
    private final Duration cookieCacheMaxAge;
    private final Duration revocationPollInterval;
    private final boolean csrfProtection;
    private final SecureCookies secureCookies;
    private final String cookiePrefix;
    private final SameSite sameSite;
    private final int passwordMinLength;
    private final int passwordMaxLength;
    private final int bcryptCost;
    private final boolean rejectCommonPasswords;
    private final boolean contentTypeOptions;
    private final Optional<FrameOptions> frameOptions;
    private final Optional<String> referrerPolicy;
    private final Optional<String> hsts;
    private final int maxConcurrentHashes;
    private final Duration hashQueueTimeout;
    private final boolean rateLimitEnabled;
    private final Duration rateLimitWindow;
    private final int rateLimitMax;
    private final Duration strictWindow;
    private final int strictMax;
    private final Duration signInWindow;
    private final int signInMaxFailures;
    private final RateLimitStorage rateLimitStorage;
    private final Optional<String> dataSource;
    private final Optional<String> jdbcUrl;
    private final Optional<String> jdbcUser;
    private final Optional<String> jdbcPassword;
    private final int jdbcMaxPoolSize;
    private final SchemaMode schema;
    private final List<String> verifiedPatterns;
    private final List<String> freshPatterns;
    private final List<AdditionalField> userFields;
    private final Set<String> appUserFieldNames;
    private final List<AdditionalField> sessionFields;
    private final boolean emailVerificationRequired;
    private final Duration emailVerificationExpiresIn;
    private final boolean sendVerificationOnSignUp;
    private final Optional<String> verificationSender;
    private final List<String> listeners;
    private final Optional<String> cookiePath;
    private final Optional<String> errorPage;
    private final AccountSettings accounts;
    private final Duration bodyTimeout;
    private final int maxConcurrentBodies;
    private final int maxSessionsPerUser;

    private final SettingReader reader;

    private AuthConfig(SettingReader r, List<AdditionalField> featureUserFields,
                       List<AdditionalField> featureSessionFields) {
        reader = r;
        protectedPatterns = r.list(PROTECTED);
        publicPatterns = r.list(PUBLIC);
        loginPage = r.optional(LOGIN_PAGE, v -> r.requirePath(LOGIN_PAGE, v));
        basePath = r.value(BASE_PATH, "/api/auth", v -> {
            String p = r.requirePath(BASE_PATH, v);
            if (p.equals("/") || p.endsWith("/")) {
                throw r.bad(BASE_PATH, v, "must be a path like /api/auth, not / and without a trailing slash");
            }
            return p;
        });
        baseUrl = r.optional(BASE_URL, v -> r.origin(BASE_URL, v));
        trustedOrigins = r.list(TRUSTED_ORIGINS).stream().map(v -> r.origin(TRUSTED_ORIGINS, v)).toList();
        trustProxy = r.bool(TRUST_PROXY, false);
        secrets = r.list(SECRET);
        for (String s : secrets) {
            if (s.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
                throw r.bad(SECRET, "(hidden)", "each secret must be at least " + MIN_SECRET_BYTES
                        + " bytes; generate one with: openssl rand -base64 32");
            }
        }
        if (secrets.isEmpty() && baseUrl.filter(u -> u.startsWith("https:")).isPresent()) {
            throw new ConfigException(SECRET + ": required when " + BASE_URL + " is https (production). A secret kept"
                    + " in the database beside the sessions would let a database leak forge cookies. Set "
                    + ConfigSource.envName(SECRET) + " or the init-param " + SECRET
                    + " to at least 32 random bytes, e.g. the output of: openssl rand -base64 32");
        }
        maxAge = r.duration(MAX_AGE, "7d");
        updateAge = r.duration(UPDATE_AGE, "1d");
        absoluteMaxAge = r.duration(ABSOLUTE_MAX_AGE, "30d");
        freshAge = r.duration(FRESH_AGE, "1d");
        rememberMe = r.bool(REMEMBER_ME, true);
        strategy = r.choice(STRATEGY, "database", SessionStrategy.class);
        cookieCacheMaxAge = r.duration(COOKIE_CACHE_MAX_AGE, "5m");
        revocationPollInterval = r.positiveDuration(REVOCATION_POLL_INTERVAL, "1s");
        csrfProtection = r.bool(CSRF_PROTECTION, true);
        secureCookies = r.value(REQUIRE_SECURE_COOKIE, "auto", v -> switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> SecureCookies.AUTO;
            case "true" -> SecureCookies.ALWAYS;
            case "false" -> SecureCookies.NEVER;
            default -> throw r.bad(REQUIRE_SECURE_COOKIE, v, "use auto, true or false");
        });
        cookiePrefix = r.value(COOKIE_PREFIX, "sessionauth", v -> {
            if (!v.matches("[A-Za-z0-9_-]{1,40}")) {
                throw r.bad(COOKIE_PREFIX, v, "use 1 to 40 letters, digits, '-' or '_'");
            }
            return v;
        });
        sameSite = r.value(COOKIE_SAME_SITE, "Lax", v -> switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "lax" -> SameSite.LAX;
            case "strict" -> SameSite.STRICT;
            case "none" -> throw r.bad(COOKIE_SAME_SITE, v,
                    "None is refused: it sends the session cookie on cross-site requests; use Lax or Strict");
            default -> throw r.bad(COOKIE_SAME_SITE, v, "use Lax or Strict");
        });
        passwordMinLength = r.integer(PASSWORD_MIN_LENGTH, 8, 1, 1024);
        passwordMaxLength = r.integer(PASSWORD_MAX_LENGTH, 128, 1, 4096);
        bcryptCost = r.integer(BCRYPT_COST, 10, 10, 31);
        rejectCommonPasswords = r.bool(PASSWORD_REJECT_COMMON, true);
        // One switch for all three, and each on its own, so an app that sets one itself keeps the other two.
        boolean headers = r.bool(SECURITY_HEADERS, true);
        contentTypeOptions = r.bool(CONTENT_TYPE_OPTIONS, true) && headers;
        frameOptions = r.value(FRAME_OPTIONS, "DENY", v -> switch (v.trim().toUpperCase(Locale.ROOT)) {
            case "DENY" -> Optional.of(FrameOptions.DENY);
            case "SAMEORIGIN" -> Optional.of(FrameOptions.SAMEORIGIN);
            case "OFF", "FALSE" -> Optional.<FrameOptions>empty();
            default -> throw r.bad(FRAME_OPTIONS, v, "use DENY, SAMEORIGIN or off (ALLOW-FROM is obsolete: browsers"
                    + " ignore it; use a Content-Security-Policy frame-ancestors of your own instead)");
        }).filter(f -> headers);
        referrerPolicy = r.value(REFERRER_POLICY, "strict-origin-when-cross-origin", v -> {
            String p = v.trim().toLowerCase(Locale.ROOT);
            if (p.equals("off") || p.equals("false")) {
                return Optional.<String>empty();
            }
            if (!REFERRER_POLICIES.contains(p)) {
                throw r.bad(REFERRER_POLICY, v, "use one of " + String.join(", ", REFERRER_POLICIES) + ", or off");
            }
            return Optional.of(p);
        }).filter(p -> headers);
        hsts = r.value(HSTS, "max-age=31536000; includeSubDomains", v -> {
            String h = v.trim();
            if (h.equalsIgnoreCase("off") || h.equalsIgnoreCase("false")) {
                return Optional.<String>empty();
            }
            if (!h.matches("(?i)max-age=\\d{1,10}(\\s*;\\s*(includeSubDomains|preload))*")) {
                throw r.bad(HSTS, v, "use a Strict-Transport-Security value such as max-age=31536000;"
                        + " includeSubDomains, or off");
            }
            return Optional.of(h);
        }).filter(h -> headers);
        // bcrypt is pure CPU: more hashes at once than cores only makes each one slower.
        maxConcurrentHashes = r.integer(MAX_CONCURRENT_HASHES,
                Math.min(1024, Math.max(1, Runtime.getRuntime().availableProcessors())), 1, 1024);
        hashQueueTimeout = r.positiveDuration(HASH_QUEUE_TIMEOUT, "5s");
        if (hashQueueTimeout.compareTo(MAX_HASH_QUEUE_TIMEOUT) > 0) {
            throw r.bad(HASH_QUEUE_TIMEOUT, Durations.format(hashQueueTimeout), "is too long; use at most "
                    + Durations.format(MAX_HASH_QUEUE_TIMEOUT) + ": every waiting sign-in holds a request thread");
        }
        rateLimitEnabled = r.bool(RATE_LIMIT_ENABLED, true);
        rateLimitWindow = r.positiveDuration(RATE_LIMIT_WINDOW, "10s");
        rateLimitMax = r.integer(RATE_LIMIT_MAX, 100, 1, 1_000_000);
        strictWindow = r.positiveDuration(RATE_LIMIT_STRICT_WINDOW, "1m");
        strictMax = r.integer(RATE_LIMIT_STRICT_MAX, 30, 1, 1_000_000);
        signInWindow = r.positiveDuration(RATE_LIMIT_SIGN_IN_WINDOW, "15m");
        signInMaxFailures = r.integer(RATE_LIMIT_SIGN_IN_MAX_FAILURES, 5, 1, 1000);
        rateLimitStorage = r.choice(RATE_LIMIT_STORAGE, "memory", RateLimitStorage.class);
        dataSource = r.optional(DATA_SOURCE, String::trim);
        jdbcUrl = r.optional(JDBC_URL, v -> {
            if (!v.trim().startsWith("jdbc:")) {
                throw r.bad(JDBC_URL, v, "a JDBC URL starts with jdbc:, e.g. jdbc:h2:./data/sessionauth");
            }
            return v.trim();
        });
        jdbcUser = r.optional(JDBC_USER, Function.identity());
        jdbcPassword = r.optional(JDBC_PASSWORD, Function.identity());
        jdbcMaxPoolSize = r.integer(JDBC_MAX_POOL_SIZE, 16, 1, 1000);
        schema = r.choice(SCHEMA, "auto", SchemaMode.class);
        verifiedPatterns = r.list(VERIFIED);
        freshPatterns = r.list(FRESH);
        ObjectMapper json = new ObjectMapper();
        List<AdditionalField> appUserFields = r.fields(USER_FIELDS, json);
        appUserFieldNames = appUserFields.stream().map(AdditionalField::name)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        userFields = withFeatureFields(USER_FIELDS, appUserFields, featureUserFields);
        sessionFields = withFeatureFields(SESSION_FIELDS, r.fields(SESSION_FIELDS, json), featureSessionFields);
        emailVerificationRequired = r.bool(EMAIL_VERIFICATION_REQUIRED, false);
        emailVerificationExpiresIn = r.duration(EMAIL_VERIFICATION_EXPIRES_IN, "1h");
        sendVerificationOnSignUp = r.bool(EMAIL_VERIFICATION_SEND_ON_SIGN_UP, emailVerificationRequired);
        verificationSender = r.optional(EMAIL_VERIFICATION_SENDER, v -> r.className(EMAIL_VERIFICATION_SENDER, v));
        listeners = r.list(LISTENERS).stream().map(v -> r.className(LISTENERS, v)).toList();
        // Deployment (issue 13): empty cookie.path = the context path, chosen by the filter that knows it.
        cookiePath = r.optional(COOKIE_PATH, v -> {
            String p = v.trim();
            if (!p.matches("/[A-Za-z0-9._~!$&'()*+=:@%/-]*")) {
                throw r.bad(COOKIE_PATH, v, "must be a URL path starting with /, e.g. /myapp, without ; ? # or spaces");
            }
            return p;
        });
        errorPage = r.optional(ERROR_PAGE, v -> r.requirePath(ERROR_PAGE, v));
        accounts = AccountSettings.read(r);
        bodyTimeout = r.positiveDuration(REQUEST_BODY_TIMEOUT, "10s");
        if (bodyTimeout.compareTo(MAX_BODY_TIMEOUT) > 0) {
            throw r.bad(REQUEST_BODY_TIMEOUT, Durations.format(bodyTimeout), "is too long; use at most "
                    + Durations.format(MAX_BODY_TIMEOUT) + ": a client that sends its body slowly holds the request"
                    + " that long");
        }
        maxConcurrentBodies = r.integer(REQUEST_MAX_CONCURRENT_BODIES, 20, 1, 100_000);
        maxSessionsPerUser = r.integer(SESSION_MAX_PER_USER, 100, 1, 100_000);

        if (maxAge.isZero()) {
            throw r.bad(MAX_AGE, "0", "a session must live longer than 0 seconds");
        }
        if (updateAge.compareTo(maxAge) >= 0) {
            throw new ConfigException(UPDATE_AGE + " (" + Durations.format(updateAge) + ") must be shorter than "
                    + MAX_AGE + " (" + Durations.format(maxAge) + "), or sessions expire before they are ever refreshed");
        }
        if (!absoluteMaxAge.isZero() && absoluteMaxAge.compareTo(maxAge) < 0) {
            throw new ConfigException(ABSOLUTE_MAX_AGE + " (" + Durations.format(absoluteMaxAge) + r.origin(ABSOLUTE_MAX_AGE)
                    + ") is shorter than " + MAX_AGE + " (" + Durations.format(maxAge)
                    + "); raise it to at least " + MAX_AGE + ", or set it to 0 for no cap");
        }
        if (cookieCacheMaxAge.isZero()) {
            throw r.bad(COOKIE_CACHE_MAX_AGE, "0", "use a positive duration such as 5m");
        }
        if (revocationPollInterval.compareTo(cookieCacheMaxAge) >= 0) {
            throw new ConfigException(REVOCATION_POLL_INTERVAL + " (" + Durations.format(revocationPollInterval)
                    + ") must be shorter than " + COOKIE_CACHE_MAX_AGE + " (" + Durations.format(cookieCacheMaxAge)
                    + "), or cached cookies expire before other instances learn of a revocation; 1s is the default");
        }
        if (passwordMinLength > passwordMaxLength) {
            throw new ConfigException(PASSWORD_MIN_LENGTH + " (" + passwordMinLength + ") is greater than "
                    + PASSWORD_MAX_LENGTH + " (" + passwordMaxLength + ")");
        }
        if (emailVerificationExpiresIn.isZero()) {
            throw r.bad(EMAIL_VERIFICATION_EXPIRES_IN, "0", "use a positive duration such as 1h");
        }
        if (dataSource.isPresent() && jdbcUrl.isPresent()) {
            throw new ConfigException(DATA_SOURCE + " and " + JDBC_URL + " are both set; keep one: a JNDI DataSource"
                    + " name, or a JDBC URL for SessionAuth's own pool");
        }
    }

    /** Reads and validates the configuration; {@code sources} are ordered strongest first. */
    public static AuthConfig load(List<ConfigSource> sources) {
        return load(sources, SettingNames.NONE);
    }

    /** Reads and validates the configuration, accepting the names the features {@code declared} too. */
    public static AuthConfig load(List<ConfigSource> sources, SettingNames declared) {
        return load(new SettingReader(sources, declared), List.of(), List.of());
    }

    /** A reader of {@code sources} that knows the core settings and the names the features {@code declared}. */
    public static SettingReader reader(List<ConfigSource> sources, SettingNames declared) {
        return new SettingReader(sources, declared);
    }

    /**
     * Reads and validates the configuration with the fields the started features add to users and sessions (a
     * second factor's {@code twoFactorEnabled}, an admin's {@code role}): columns and wire fields like declared
     * ones, never set by clients.
     */
    public static AuthConfig load(SettingReader reader, List<AdditionalField> featureUserFields,
                                  List<AdditionalField> featureSessionFields) {
        return new AuthConfig(reader, featureUserFields, featureSessionFields);
    }

    /**
     * The app's declared fields plus the features': a name both declare keeps the app's declaration if the type
     * agrees, but is never client-writable when the feature's is not; a different type stops the start.
     */
    private static List<AdditionalField> withFeatureFields(String setting, List<AdditionalField> declared,
                                                           List<AdditionalField> features) {
        List<AdditionalField> all = new java.util.ArrayList<>(declared);
        for (AdditionalField f : features) {
            int i = indexOf(all, f.name());
            if (i < 0) {
                all.add(f);
                continue;
            }
            AdditionalField app = all.get(i);
            if (app.type() != f.type()) {
                throw new ConfigException(setting + ": " + app.name() + " is declared as " + app.type().lowerName()
                        + ", but a switched-on feature keeps it as " + f.type().lowerName()
                        + "; declare it as " + f.type().lowerName() + " or remove the declaration");
            }
            all.set(i, new AdditionalField(app.name(), app.type(), app.required(), app.defaultValue(),
                    app.input() && f.input()));
        }
        return List.copyOf(all);
    }

    private static int indexOf(List<AdditionalField> fields, String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The configuration with every default: what a bare {@code <filter>} gets. */
    public static AuthConfig defaults() {
        return load(List.of());
    }

    public List<String> protectedPatterns() { return protectedPatterns; }
    public List<String> publicPatterns() { return publicPatterns; }
    public Optional<String> loginPage() { return loginPage; }
    public String basePath() { return basePath; }
    /** The app's public origin (scheme://host[:port]), when configured. */
    public Optional<String> baseUrl() { return baseUrl; }
    public List<String> trustedOrigins() { return trustedOrigins; }
    public boolean trustProxy() { return trustProxy; }
    /** The configured HMAC secrets, first signs, all verify; empty means a generated one kept in the database. */
    public List<String> secrets() { return secrets; }
    public Duration maxAge() { return maxAge; }
    public Duration updateAge() { return updateAge; }
    /** Zero means no cap. */
    public Duration absoluteMaxAge() { return absoluteMaxAge; }
    public Duration freshAge() { return freshAge; }
    public boolean rememberMe() { return rememberMe; }
    public SessionStrategy strategy() { return strategy; }
    public Duration cookieCacheMaxAge() { return cookieCacheMaxAge; }
    /** How often each instance reads the revocation log (jwt strategy): about the longest a revocation goes unseen. */
    public Duration revocationPollInterval() { return revocationPollInterval; }
    public boolean csrfProtection() { return csrfProtection; }
    public SecureCookies secureCookies() { return secureCookies; }
    public String cookiePrefix() { return cookiePrefix; }
    public SameSite sameSite() { return sameSite; }
    public int passwordMinLength() { return passwordMinLength; }
    public int passwordMaxLength() { return passwordMaxLength; }
    public int bcryptCost() { return bcryptCost; }
    /** Whether sign-up refuses passwords from the shipped list of the most common ones. */
    public boolean rejectCommonPasswords() { return rejectCommonPasswords; }
    /** Whether {@code X-Content-Type-Options: nosniff} goes on what the filter serves and guards. */
    public boolean contentTypeOptions() { return contentTypeOptions; }
    /** The {@code X-Frame-Options} value to send; empty when switched off. */
    public Optional<FrameOptions> frameOptions() { return frameOptions; }
    /** The {@code Referrer-Policy} value to send; empty when switched off. */
    public Optional<String> referrerPolicy() { return referrerPolicy; }
    /** The {@code Strict-Transport-Security} value for answers over https; empty when switched off. */
    public Optional<String> hsts() { return hsts; }
    /** How many password hashes (sign-in checks, sign-up hashes) run at once; the rest queue. */
    public int maxConcurrentHashes() { return maxConcurrentHashes; }
    /** How long a sign-in or sign-up waits in that queue before it is refused with 429. */
    public Duration hashQueueTimeout() { return hashQueueTimeout; }
    /** Whether the auth API throttles at all (per address and per account). */
    public boolean rateLimitEnabled() { return rateLimitEnabled; }
    /** Per client address, every API request: at most {@link #rateLimitMax()} in this window. */
    public Duration rateLimitWindow() { return rateLimitWindow; }
    public int rateLimitMax() { return rateLimitMax; }
    /** Per client address and endpoint, for sign-up and send-verification-email: at most {@link #strictMax()}. */
    public Duration strictWindow() { return strictWindow; }
    public int strictMax() { return strictMax; }
    /** Per account: {@link #signInMaxFailures()} failed sign-ins within this window lock it until the window ends. */
    public Duration signInWindow() { return signInWindow; }
    public int signInMaxFailures() { return signInMaxFailures; }
    public RateLimitStorage rateLimitStorage() { return rateLimitStorage; }
    public Optional<String> dataSource() { return dataSource; }
    public Optional<String> jdbcUrl() { return jdbcUrl; }
    public Optional<String> jdbcUser() { return jdbcUser; }
    public Optional<String> jdbcPassword() { return jdbcPassword; }
    public int jdbcMaxPoolSize() { return jdbcMaxPoolSize; }
    public SchemaMode schema() { return schema; }
    /** Patterns whose requests need a verified e-mail address. */
    public List<String> verifiedPatterns() { return verifiedPatterns; }
    /** Patterns whose requests need a sign-in younger than {@code session.freshAge}. */
    public List<String> freshPatterns() { return freshPatterns; }
    public List<AdditionalField> userFields() { return userFields; }
    /** The names of the user fields the app declares ({@code user.fields}), without those the features add. */
    public Set<String> appUserFieldNames() { return appUserFieldNames; }
    public List<AdditionalField> sessionFields() { return sessionFields; }
    public boolean emailVerificationRequired() { return emailVerificationRequired; }
    public Duration emailVerificationExpiresIn() { return emailVerificationExpiresIn; }
    public boolean sendVerificationOnSignUp() { return sendVerificationOnSignUp; }
    /** Class name of the {@code VerificationSender}; empty means the logging one. */
    public Optional<String> verificationSender() { return verificationSender; }
    /** Class names of {@code SessionListener}s to instantiate. */
    public List<String> listeners() { return listeners; }
    /** Mail and the account lifecycle: the mail sender, password resets, account deletion. */
    public AccountSettings accounts() { return accounts; }

    /**
     * How long the API waits for a request's whole body ({@code request.bodyTimeout}); a body that takes longer, or
     * trickles in slower than a minimum rate, is answered 408 and its connection closed.
     */
    public Duration bodyTimeout() { return bodyTimeout; }
    /** Request bodies one client address may have unfinished at once; the rest are refused with 429 unread. */
    public int maxConcurrentBodies() { return maxConcurrentBodies; }
    /** Live sessions one user may have ({@code session.maxPerUser}); a new sign-in past it ends the oldest. */
    public int maxSessionsPerUser() { return maxSessionsPerUser; }

    /** The cookies' {@code Path}, when set; empty means the app's context path ({@code /} for the root app). */
    public Optional<String> cookiePath() { return cookiePath; }
    /**
     * A page of the app (context-relative) that browsers are forwarded to when the filter refuses them (503, 403,
     * 415); empty means the container's error page through {@code sendError}.
     */
    public Optional<String> errorPage() { return errorPage; }

    /** The settings as they were given, for a feature to read (and check) the names it declared. */
    public SettingReader settings() {
        return reader;
    }

    /** For tests and diagnostics: the settings as their names, secrets hidden. */
    @Override
    public String toString() {
        return Map.of("basePath", basePath, "protected", protectedPatterns, "public", publicPatterns,
                "maxAge", maxAge, "updateAge", updateAge, "secrets", secrets.size() + " configured").toString();
    }
}
