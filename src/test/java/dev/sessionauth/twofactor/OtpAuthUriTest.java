package dev.sessionauth.twofactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OtpAuthUriTest {

    private static final TotpSecret RFC_SEED = TotpSecret.of("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    // The expected strings come from the team's research notes on the two-factor plugin (§5), each computed by Better
    // Auth in node and checked against URLEncoder there.

    @Test
    void theUriIsByteForByteWhatBetterAuthWrites() {
        assertThat(OtpAuthUri.totp("My App", "a.b+tag@example.com", RFC_SEED)).isEqualTo(
                "otpauth://totp/My%20App:a.b%2Btag%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                        + "&issuer=My+App&digits=6&period=30");
    }

    @Test
    void reservedAndNonAsciiCharactersAreEncodedAsBetterAuthEncodesThem() {
        assertThat(OtpAuthUri.format("Acme & Co: Ltd", "ünï@x.io", RFC_SEED.base32(), 8, 60)).isEqualTo(
                "otpauth://totp/Acme%20%26%20Co%3A%20Ltd:%C3%BCn%C3%AF%40x.io"
                        + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Acme+%26+Co%3A+Ltd&digits=8&period=60");
    }

    @Test
    void theLabelKeepsWhatEncodeUriComponentKeepsWhileTheQueryEncodesIt() {
        assertThat(OtpAuthUri.format("A!'()*~-_.b", "q(1)!~*'@e.io", "PA", 6, 30)).isEqualTo(
                "otpauth://totp/A!'()*~-_.b:q(1)!~*'%40e.io?secret=PA&issuer=A%21%27%28%29*%7E-_.b&digits=6&period=30");
    }

    @Test
    void betterAuthsOwnTestAssertionsHold() {
        String uri = OtpAuthUri.totp("Better Auth", "test@test.com", RFC_SEED);

        assertThat(uri).startsWith("otpauth://totp/Better%20Auth:").contains("&issuer=Better+Auth&");
    }

    @Test
    void theUriParsesAndCarriesTheKeyInBase32() {
        TotpSecret key = TotpSecret.generate(new java.security.SecureRandom());
        URI uri = URI.create(OtpAuthUri.totp("My App", "ann@example.com", key));

        assertThat(uri.getScheme()).isEqualTo("otpauth");
        assertThat(uri.getHost()).isEqualTo("totp");
        assertThat(uri.getPath()).isEqualTo("/My App:ann@example.com");
        assertThat(uri.getQuery()).isEqualTo("secret=" + key.base32() + "&issuer=My+App&digits=6&period=30");
    }
}
