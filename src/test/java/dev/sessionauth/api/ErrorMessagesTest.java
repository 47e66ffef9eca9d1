package dev.sessionauth.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.ErrorCode;
import dev.sessionauth.ErrorMessages;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import dev.sessionauth.oidc.OidcFailure;
import dev.sessionauth.web.ApiExchange;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every error code has a sentence in the library's bundle, in English and in every translation shipped. */
class ErrorMessagesTest {
    /**
     * The lower-case codes a page finds on a redirect back from a provider ({@code ?error=state_mismatch}), as Better
     * Auth names them: social sign-in's failures and refusals, and a sign-in that still needs its second step.
     */
    private static final Set<String> CALLBACK_CODES = Stream.concat(
            Arrays.stream(OidcFailure.values()).map(OidcFailure::callbackError),
            Stream.of("account_not_linked", "unable_to_create_user", "email_not_verified", "unable_to_link_account",
                    "email_does_not_match", "account_already_linked_to_different_user", "oauth_provider_not_found",
                    "temporarily_unavailable", "internal_server_error", ApiExchange.SECOND_STEP_REQUIRED))
            .collect(Collectors.toSet());

    @ParameterizedTest(name = "language \"{0}\"")
    @ValueSource(strings = {"", "de"})
    void everyCodeHasAMessageInEveryShippedLanguage(String language) throws IOException {
        Properties bundle = new Properties();
        String file = "/dev/sessionauth/messages" + (language.isEmpty() ? "" : "_" + language) + ".properties";
        try (InputStream in = ErrorMessagesTest.class.getResourceAsStream(file)) {
            bundle.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        assertThat(Arrays.stream(ErrorCode.values()).map(c -> "error." + c.name())
                .filter(key -> !bundle.containsKey(key))).as("codes without a message").isEmpty();
        assertThat(bundle.stringPropertyNames()).allSatisfy(key -> assertThat(
                Arrays.stream(ErrorCode.values()).anyMatch(c -> key.equals("error." + c.name()))
                        || CALLBACK_CODES.stream().anyMatch(c -> key.equals("error." + c)))
                .as("%s names a code", key).isTrue());
        assertThat(CALLBACK_CODES.stream().map(c -> "error." + c).filter(key -> !bundle.containsKey(key)))
                .as("callback codes without a message").isEmpty();
    }

    @Test
    void aLanguageWithoutATranslationGetsEnglish() {
        assertThat(ErrorMessages.of(ErrorCode.UNAUTHORIZED, Locale.JAPANESE)).isEqualTo("Please sign in first.");
        assertThat(ErrorMessages.of(ErrorCode.UNAUTHORIZED, Locale.GERMANY)).isEqualTo(
                "Bitte melden Sie sich zuerst an.");
    }

    @Test
    void textThatIsNotACodeIsNeverLookedUp() {
        assertThat(ErrorMessages.of("<b>", Locale.ENGLISH, null)).isEmpty();
        assertThat(ErrorMessages.of("error.UNAUTHORIZED", Locale.ENGLISH, null)).isEmpty();
        assertThat(ErrorMessages.of("UNAUTHORIZED", Locale.ENGLISH, null)).contains("Please sign in first.");
        assertThat(ErrorMessages.of("UNAUTHORIZED", Locale.ENGLISH, "no.such.bundle")).contains(
                "Please sign in first.");
    }
}
