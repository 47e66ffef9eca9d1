package dev.sessionauth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Sources, strongest first: builder › context-param › system property › environment › default. */
class ConfigSourcePrecedenceTest {

    private static ConfigSource builder(Map<String, String> values) {
        return ConfigSource.of("builder setting", values);
    }

    private static ConfigSource contextParams(Map<String, String> values) {
        return ConfigSource.contextParams(values);
    }

    private static ConfigSource systemProperties(Map<String, String> values) {
        Properties p = new Properties();
        p.putAll(values);
        return ConfigSource.systemProperties(p);
    }

    private static ConfigSource environment(Map<String, String> values) {
        return ConfigSource.environment(values);
    }

    private static List<ConfigSource> layers(boolean withBuilder, boolean withContext, boolean withSystem, boolean withEnv) {
        List<ConfigSource> sources = new ArrayList<>();
        sources.add(builder(withBuilder ? Map.of("cookie.prefix", "fromBuilder") : Map.of()));
        sources.add(contextParams(withContext ? Map.of("sessionauth.cookie.prefix", "fromContext") : Map.of()));
        sources.add(systemProperties(withSystem ? Map.of("sessionauth.cookie.prefix", "fromSystem") : Map.of()));
        sources.add(environment(withEnv ? Map.of("SESSIONAUTH_COOKIE_PREFIX", "fromEnv") : Map.of()));
        return sources;
    }

    @Test
    void theBuilderWinsOverEveryOtherSource() {
        assertThat(AuthConfig.load(layers(true, true, true, true)).cookiePrefix()).isEqualTo("fromBuilder");
    }

    @Test
    void aContextParamWinsOverSystemPropertiesAndTheEnvironment() {
        assertThat(AuthConfig.load(layers(false, true, true, true)).cookiePrefix()).isEqualTo("fromContext");
    }

    @Test
    void aSystemPropertyWinsOverTheEnvironment() {
        assertThat(AuthConfig.load(layers(false, false, true, true)).cookiePrefix()).isEqualTo("fromSystem");
    }

    @Test
    void theEnvironmentWinsOverTheDefault() {
        assertThat(AuthConfig.load(layers(false, false, false, true)).cookiePrefix()).isEqualTo("fromEnv");
    }

    @Test
    void theDefaultAppliesWhenNoSourceSetsTheName() {
        assertThat(AuthConfig.load(layers(false, false, false, false)).cookiePrefix()).isEqualTo("sessionauth");
    }

    @Test
    void eachSettingIsTakenFromTheStrongestSourceThatSetsItIndependently() {
        AuthConfig config = AuthConfig.load(List.of(
                builder(Map.of("session.maxAge", "14d")),
                contextParams(Map.of("sessionauth.session.maxAge", "3d", "sessionauth.session.updateAge", "12h")),
                systemProperties(Map.of("sessionauth.session.updateAge", "6h", "sessionauth.basePath", "/auth")),
                environment(Map.of("SESSIONAUTH_BASEPATH", "/env-auth", "SESSIONAUTH_SESSION_FRESHAGE", "15m"))));

        assertThat(config.maxAge()).isEqualTo(Duration.ofDays(14));
        assertThat(config.updateAge()).isEqualTo(Duration.ofHours(12));
        assertThat(config.basePath()).isEqualTo("/auth");
        assertThat(config.freshAge()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void environmentNamesAreUpperCaseWithDotsAsUnderscores() {
        assertThat(ConfigSource.envName("session.maxAge")).isEqualTo("SESSIONAUTH_SESSION_MAXAGE");
        assertThat(ConfigSource.envName("session.cookieCache.maxAge")).isEqualTo("SESSIONAUTH_SESSION_COOKIECACHE_MAXAGE");
        assertThat(ConfigSource.envName("baseURL")).isEqualTo("SESSIONAUTH_BASEURL");

        AuthConfig config = AuthConfig.load(List.of(environment(Map.of(
                "SESSIONAUTH_SESSION_MAXAGE", "10d",
                "SESSIONAUTH_SESSION_COOKIECACHE_MAXAGE", "2m",
                "SESSIONAUTH_PASSWORD_BCRYPTCOST", "12",
                "SESSIONAUTH_BASEURL", "http://localhost:8080"))));

        assertThat(config.maxAge()).isEqualTo(Duration.ofDays(10));
        assertThat(config.cookieCacheMaxAge()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.bcryptCost()).isEqualTo(12);
        assertThat(config.baseUrl()).contains("http://localhost:8080");
    }

    @Test
    void contextParamsAndSystemPropertiesWithoutThePrefixBelongToTheAppAndAreIgnored() {
        AuthConfig config = AuthConfig.load(List.of(
                contextParams(Map.of("basePath", "/ignored", "contextConfigLocation", "x")),
                systemProperties(Map.of("java.version", "17", "session.maxAge", "nonsense")),
                environment(Map.of("PATH", "/bin", "SESSION_MAXAGE", "nonsense"))));

        assertThat(config.basePath()).isEqualTo("/api/auth");
        assertThat(config.maxAge()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void aBadValueNamesTheContextParamItCameFrom() {
        assertThatThrownBy(() -> AuthConfig.load(List.of(contextParams(Map.of("sessionauth.session.maxAge", "7x")))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("session.maxAge: \"7x\" is not a duration; use 30d, 24h, 15m or seconds"
                        + " (set as context-param sessionauth.session.maxAge)");
    }

    @Test
    void aBadValueNamesTheSystemPropertyItCameFrom() {
        assertThatThrownBy(() -> AuthConfig.load(List.of(systemProperties(Map.of("sessionauth.session.maxAge", "7x")))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("session.maxAge: \"7x\" is not a duration; use 30d, 24h, 15m or seconds"
                        + " (set as system property sessionauth.session.maxAge)");
    }

    @Test
    void aBadValueNamesTheEnvironmentVariableItCameFrom() {
        assertThatThrownBy(() -> AuthConfig.load(List.of(environment(Map.of("SESSIONAUTH_SESSION_MAXAGE", "7x")))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("session.maxAge: \"7x\" is not a duration; use 30d, 24h, 15m or seconds"
                        + " (set as environment variable SESSIONAUTH_SESSION_MAXAGE)");
    }

    @Test
    void aBadValueNamesTheStrongestSourceThatSetIt() {
        assertThatThrownBy(() -> AuthConfig.load(List.of(
                builder(Map.of()),
                contextParams(Map.of("sessionauth.session.maxAge", "1.5h")),
                environment(Map.of("SESSIONAUTH_SESSION_MAXAGE", "7d")))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("session.maxAge: \"1.5h\" is not a duration; use 30d, 24h, 15m or seconds"
                        + " (set as context-param sessionauth.session.maxAge)");
    }

    @Test
    void anUnknownBuilderNameFailsNamingItWithADidYouMeanForACaseSlip() {
        assertThatThrownBy(() -> AuthConfig.load(List.of(builder(Map.of("session.maxage", "7d")))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("unknown setting builder setting session.maxage (did you mean session.maxAge?)")
                .hasMessageContaining("the settings are: ");
    }

    @Test
    void anUnknownContextParamFailsNamingItWithADidYouMeanForACaseSlip() {
        assertThatThrownBy(() -> AuthConfig.load(List.of(contextParams(Map.of("sessionauth.session.maxage", "7d")))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(
                        "unknown setting context-param sessionauth.session.maxage (did you mean session.maxAge?)");
    }

    @Test
    void anUnknownSystemPropertyFailsNamingIt() {
        assertThatThrownBy(() -> AuthConfig.load(List.of(systemProperties(Map.of("sessionauth.basepath", "/x")))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("unknown setting system property sessionauth.basepath (did you mean basePath?)");

        assertThatThrownBy(() -> AuthConfig.load(List.of(systemProperties(Map.of("sessionauth.sesion.maxAge", "7d")))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("unknown setting system property sessionauth.sesion.maxAge;");
    }

    @Test
    void anUnknownEnvironmentVariableFailsNamingIt() {
        assertThatThrownBy(() -> AuthConfig.load(List.of(environment(Map.of("SESSIONAUTH_SESSION_MAX_AGE", "7d")))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("unknown setting environment variable SESSIONAUTH_SESSION_MAX_AGE");
    }

    @Test
    void anUnknownNameInAWeakSourceFailsEvenWhenAStrongerSourceIsFine() {
        assertThatThrownBy(() -> AuthConfig.load(List.of(
                builder(Map.of("session.maxAge", "7d")),
                environment(Map.of("SESSIONAUTH_TYPO", "1")))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SESSIONAUTH_TYPO");
    }

    @Test
    void anEmptyValueCountsAsNotSetSoAWeakerSourceShowsThrough() {
        AuthConfig config = AuthConfig.load(List.of(
                contextParams(Map.of("sessionauth.secret", "")),
                environment(Map.of("SESSIONAUTH_SECRET", "0123456789abcdef0123456789abcdef-env",
                        "SESSIONAUTH_BASEURL", "https://app.example.com"))));
        assertThat(config.secrets()).containsExactly("0123456789abcdef0123456789abcdef-env");
    }
}
