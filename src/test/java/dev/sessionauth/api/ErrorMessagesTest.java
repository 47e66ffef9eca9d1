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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every error code has a sentence in the library's bundle, in English and in every translation shipped. */
class ErrorMessagesTest {
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
                Arrays.stream(ErrorCode.values()).anyMatch(c -> key.equals("error." + c.name())))
                .as("%s names a code", key).isTrue());
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
