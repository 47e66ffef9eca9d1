package dev.sessionauth.twofactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.crypto.CookieSigner;
import dev.sessionauth.crypto.TokenGenerator;
import dev.sessionauth.crypto.TokenHasher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedDeviceCookieTest {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_!.";
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OLD_KEY = "an-older-key-that-is-being-retired!".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_KEY = "somebody-elses-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    private final CookieSigner signer = new CookieSigner(List.of(KEY));
    private final TrustedDeviceCookie cookies = new TrustedDeviceCookie(signer, new TokenGenerator());

    @Test
    void anIssuedTokenReadsBackFromItsCookieValue() {
        TrustedDeviceToken token = cookies.issue("user-1");

        assertThat(cookies.read(cookies.value(token))).contains(token);
    }

    @Test
    void theValueIsAPrefixTheDeviceIdTheUserIdAndTheSignatureInCookieSafeCharacters() {
        TrustedDeviceToken token = cookies.issue("user-1");

        assertThat(cookies.value(token))
                .matches("td1![A-Za-z0-9_-]{43}![A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}")
                .startsWith("td1!" + token.deviceId() + "!");
    }

    @Test
    void anySingleCharacterChangeIsRefused() {
        String value = cookies.value(cookies.issue("user-1"));
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < value.length(); i++) {
            for (char c : ALPHABET.toCharArray()) {
                if (c != value.charAt(i)) {
                    String forged = value.substring(0, i) + c + value.substring(i + 1);
                    cookies.read(forged).ifPresent(t -> accepted.add(forged));
                }
            }
        }
        assertThat(accepted).isEmpty();
    }

    @Test
    void swappingInAnotherUserIdIsRefused() {
        String value = cookies.value(cookies.issue("user-1"));
        String otherUser = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("user-2".getBytes(StandardCharsets.UTF_8));
        String forged = value.replaceFirst("![A-Za-z0-9_-]+\\.", "!" + otherUser + ".");

        assertThat(forged).isNotEqualTo(value);
        assertThat(cookies.read(forged)).isEmpty();
    }

    @Test
    void anotherUserSigningInInThatBrowserIsNotTrusted() {
        TrustedDeviceToken read = cookies.read(cookies.value(cookies.issue("user-1"))).orElseThrow();

        assertThat(read.isFor("user-1")).isTrue();
        assertThat(read.isFor("user-2")).isFalse();
    }

    @Test
    void aValueSignedByAnotherAppIsRefused() {
        TrustedDeviceCookie stranger = new TrustedDeviceCookie(new CookieSigner(List.of(OTHER_KEY)), new TokenGenerator());

        assertThat(cookies.read(stranger.value(stranger.issue("user-1")))).isEmpty();
    }

    @Test
    void aValueSignedWithTheOldSecretStillReadsAfterANewSecretIsPutFirst() {
        TrustedDeviceCookie before = new TrustedDeviceCookie(new CookieSigner(List.of(OLD_KEY)), new TokenGenerator());
        TrustedDeviceToken token = before.issue("user-1");
        TrustedDeviceCookie after = new TrustedDeviceCookie(new CookieSigner(List.of(KEY, OLD_KEY)), new TokenGenerator());

        assertThat(after.read(before.value(token))).contains(token);
    }

    @Test
    void rotationGivesTheSameUserANewDeviceIdAndRowKey() {
        TrustedDeviceToken used = cookies.issue("user-1");
        TrustedDeviceToken next = cookies.rotate(used);

        assertThat(next.userId()).isEqualTo("user-1");
        assertThat(next.deviceId()).isNotEqualTo(used.deviceId());
        assertThat(next.storageKey()).isNotEqualTo(used.storageKey());
        assertThat(cookies.value(next)).isNotEqualTo(cookies.value(used));
    }

    @Test
    void theRowIsKeyedByTheHashOfTheDeviceIdNeverTheIdItself() {
        TrustedDeviceToken token = cookies.issue("user-1");

        assertThat(token.storageKey()).isEqualTo(TokenHasher.hash(token.deviceId())).isNotEqualTo(token.deviceId());
    }

    @Test
    void aSessionCookieValueIsNotATrustedDeviceValue() {
        String sessionCookie = signer.sign(new TokenGenerator().newToken());

        assertThat(cookies.read(sessionCookie)).isEmpty();
    }

    @Test
    void userIdsWithSeparatorsAndNonAsciiCharactersSurvive() {
        TrustedDeviceToken token = cookies.issue("a!b.c:d ü/é");

        assertThat(cookies.read(cookies.value(token))).contains(token);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "td1!", "td1!x!dXNlcg", "td1!x!dXNlcg.sig", "a.b.c", "!!!"})
    void garbageIsRefusedWithoutAnException(String value) {
        assertThat(cookies.read(value)).isEmpty();
    }

    @Test
    void wellSignedValuesOfTheWrongShapeAreRefused() {
        String id = new TokenGenerator().newToken();
        for (String inner : List.of("td1!" + id, "td1!" + id + "!", "td1!short!dXNlcg", "td1!" + id + "!dXNlcg!x",
                "td2!" + id + "!dXNlcg", "td1!" + id + "!_w")) {
            assertThat(cookies.read(signer.sign(inner))).as(inner).isEmpty();
        }
    }

    @Test
    void toStringNeverShowsTheDeviceId() {
        TrustedDeviceToken token = cookies.issue("user-1");

        assertThat(token.toString()).doesNotContain(token.deviceId()).contains("user-1");
    }

    @Test
    void aTokenNeedsADeviceIdShapedLikeATokenAndAUser() {
        String id = new TokenGenerator().newToken();

        assertThatThrownBy(() -> new TrustedDeviceToken("short", "user-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrustedDeviceToken(id, "")).isInstanceOf(IllegalArgumentException.class);
    }
}
