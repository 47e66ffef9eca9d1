package dev.sessionauth.passkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The relying party from the settings: what is derived when a setting is left out, and the start-up messages that
 * name the setting to fix when browsers would refuse the result.
 */
class RelyingPartyTest {

    @Test
    void theRpIdIsBaseUrlsHostAndTheNameDefaultsToIt() {
        RelyingParty rp = RelyingParty.builder().baseUrl("https://app.example.com/base/").build();
        assertThat(rp.id()).isEqualTo("app.example.com");
        assertThat(rp.name()).isEqualTo("app.example.com");
        assertThat(rp.origins()).containsExactly("https://app.example.com");
    }

    @Test
    void localhostWithAPortIsTheDevelopmentSetUp() {
        RelyingParty rp = RelyingParty.builder().baseUrl("http://localhost:8080").rpName("Demo").build();
        assertThat(rp.id()).isEqualTo("localhost");
        assertThat(rp.name()).isEqualTo("Demo");
        assertThat(rp.origins()).containsExactly("http://localhost:8080");
    }

    @Test
    void trustedOriginsUnderTheRpIdAreAllowedAndOthersLeftOut() {
        RelyingParty rp = RelyingParty.builder().baseUrl("https://app.example.com").rpId("example.com")
                .trustedOrigins(List.of("https://admin.example.com", "https://partner.example.org",
                        "http://www.example.com", "https://EXAMPLE.com:443", "https://app.example.com"))
                .build();
        assertThat(rp.id()).isEqualTo("example.com");
        assertThat(rp.origins()).containsExactly("https://app.example.com", "https://admin.example.com",
                "https://example.com");
    }

    @Test
    void explicitOriginsReplaceBaseUrlsAndAreCanonicalised() {
        RelyingParty rp = RelyingParty.builder().baseUrl("https://app.example.com").rpId("example.com")
                .origins(List.of(" https://Login.Example.com/ ", "https://example.com:8443")).build();
        assertThat(rp.origins()).containsExactly("https://login.example.com", "https://example.com:8443");
        assertThat(rp.allows("https://login.example.com")).isTrue();
        assertThat(rp.allows("https://app.example.com")).isFalse();
    }

    @Test
    void allowsIsAnExactOriginMatch() {
        RelyingParty rp = RelyingParty.builder().baseUrl("http://localhost:8080").build();
        assertThat(rp.allows("http://localhost:8080")).isTrue();
        assertThat(rp.allows("http://localhost:8081")).isFalse();
        assertThat(rp.allows("https://localhost:8080")).isFalse();
        assertThat(rp.allows("http://localhost:8080/path")).isFalse();
        assertThat(rp.allows("http://evil.localhost:8080")).isFalse();
        assertThat(rp.allows("not a url")).isFalse();
    }

    @Test
    void anIpAddressBaseUrlIsRefusedNamingPasskeyRpId() {
        for (String base : List.of("http://127.0.0.1:8080", "https://10.0.0.7", "http://[::1]:8080")) {
            assertThatThrownBy(() -> RelyingParty.builder().baseUrl(base).build())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("passkey.rpId")
                    .hasMessageContaining("IP address")
                    .hasMessageContaining("http://localhost");
        }
    }

    @Test
    void anIpAddressRpIdIsRefused() {
        assertThatThrownBy(() -> RelyingParty.builder().baseUrl("http://localhost:8080").rpId("127.0.0.1").build())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("passkey.rpId: '127.0.0.1' is an IP address");
    }

    @Test
    void anRpIdThatIsAUrlOrHasAPortIsRefusedWithTheFix() {
        assertThatThrownBy(() -> RelyingParty.builder().baseUrl("https://app.example.com")
                .rpId("https://app.example.com").build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("passkey.rpId")
                .hasMessageContaining("e.g. app.example.com");
        assertThatThrownBy(() -> RelyingParty.builder().baseUrl("https://app.example.com")
                .rpId("example.com:443").build())
                .hasMessageContaining("passkey.rpId").hasMessageContaining("port");
        assertThatThrownBy(() -> RelyingParty.builder().baseUrl("https://app.example.com")
                .rpId("Example.com").build())
                .hasMessageContaining("passkey.rpId").hasMessageContaining("lower case");
        assertThatThrownBy(() -> RelyingParty.builder().baseUrl("https://app.example.com")
                .rpId("exa_mple.com").build())
                .hasMessageContaining("passkey.rpId").hasMessageContaining("not a domain name");
        assertThatThrownBy(() -> RelyingParty.builder().baseUrl("https://app.example.com").rpId("").build())
                .hasMessageContaining("passkey.rpId is empty");
    }

    @Test
    void anRpIdThatBaseUrlIsNotUnderIsRefused() {
        assertThatThrownBy(() -> RelyingParty.builder().baseUrl("https://app.example.com").rpId("example.org")
                .build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("baseURL: https://app.example.com is not under the RP ID 'example.org'")
                .hasMessageContaining("passkey.rpId")
                .hasMessageContaining("passkey.origins");
        // A suffix that is not on a label boundary is not a parent domain.
        assertThatThrownBy(() -> RelyingParty.builder().baseUrl("https://badexample.com").rpId("example.com")
                .build())
                .hasMessageContaining("not under the RP ID");
    }

    @Test
    void anExplicitOriginNotUnderTheRpIdOrNotAnOriginIsRefusedNamingPasskeyOrigins() {
        assertThatThrownBy(() -> RelyingParty.builder().rpId("example.com")
                .origins(List.of("https://example.com", "https://example.org")).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("passkey.origins: https://example.org is not under the RP ID 'example.com'");
        assertThatThrownBy(() -> RelyingParty.builder().rpId("example.com")
                .origins(List.of("https://example.com/login")).build())
                .hasMessageStartingWith("passkey.origins: 'https://example.com/login' is not an origin");
        assertThatThrownBy(() -> RelyingParty.builder().rpId("example.com").origins(List.of(" ")).build())
                .hasMessageStartingWith("passkey.origins is set but empty");
    }

    @Test
    void plainHttpAwayFromLocalhostIsRefusedBecauseBrowsersOfferNoPasskeysThere() {
        assertThatThrownBy(() -> RelyingParty.builder().baseUrl("http://app.example.com").build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http://app.example.com is plain http")
                .hasMessageContaining("passkey.origins");
        assertThatThrownBy(() -> RelyingParty.builder().rpId("example.com")
                .origins(List.of("http://example.com")).build())
                .hasMessageStartingWith("passkey.origins: http://example.com is plain http");
    }

    @Test
    void withoutBaseUrlTheRpIdAndOriginsCanBeGivenOrTheMessageSaysWhatToSet() {
        RelyingParty rp = RelyingParty.builder().origins(List.of("https://login.example.com")).build();
        assertThat(rp.id()).isEqualTo("login.example.com");

        assertThatThrownBy(() -> RelyingParty.builder().build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("baseURL")
                .hasMessageContaining("passkey.rpId")
                .hasMessageContaining("passkey.origins");
        assertThatThrownBy(() -> RelyingParty.builder().rpId("example.com").build())
                .hasMessageStartingWith("passkey.origins is not set and neither baseURL nor trustedOrigins has an "
                        + "origin under the RP ID 'example.com': set passkey.origins (e.g. https://example.com)");
        assertThatThrownBy(() -> RelyingParty.builder().baseUrl("/relative").build())
                .hasMessageStartingWith("baseURL: '/relative' is not an absolute http(s) URL");
    }

    @Test
    void aBlankControlOrOverlongRpNameIsRefusedNamingPasskeyRpName() {
        RelyingParty.Builder base = RelyingParty.builder().baseUrl("https://example.com");
        assertThatThrownBy(() -> base.rpName("  ").build()).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("passkey.rpName is blank");
        assertThatThrownBy(() -> RelyingParty.builder().baseUrl("https://example.com").rpName("a\u0007b").build())
                .hasMessageStartingWith("passkey.rpName contains control characters");
        assertThatThrownBy(() -> RelyingParty.builder().baseUrl("https://example.com").rpName("é".repeat(33))
                .build())
                .hasMessageStartingWith("passkey.rpName is longer than 64 bytes");
        assertThat(RelyingParty.builder().baseUrl("https://example.com").rpName("é".repeat(32)).build().name())
                .hasSize(32);
    }

    @Test
    void theRecordItselfRefusesWhatTheBuilderWould() {
        assertThatThrownBy(() -> new RelyingParty("example.com", "Example", List.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("passkey.origins is empty");
        assertThatThrownBy(() -> new RelyingParty("example.com", "Example", List.of("https://Example.com")))
                .hasMessageContaining("canonical form");
        assertThatThrownBy(() -> new RelyingParty("192.168.1.1", "Example", List.of("https://192.168.1.1")))
                .hasMessageContaining("IP address");
        assertThat(new RelyingParty("example.com", "Example", List.of("https://www.example.com")).origins())
                .containsExactly("https://www.example.com");
    }
}
