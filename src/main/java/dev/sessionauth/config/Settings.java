package dev.sessionauth.config;

import java.util.List;

/** The names of every setting SessionAuth understands (DESIGN.md section 3); anything else is a mistake. */
final class Settings {
    static final String PROTECTED = "protected";
    static final String PUBLIC = "public";
    static final String LOGIN_PAGE = "loginPage";
    static final String BASE_PATH = "basePath";
    static final String BASE_URL = "baseURL";
    static final String TRUSTED_ORIGINS = "trustedOrigins";
    static final String TRUST_PROXY = "trustProxy";
    static final String SECRET = "secret";
    static final String MAX_AGE = "session.maxAge";
    static final String UPDATE_AGE = "session.updateAge";
    static final String ABSOLUTE_MAX_AGE = "session.absoluteMaxAge";
    static final String FRESH_AGE = "session.freshAge";
    static final String REMEMBER_ME = "session.rememberMe";
    static final String STRATEGY = "session.strategy";
    static final String COOKIE_CACHE_MAX_AGE = "session.cookieCache.maxAge";
    static final String REVOCATION_POLL_INTERVAL = "session.cookieCache.revocationPollInterval";
    static final String CSRF_PROTECTION = "security.csrfProtection";
    static final String REQUIRE_SECURE_COOKIE = "security.requireSecureCookie";
    static final String SECURITY_HEADERS = "securityHeaders";
    static final String CONTENT_TYPE_OPTIONS = "securityHeaders.contentTypeOptions";
    static final String FRAME_OPTIONS = "securityHeaders.frameOptions";
    static final String REFERRER_POLICY = "securityHeaders.referrerPolicy";
    static final String HSTS = "securityHeaders.hsts";
    static final String COOKIE_PREFIX = "cookie.prefix";
    static final String COOKIE_SAME_SITE = "cookie.sameSite";
    static final String PASSWORD_MIN_LENGTH = "password.minLength";
    static final String PASSWORD_MAX_LENGTH = "password.maxLength";
    static final String BCRYPT_COST = "password.bcryptCost";
    static final String PASSWORD_REJECT_COMMON = "password.rejectCommon";
    static final String MAX_CONCURRENT_HASHES = "password.maxConcurrentHashes";
    static final String HASH_QUEUE_TIMEOUT = "password.hashQueueTimeout";
    static final String RATE_LIMIT_ENABLED = "rateLimit.enabled";
    static final String RATE_LIMIT_WINDOW = "rateLimit.window";
    static final String RATE_LIMIT_MAX = "rateLimit.max";
    static final String RATE_LIMIT_STRICT_WINDOW = "rateLimit.strict.window";
    static final String RATE_LIMIT_STRICT_MAX = "rateLimit.strict.max";
    static final String RATE_LIMIT_SIGN_IN_WINDOW = "rateLimit.signIn.window";
    static final String RATE_LIMIT_SIGN_IN_MAX_FAILURES = "rateLimit.signIn.maxFailures";
    static final String RATE_LIMIT_STORAGE = "rateLimit.storage";
    static final String DATA_SOURCE = "dataSource";
    static final String JDBC_URL = "jdbc.url";
    static final String JDBC_USER = "jdbc.user";
    static final String JDBC_PASSWORD = "jdbc.password";
    static final String JDBC_MAX_POOL_SIZE = "jdbc.maxPoolSize";
    static final String SCHEMA = "schema";
    static final String VERIFIED = "verified";
    static final String FRESH = "fresh";
    static final String USER_FIELDS = "user.fields";
    static final String SESSION_FIELDS = "session.fields";
    static final String EMAIL_VERIFICATION_REQUIRED = "emailVerification.required";
    static final String EMAIL_VERIFICATION_EXPIRES_IN = "emailVerification.expiresIn";
    static final String EMAIL_VERIFICATION_SEND_ON_SIGN_UP = "emailVerification.sendOnSignUp";
    static final String EMAIL_VERIFICATION_SENDER = "emailVerification.sender";
    static final String LISTENERS = "listeners";
    // Deployment (issue 13): where the cookies live and where the filter's own refusals to browsers go.
    static final String COOKIE_PATH = "cookie.path";
    static final String ERROR_PAGE = "errorPage";
    // Mail and the account lifecycle (AccountSettings).
    static final String MAIL_SENDER = "mail.sender";
    static final String PASSWORD_RESET_EXPIRES_IN = "passwordReset.expiresIn";
    static final String PASSWORD_RESET_REVOKE_SESSIONS = "passwordReset.revokeSessions";
    static final String DELETE_USER_SEND_CONFIRMATION = "deleteUser.sendConfirmation";
    static final String DELETE_USER_EXPIRES_IN = "deleteUser.expiresIn";
    // Hostile input (issue 28): bounded request bodies, bounded sessions per user.
    static final String REQUEST_BODY_TIMEOUT = "request.bodyTimeout";
    static final String REQUEST_MAX_CONCURRENT_BODIES = "request.maxConcurrentBodies";
    static final String SESSION_MAX_PER_USER = "session.maxPerUser";

    static final List<String> NAMES = List.of(PROTECTED, PUBLIC, LOGIN_PAGE, BASE_PATH, BASE_URL, TRUSTED_ORIGINS,
            TRUST_PROXY, SECRET, MAX_AGE, UPDATE_AGE, ABSOLUTE_MAX_AGE, FRESH_AGE, REMEMBER_ME, STRATEGY,
            COOKIE_CACHE_MAX_AGE, REVOCATION_POLL_INTERVAL, CSRF_PROTECTION, REQUIRE_SECURE_COOKIE, COOKIE_PREFIX, COOKIE_SAME_SITE,
            SECURITY_HEADERS, CONTENT_TYPE_OPTIONS, FRAME_OPTIONS, REFERRER_POLICY, HSTS,
            PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, BCRYPT_COST, PASSWORD_REJECT_COMMON, MAX_CONCURRENT_HASHES,
            HASH_QUEUE_TIMEOUT, RATE_LIMIT_ENABLED, RATE_LIMIT_WINDOW, RATE_LIMIT_MAX, RATE_LIMIT_STRICT_WINDOW,
            RATE_LIMIT_STRICT_MAX, RATE_LIMIT_SIGN_IN_WINDOW, RATE_LIMIT_SIGN_IN_MAX_FAILURES, RATE_LIMIT_STORAGE,
            DATA_SOURCE, JDBC_URL, JDBC_USER, JDBC_PASSWORD, JDBC_MAX_POOL_SIZE, SCHEMA, VERIFIED, FRESH, USER_FIELDS,
            SESSION_FIELDS, EMAIL_VERIFICATION_REQUIRED, EMAIL_VERIFICATION_EXPIRES_IN,
            EMAIL_VERIFICATION_SEND_ON_SIGN_UP, EMAIL_VERIFICATION_SENDER, LISTENERS,
            COOKIE_PATH, ERROR_PAGE,
            MAIL_SENDER, PASSWORD_RESET_EXPIRES_IN, PASSWORD_RESET_REVOKE_SESSIONS, DELETE_USER_SEND_CONFIRMATION,
            DELETE_USER_EXPIRES_IN, REQUEST_BODY_TIMEOUT, REQUEST_MAX_CONCURRENT_BODIES, SESSION_MAX_PER_USER);

    private Settings() {
    }
}
