package dev.sessionauth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.config.AuthConfig.SameSite;
import dev.sessionauth.config.AuthConfig.SchemaMode;
import dev.sessionauth.config.AuthConfig.SecureCookies;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every bad value stops start-up with a message that names the setting, the value and where it was set. */
class AuthConfigValidationTest {

    private static final String SECRET_A = "0123456789abcdef0123456789abcdef";           // 32 bytes
    private static final String SECRET_B = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";           // 32 bytes

    /** Loads a builder source from name/value pairs. */
    private static AuthConfig load(String... pairs) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return AuthConfig.load(List.of(ConfigSource.of("builder setting", values)));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(String... pairs) {
        return assertThatThrownBy(() -> load(pairs)).isInstanceOf(ConfigException.class);
    }

    // ---- durations

    @ParameterizedTest(name = "session.maxAge={0}")
    @CsvSource(delimiter = '|', textBlock = """
            30d   | 2592000
            24h   | 86400
            15m   | 900
            90s   | 90
            3600  | 3600
            """)
    void durationsAcceptEveryDocumentedForm(String text, long seconds) {
        AuthConfig config = load("session.maxAge", text, "session.updateAge", "60", "session.absoluteMaxAge", "0");
        assertThat(config.maxAge()).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest(name = "session.maxAge=\"{0}\" is refused")
    @ValueSource(strings = {"7x", "-1d", "1.5h", "d", " 7 d"})
    void aBadDurationNamesTheSettingTheValueTheFixAndWhereItWasSet(String text) {
        refused("session.maxAge", text).hasMessage("session.maxAge: \"" + text
                + "\" is not a duration; use 30d, 24h, 15m or seconds (set as builder setting session.maxAge)");
    }

    @Test
    void everyDurationSettingIsChecked() {
        refused("session.updateAge", "1w").hasMessageStartingWith("session.updateAge: \"1w\" is not a duration");
        refused("session.absoluteMaxAge", "1w").hasMessageStartingWith("session.absoluteMaxAge: \"1w\" is not a duration");
        refused("session.freshAge", "1w").hasMessageStartingWith("session.freshAge: \"1w\" is not a duration");
        refused("session.cookieCache.maxAge", "1w")
                .hasMessageStartingWith("session.cookieCache.maxAge: \"1w\" is not a duration");
    }

    @Test
    void aZeroMaxAgeOrCookieCacheIsRefused() {
        refused("session.maxAge", "0", "session.updateAge", "0").hasMessageStartingWith("session.maxAge: \"0\"");
        refused("session.cookieCache.maxAge", "0s").hasMessageStartingWith("session.cookieCache.maxAge: \"0\"");
    }

    @Test
    void updateAgeMustBeShorterThanMaxAge() {
        refused("session.maxAge", "1d", "session.updateAge", "1d")
                .hasMessageContaining("session.updateAge (1d) must be shorter than session.maxAge (1d)");
        refused("session.maxAge", "1d", "session.updateAge", "2d")
                .hasMessageContaining("session.updateAge (2d) must be shorter than session.maxAge (1d)");
        refused("session.maxAge", "12h").hasMessageContaining("session.updateAge (1d) must be shorter than session.maxAge (12h)");

        assertThat(load("session.maxAge", "1d", "session.updateAge", "23h").updateAge()).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void absoluteMaxAgeShorterThanMaxAgeIsRefused() {
        refused("session.maxAge", "7d", "session.absoluteMaxAge", "6d")
                .hasMessageContaining("session.absoluteMaxAge (6d")
                .hasMessageContaining("is shorter than session.maxAge (7d)")
                .hasMessageContaining("set it to 0 for no cap");
    }

    @Test
    void absoluteMaxAgeEqualToMaxAgeOrZeroIsAllowed() {
        assertThat(load("session.maxAge", "7d", "session.absoluteMaxAge", "7d").absoluteMaxAge())
                .isEqualTo(Duration.ofDays(7));
        assertThat(load("session.maxAge", "60d", "session.absoluteMaxAge", "0").absoluteMaxAge()).isZero();
    }

    @Test
    void aDurationTooLongForAnyTimestampIsRefusedAtStartUpNotAtTheFirstSignIn() {
        // twelve digits of days parse as a duration, yet no expiry can be computed from it
        assertThatThrownBy(() -> Instant.parse("2030-01-01T00:00:00Z").plus(Duration.ofDays(999_999_999_999L)))
                .isInstanceOf(java.time.DateTimeException.class);

        refused("session.maxAge", "999999999999d", "session.absoluteMaxAge", "0")
                .hasMessageStartingWith("session.maxAge: \"999999999999d\"");
    }

    // ---- booleans, integers, choices

    @Test
    void booleansAcceptTrueAndFalse() {
        assertThat(load("session.rememberMe", "false").rememberMe()).isFalse();
        assertThat(load("session.rememberMe", "true").rememberMe()).isTrue();
        assertThat(load("security.csrfProtection", "false").csrfProtection()).isFalse();
        assertThat(load("trustProxy", "true").trustProxy()).isTrue();
    }

    @ParameterizedTest(name = "session.rememberMe=\"{0}\" is refused")
    @ValueSource(strings = {"yes", "no", "1", "0", "on", "off", "truee"})
    void booleansRefuseAnythingButTrueOrFalse(String text) {
        refused("session.rememberMe", text).hasMessage("session.rememberMe: \"" + text
                + "\" is not a boolean; use true or false (set as builder setting session.rememberMe)");
    }

    @Test
    void bcryptCostOutsideTenToThirtyOneIsRefused() {
        refused("password.bcryptCost", "9").hasMessage("password.bcryptCost: \"9\" is out of range; use a whole number"
                + " from 10 to 31 (set as builder setting password.bcryptCost)");
        refused("password.bcryptCost", "32").hasMessageStartingWith("password.bcryptCost: \"32\" is out of range");
        refused("password.bcryptCost", "ten").hasMessageStartingWith("password.bcryptCost: \"ten\" is not a whole number");
        refused("password.bcryptCost", "10.5").hasMessageStartingWith("password.bcryptCost: \"10.5\" is not a whole number");

        assertThat(load("password.bcryptCost", "10").bcryptCost()).isEqualTo(10);
        assertThat(load("password.bcryptCost", "31").bcryptCost()).isEqualTo(31);
    }

    @Test
    void passwordLengthsAreCheckedAndMinMustNotExceedMax() {
        refused("password.minLength", "0").hasMessageStartingWith("password.minLength: \"0\" is out of range");
        refused("password.minLength", "20", "password.maxLength", "10")
                .hasMessage("password.minLength (20) is greater than password.maxLength (10)");

        AuthConfig config = load("password.minLength", "12", "password.maxLength", "12");
        assertThat(config.passwordMinLength()).isEqualTo(12);
        assertThat(config.passwordMaxLength()).isEqualTo(12);
    }

    @Test
    void rateLimitSettingsAreReadAndCheckedOneByOne() {
        AuthConfig config = load("rateLimit.enabled", "false", "rateLimit.window", "1m", "rateLimit.max", "600",
                "rateLimit.strict.window", "1h", "rateLimit.strict.max", "3", "rateLimit.signIn.window", "30m",
                "rateLimit.signIn.maxFailures", "10", "rateLimit.storage", "database");
        assertThat(config.rateLimitEnabled()).isFalse();
        assertThat(config.rateLimitWindow()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.rateLimitMax()).isEqualTo(600);
        assertThat(config.strictWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(config.strictMax()).isEqualTo(3);
        assertThat(config.signInWindow()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.signInMaxFailures()).isEqualTo(10);
        assertThat(config.rateLimitStorage()).isEqualTo(AuthConfig.RateLimitStorage.DATABASE);

        refused("rateLimit.enabled", "yes").hasMessageStartingWith("rateLimit.enabled: \"yes\" is not a boolean");
        refused("rateLimit.window", "0").hasMessage("rateLimit.window: \"0\" use a positive duration such as 10s"
                + " (set as builder setting rateLimit.window)");
        refused("rateLimit.strict.window", "0s").hasMessageStartingWith("rateLimit.strict.window: \"0\" use a positive");
        refused("rateLimit.signIn.window", "soon").hasMessageStartingWith("rateLimit.signIn.window: \"soon\" is not a");
        refused("rateLimit.max", "0").hasMessage("rateLimit.max: \"0\" is out of range; use a whole number from 1 to"
                + " 1000000 (set as builder setting rateLimit.max)");
        refused("rateLimit.strict.max", "-3").hasMessageStartingWith("rateLimit.strict.max: \"-3\" is out of range");
        refused("rateLimit.signIn.maxFailures", "0")
                .hasMessageStartingWith("rateLimit.signIn.maxFailures: \"0\" is out of range");
        refused("rateLimit.signIn.maxFailures", "five")
                .hasMessageStartingWith("rateLimit.signIn.maxFailures: \"five\" is not a whole number");
        refused("rateLimit.storage", "redis")
                .hasMessageStartingWith("rateLimit.storage: \"redis\" is not one of: memory, database");
    }

    @Test
    void theHashingQueueNeedsASlotAndABoundedWait() {
        AuthConfig config = load("password.maxConcurrentHashes", "3", "password.hashQueueTimeout", "30s");
        assertThat(config.maxConcurrentHashes()).isEqualTo(3);
        assertThat(config.hashQueueTimeout()).isEqualTo(Duration.ofSeconds(30));

        refused("password.maxConcurrentHashes", "0")
                .hasMessageStartingWith("password.maxConcurrentHashes: \"0\" is out of range");
        refused("password.hashQueueTimeout", "0")
                .hasMessageStartingWith("password.hashQueueTimeout: \"0\" use a positive duration");
        refused("password.hashQueueTimeout", "2m").hasMessage("password.hashQueueTimeout: \"2m\" is too long; use at"
                + " most 1m: every waiting sign-in holds a request thread (set as builder setting"
                + " password.hashQueueTimeout)");
    }

    @Test
    void jdbcMaxPoolSizeMustBeInRange() {
        refused("jdbc.maxPoolSize", "0").hasMessageStartingWith("jdbc.maxPoolSize: \"0\" is out of range");
        assertThat(load("jdbc.maxPoolSize", "4").jdbcMaxPoolSize()).isEqualTo(4);
    }

    @Test
    void sameSiteAcceptsLaxAndStrict() {
        assertThat(load("cookie.sameSite", "Strict").sameSite()).isEqualTo(SameSite.STRICT);
        assertThat(load("cookie.sameSite", "Strict").sameSite().attribute()).isEqualTo("Strict");
        assertThat(load("cookie.sameSite", "lax").sameSite()).isEqualTo(SameSite.LAX);
    }

    @Test
    void sameSiteNoneIsRefusedWithTheReason() {
        refused("cookie.sameSite", "None")
                .hasMessageStartingWith("cookie.sameSite: \"None\" None is refused")
                .hasMessageContaining("cross-site")
                .hasMessageContaining("use Lax or Strict")
                .hasMessageEndingWith("(set as builder setting cookie.sameSite)");
        refused("cookie.sameSite", "Relaxed").hasMessageContaining("use Lax or Strict");
    }

    @Test
    void theStrategyIsDatabaseOrJwtAndNothingElse() {
        assertThat(load("session.strategy", "jwt").strategy()).isEqualTo(AuthConfig.SessionStrategy.JWT);
        refused("session.strategy", "cookie").hasMessageStartingWith("session.strategy: \"cookie\" is not one of");

        assertThat(load("session.strategy", "database").strategy()).isEqualTo(AuthConfig.SessionStrategy.DATABASE);
    }

    @Test
    void requireSecureCookieIsAutoTrueOrFalse() {
        assertThat(load("security.requireSecureCookie", "auto").secureCookies()).isEqualTo(SecureCookies.AUTO);
        assertThat(load("security.requireSecureCookie", "true").secureCookies()).isEqualTo(SecureCookies.ALWAYS);
        assertThat(load("security.requireSecureCookie", "false").secureCookies()).isEqualTo(SecureCookies.NEVER);
        refused("security.requireSecureCookie", "sometimes")
                .hasMessageStartingWith("security.requireSecureCookie: \"sometimes\" use auto, true or false");
    }

    @Test
    void schemaIsAutoValidateOrNone() {
        assertThat(load("schema", "validate").schema()).isEqualTo(SchemaMode.VALIDATE);
        assertThat(load("schema", "none").schema()).isEqualTo(SchemaMode.NONE);
        refused("schema", "drop").hasMessageStartingWith("schema: \"drop\" is not one of: auto, validate, none");
    }

    @Test
    void cookiePrefixIsLettersDigitsDashOrUnderscore() {
        assertThat(load("cookie.prefix", "my-app_2").cookiePrefix()).isEqualTo("my-app_2");
        refused("cookie.prefix", "my app").hasMessageStartingWith("cookie.prefix: \"my app\"");
        refused("cookie.prefix", "a;b").hasMessageStartingWith("cookie.prefix: \"a;b\"");
    }

    // ---- secrets

    @Test
    void secretsOfThirtyTwoBytesAreAcceptedFirstSignsAllVerify() {
        assertThat(load("secret", SECRET_A).secrets()).containsExactly(SECRET_A);
        assertThat(load("secret", SECRET_A + ", " + SECRET_B).secrets()).containsExactly(SECRET_A, SECRET_B);
        // bytes, not characters: 16 two-byte characters are 32 bytes
        assertThat(load("secret", "é".repeat(16)).secrets()).hasSize(1);
    }

    @Test
    void aSecretShorterThanThirtyTwoBytesIsRefusedWithoutEchoingIt() {
        String shortSecret = "s3cr3t-but-only-31-bytes-long!!";
        assertThat(shortSecret).hasSize(31);

        refused("secret", shortSecret)
                .hasMessageStartingWith("secret: ")
                .hasMessageContaining("at least 32 bytes")
                .hasMessageNotContaining(shortSecret)
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void aShortSecondSecretIsRefusedWithoutEchoingEitherSecret() {
        refused("secret", SECRET_A + ",tooShortOldKey")
                .hasMessageStartingWith("secret: ")
                .hasMessageNotContaining(SECRET_A)
                .hasMessageNotContaining("tooShortOldKey");
    }

    @Test
    void anHttpsBaseUrlWithoutASecretIsRefusedNamingSecret() {
        refused("baseURL", "https://app.example.com")
                .hasMessageStartingWith("secret: required when baseURL is https")
                .hasMessageContaining("SESSIONAUTH_SECRET");
    }

    @Test
    void anHttpsBaseUrlWithASecretOrAnHttpBaseUrlWithoutOneIsFine() {
        assertThat(load("baseURL", "https://app.example.com", "secret", SECRET_A).baseUrl())
                .contains("https://app.example.com");
        assertThat(load("baseURL", "http://localhost:8080").baseUrl()).contains("http://localhost:8080");
    }

    @Test
    void toStringNeverShowsSecrets() {
        assertThat(load("secret", SECRET_A + "," + SECRET_B).toString())
                .doesNotContain(SECRET_A)
                .doesNotContain(SECRET_B)
                .contains("2 configured");
    }

    // ---- origins

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            https://app.example.com        | https://app.example.com
            https://App.Example.COM        | https://app.example.com
            HTTPS://app.example.com        | https://app.example.com
            https://app.example.com:443    | https://app.example.com
            http://localhost:80            | http://localhost
            http://localhost:8080          | http://localhost:8080
            https://app.example.com:80     | https://app.example.com:80
            http://app.example.com:443     | http://app.example.com:443
            https://app.example.com/       | https://app.example.com
            '  http://127.0.0.1:3000  '    | http://127.0.0.1:3000
            http://[::1]:8080              | http://[::1]:8080
            http://[::1]:80                | http://[::1]
            """)
    void baseUrlIsNormalisedToAnOrigin(String text, String origin) {
        assertThat(load("baseURL", text, "secret", SECRET_A).baseUrl()).contains(origin);
    }

    @ParameterizedTest(name = "baseURL={0} is refused")
    @ValueSource(strings = {"https://app.example.com/path", "https://app.example.com/app/", "ftp://files.example.com",
            "garbage", "app.example.com", "//app.example.com", "https://", "https://user@app.example.com",
            "https://app.example.com?x=1", "https://app.example.com#top", "https://exa mple.com", "javascript:alert(1)"})
    void baseUrlMustBeAnOrigin(String text) {
        refused("baseURL", text, "secret", SECRET_A)
                .hasMessageStartingWith("baseURL: \"" + text + "\" is not an origin")
                .hasMessageContaining("scheme://host[:port]");
    }

    @Test
    void trustedOriginsAreAListOfNormalisedOrigins() {
        assertThat(load("trustedOrigins", "https://A.example.com:443, http://b.example.com:8080 ,").trustedOrigins())
                .containsExactly("https://a.example.com", "http://b.example.com:8080");
    }

    @Test
    void aTrustedOriginThatIsNotAnOriginIsRefused() {
        refused("trustedOrigins", "https://a.example.com, https://b.example.com/path")
                .hasMessageStartingWith("trustedOrigins: \"https://b.example.com/path\" is not an origin");
        refused("trustedOrigins", "ftp://a.example.com").hasMessageStartingWith("trustedOrigins: \"ftp://a.example.com\"");
        refused("trustedOrigins", "*").hasMessageStartingWith("trustedOrigins: \"*\"");
    }

    // ---- paths and data source

    @Test
    void loginPageMustBeAPathInsideTheApp() {
        assertThat(load("loginPage", "/login").loginPage()).contains("/login");
        refused("loginPage", "login").hasMessageStartingWith("loginPage: \"login\" must be a path");
        refused("loginPage", "//evil.example").hasMessageStartingWith("loginPage: \"//evil.example\" must be a path");
        refused("loginPage", "https://evil.example/login").hasMessageStartingWith("loginPage: ");
        refused("loginPage", "/\\evil.example").hasMessageStartingWith("loginPage: ");
        refused("loginPage", "/login?next=x").hasMessageStartingWith("loginPage: ");
    }

    @Test
    void basePathMustBeAPathWithoutATrailingSlash() {
        assertThat(load("basePath", "/auth").basePath()).isEqualTo("/auth");
        assertThat(load("basePath", "/v1/auth").basePath()).isEqualTo("/v1/auth");
        refused("basePath", "/api/auth/").hasMessageStartingWith("basePath: \"/api/auth/\"")
                .hasMessageContaining("without a trailing slash");
        refused("basePath", "/").hasMessageStartingWith("basePath: \"/\"");
        refused("basePath", "api/auth").hasMessageStartingWith("basePath: \"api/auth\" must be a path");
        refused("basePath", "//evil").hasMessageStartingWith("basePath: \"//evil\" must be a path");
    }

    @Test
    void patternListsAreSplitOnCommasAndTrimmed() {
        AuthConfig config = load("protected", " /dashboard/**, /admin/** ,, ", "public", "/dashboard/help");
        assertThat(config.protectedPatterns()).containsExactly("/dashboard/**", "/admin/**");
        assertThat(config.publicPatterns()).containsExactly("/dashboard/help");
    }

    @Test
    void dataSourceAndJdbcUrlTogetherAreRefused() {
        refused("dataSource", "java:comp/env/jdbc/app", "jdbc.url", "jdbc:h2:mem:x")
                .hasMessageStartingWith("dataSource and jdbc.url are both set");

        assertThat(load("dataSource", "java:comp/env/jdbc/app").dataSource()).contains("java:comp/env/jdbc/app");
        AuthConfig jdbc = load("jdbc.url", "jdbc:postgresql://db/app", "jdbc.user", "app", "jdbc.password", "pw");
        assertThat(jdbc.jdbcUrl()).contains("jdbc:postgresql://db/app");
        assertThat(jdbc.jdbcUser()).contains("app");
        assertThat(jdbc.jdbcPassword()).contains("pw");
    }

    @Test
    void aJdbcUrlMustStartWithJdbc() {
        refused("jdbc.url", "postgresql://db/app").hasMessageStartingWith("jdbc.url: \"postgresql://db/app\"");
    }

    @Test
    void securityHeaderValuesAreCheckedAndOffSwitchesEachOne() {
        refused("securityHeaders.frameOptions", "ALLOW-FROM https://x.example")
                .hasMessageStartingWith("securityHeaders.frameOptions: \"ALLOW-FROM https://x.example\" use DENY,"
                        + " SAMEORIGIN or off");
        refused("securityHeaders.referrerPolicy", "sometimes")
                .hasMessageStartingWith("securityHeaders.referrerPolicy: \"sometimes\" use one of no-referrer,");

        refused("securityHeaders.hsts", "max-age=forever")
                .hasMessageStartingWith("securityHeaders.hsts: \"max-age=forever\" use a Strict-Transport-Security");
        assertThat(load("securityHeaders.hsts", "max-age=600").hsts()).contains("max-age=600");

        AuthConfig some = load("securityHeaders.frameOptions", "sameorigin", "securityHeaders.referrerPolicy", "OFF");
        assertThat(some.frameOptions()).contains(AuthConfig.FrameOptions.SAMEORIGIN);
        assertThat(some.referrerPolicy()).isEmpty();
        assertThat(some.contentTypeOptions()).isTrue();

        AuthConfig none = load("securityHeaders", "false", "securityHeaders.frameOptions", "DENY");
        assertThat(none.frameOptions()).isEmpty();
        assertThat(none.referrerPolicy()).isEmpty();
        assertThat(none.contentTypeOptions()).isFalse();
    }
}
