package dev.sessionauth.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.config.AuthConfig.SameSite;
import dev.sessionauth.config.AuthConfig.SchemaMode;
import dev.sessionauth.config.AuthConfig.SecureCookies;
import dev.sessionauth.config.AuthConfig.SessionStrategy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** DESIGN.md section 3: what a bare {@code <filter>} gets. */
class AuthConfigDefaultsTest {

    private final AuthConfig defaults = AuthConfig.defaults();

    @Test
    void sessionLifetimesDefaultToSevenDaysOneDayThirtyDaysAndOneDay() {
        assertThat(defaults.maxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(defaults.updateAge()).isEqualTo(Duration.ofDays(1));
        assertThat(defaults.absoluteMaxAge()).isEqualTo(Duration.ofDays(30));
        assertThat(defaults.freshAge()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void rememberMeIsOfferedAndTheStrategyIsDatabaseWithAFiveMinuteCookieCache() {
        assertThat(defaults.rememberMe()).isTrue();
        assertThat(defaults.strategy()).isEqualTo(SessionStrategy.DATABASE);
        assertThat(defaults.cookieCacheMaxAge()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void csrfProtectionIsOnAndSecureCookiesAreAutomatic() {
        assertThat(defaults.csrfProtection()).isTrue();
        assertThat(defaults.secureCookies()).isEqualTo(SecureCookies.AUTO);
    }

    @Test
    void cookiesArePrefixedSessionauthAndSameSiteLax() {
        assertThat(defaults.cookiePrefix()).isEqualTo("sessionauth");
        assertThat(defaults.sameSite()).isEqualTo(SameSite.LAX);
        assertThat(defaults.sameSite().attribute()).isEqualTo("Lax");
    }

    @Test
    void passwordsAreEightToOneHundredTwentyEightCharactersHashedAtCostTen() {
        assertThat(defaults.passwordMinLength()).isEqualTo(8);
        assertThat(defaults.passwordMaxLength()).isEqualTo(128);
        assertThat(defaults.bcryptCost()).isEqualTo(10);
    }

    @Test
    void throttlingIsOnByDefaultGenerousPerAddressAndStrictPerAccount() {
        assertThat(defaults.rateLimitEnabled()).isTrue();
        assertThat(defaults.rateLimitMax()).isEqualTo(100);
        assertThat(defaults.rateLimitWindow()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.strictMax()).isEqualTo(30);
        assertThat(defaults.strictWindow()).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.signInMaxFailures()).isEqualTo(5);
        assertThat(defaults.signInWindow()).isEqualTo(Duration.ofMinutes(15));
        assertThat(defaults.rateLimitStorage()).isEqualTo(AuthConfig.RateLimitStorage.MEMORY);
    }

    @Test
    void passwordHashingRunsOnePerCoreAndWaitsAtMostFiveSeconds() {
        assertThat(defaults.maxConcurrentHashes()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(defaults.hashQueueTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theApiIsServedUnderApiAuthAndTheSchemaIsManagedAutomatically() {
        assertThat(defaults.basePath()).isEqualTo("/api/auth");
        assertThat(defaults.schema()).isEqualTo(SchemaMode.AUTO);
    }

    @Test
    void everythingWithoutADefaultIsAbsent() {
        assertThat(defaults.protectedPatterns()).isEmpty();
        assertThat(defaults.publicPatterns()).isEmpty();
        assertThat(defaults.loginPage()).isEmpty();
        assertThat(defaults.baseUrl()).isEmpty();
        assertThat(defaults.trustedOrigins()).isEmpty();
        assertThat(defaults.secrets()).isEmpty();
        assertThat(defaults.trustProxy()).isFalse();
        assertThat(defaults.dataSource()).isEmpty();
        assertThat(defaults.jdbcUrl()).isEmpty();
        assertThat(defaults.jdbcUser()).isEmpty();
        assertThat(defaults.jdbcPassword()).isEmpty();
    }

    @Test
    void emptySourcesOfEveryKindGiveTheDefaults() {
        AuthConfig config = AuthConfig.load(List.of(
                ConfigSource.of("builder setting", Map.of()),
                ConfigSource.contextParams(Map.of("unrelated.app.param", "x")),
                ConfigSource.systemProperties(new Properties()),
                ConfigSource.environment(Map.of("PATH", "/usr/bin", "HOME", "/root"))));

        assertThat(config.maxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(config.basePath()).isEqualTo("/api/auth");
        assertThat(config.cookiePrefix()).isEqualTo("sessionauth");
    }

    @Test
    void commonPasswordsAreRefusedAndTheSecurityHeadersAreOn() {
        assertThat(defaults.rejectCommonPasswords()).isTrue();
        assertThat(defaults.contentTypeOptions()).isTrue();
        assertThat(defaults.frameOptions()).contains(AuthConfig.FrameOptions.DENY);
        assertThat(defaults.referrerPolicy()).contains("strict-origin-when-cross-origin");
        assertThat(defaults.hsts()).contains("max-age=31536000; includeSubDomains");
    }
}
