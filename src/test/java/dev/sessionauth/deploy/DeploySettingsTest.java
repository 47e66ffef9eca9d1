package dev.sessionauth.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.config.ConfigException;
import dev.sessionauth.config.ConfigSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code cookie.path} and {@code errorPage}: validated at start-up like every other setting. */
class DeploySettingsTest {
    private static AuthConfig load(String name, String value) {
        return AuthConfig.load(List.of(ConfigSource.of("filter init-param", Map.of(name, value))));
    }

    @Test
    void bothAreUnsetByDefaultSoTheContextPathAndTheContainersErrorPageApply() {
        assertThat(AuthConfig.defaults().cookiePath()).isEmpty();
        assertThat(AuthConfig.defaults().errorPage()).isEmpty();
        assertThat(load("cookie.path", " /shop ").cookiePath()).hasValue("/shop");
        assertThat(load("errorPage", "/error/auth").errorPage()).hasValue("/error/auth");
    }

    @ParameterizedTest
    @ValueSource(strings = {"shop", "/a;b", "/a b", "/a?x", "/a#b"})
    void aCookiePathThatIsNotAPlainUrlPathStopsStartUp(String bad) {
        assertThatThrownBy(() -> load("cookie.path", bad)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("cookie.path: ").hasMessageContaining("filter init-param");
    }

    @ParameterizedTest
    @ValueSource(strings = {"error.jsp", "https://example.com/error", "//evil/x"})
    void anErrorPageOutsideTheAppStopsStartUp(String bad) {
        assertThatThrownBy(() -> load("errorPage", bad)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("errorPage: ");
    }
}
