package dev.sessionauth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code session.cookieCache.revocationPollInterval}: how often each instance reads the revocation log; a second by
 * default, positive, and shorter than the cache it protects.
 */
class RevocationPollIntervalTest {
    private static AuthConfig load(String... pairs) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return AuthConfig.load(List.of(ConfigSource.of("builder setting", values)));
    }

    @Test
    void theDefaultIsOneSecond() {
        assertThat(AuthConfig.defaults().revocationPollInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void anIntervalIsReadInTheDurationSyntax() {
        assertThat(load("session.cookieCache.revocationPollInterval", "3s").revocationPollInterval())
                .isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void zeroIsRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> load("session.cookieCache.revocationPollInterval", "0"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("session.cookieCache.revocationPollInterval: \"0\"");
    }

    @Test
    void anIntervalNotShorterThanTheCacheIsRefusedWithBothNames() {
        assertThatThrownBy(() -> load("session.cookieCache.maxAge", "30s",
                "session.cookieCache.revocationPollInterval", "30s"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("session.cookieCache.revocationPollInterval (30s) must be shorter than"
                        + " session.cookieCache.maxAge (30s)");
    }

    @Test
    void garbageIsRefusedAsNoDuration() {
        assertThatThrownBy(() -> load("session.cookieCache.revocationPollInterval", "often"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("session.cookieCache.revocationPollInterval").hasMessageContaining("duration");
    }
}
