package dev.sessionauth.twofactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TotpTest {

    // RFC 6238 Appendix B's SHA-1 seed: the ASCII string used as the raw key.
    private static final TotpSecret RFC_SEED = TotpSecret.of("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    private static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    @ParameterizedTest
    @CsvSource({
        "59, 94287082",
        "1111111109, 07081804",
        "1111111111, 14050471",
        "1234567890, 89005924",
        "2000000000, 69279037",
        "20000000000, 65353130",
    })
    void theEightDigitFormGivesRfc6238AppendixBSha1Codes(long time, String expected) {
        Totp totp = new Totp(at(time), 8);

        assertThat(totp.code(RFC_SEED, totp.currentStep().counter())).isEqualTo(expected);
        assertThat(totp.verify(RFC_SEED, expected)).contains(totp.currentStep());
    }

    @ParameterizedTest
    @CsvSource({
        "59, 287082, 1",
        "1111111109, 081804, 37037036",
        "1111111111, 050471, 37037037",
        "1234567890, 005924, 41152263",
        "2000000000, 279037, 66666666",
        "20000000000, 353130, 666666666",
    })
    void theSixDigitFormAcceptsTheLastSixDigitsAndNamesTheStep(long time, String code, long step) {
        Totp totp = new Totp(at(time));

        assertThat(totp.verify(RFC_SEED, code)).contains(new TotpStep(step));
    }

    @Test
    void stepsAreRfc4226HotpCounters() {
        Totp totp = new Totp(at(0));
        List<String> codes = new ArrayList<>();
        for (int counter = 0; counter < 10; counter++) {
            codes.add(totp.code(RFC_SEED, counter));
        }

        // RFC 4226 Appendix D.
        assertThat(codes).containsExactly("755224", "287082", "359152", "969429", "338314", "254676", "287922",
                "162583", "399871", "520489");
    }

    @Test
    void aKeyShapedLikeBetterAuthsGivesTheCodesBetterAuthGives() {
        // Better Auth's keys are the UTF-8 bytes of 32 random characters; the research notes compared these in node.
        TotpSecret key = TotpSecret.of("TZlnbIfk71b002HOLMivOAshvmdbckk0".getBytes(StandardCharsets.UTF_8));
        Totp totp = new Totp(at(0));

        assertThat(key.base32()).isEqualTo("KRNGY3TCJFTGWNZRMIYDAMSIJ5GE22LWJ5AXG2DWNVSGEY3LNMYA");
        assertThat(List.of(totp.code(key, 0), totp.code(key, 1), totp.code(key, 37037036), totp.code(key, 66666666)))
                .containsExactly("877732", "019863", "690538", "960705");
    }

    @Test
    void theStepBeforeAndTheStepAfterAreAcceptedTooAndNamed() {
        Totp totp = new Totp(at(1111111111));
        long now = totp.currentStep().counter();

        assertThat(totp.verify(RFC_SEED, totp.code(RFC_SEED, now - 1))).contains(new TotpStep(now - 1));
        assertThat(totp.verify(RFC_SEED, totp.code(RFC_SEED, now + 1))).contains(new TotpStep(now + 1));
    }

    @Test
    void codesTwoStepsAwayAreRefused() {
        Totp totp = new Totp(at(1111111111));
        long now = totp.currentStep().counter();

        assertThat(totp.verify(RFC_SEED, totp.code(RFC_SEED, now - 2))).isEmpty();
        assertThat(totp.verify(RFC_SEED, totp.code(RFC_SEED, now + 2))).isEmpty();
    }

    @Test
    void aCodeIsAcceptedOnceItsStepIsStoredAsTheLastUsed() {
        Totp totp = new Totp(at(1234567890));
        String code = totp.code(RFC_SEED, totp.currentStep().counter());

        Optional<TotpStep> first = totp.verify(RFC_SEED, code);
        assertThat(first).contains(totp.currentStep());
        TotpStep lastUsed = first.orElseThrow(); // what the caller persists

        assertThat(totp.verify(RFC_SEED, code, lastUsed)).isEmpty();
        // Still refused half a minute later, while the code is inside the window as the previous step's.
        Totp later = new Totp(at(1234567890 + 30));
        assertThat(later.verify(RFC_SEED, code, lastUsed)).isEmpty();
        // The next code is accepted and becomes the last used step.
        String next = later.code(RFC_SEED, later.currentStep().counter());
        assertThat(later.verify(RFC_SEED, next, lastUsed)).contains(later.currentStep());
    }

    @Test
    void aCodeOfAnEarlierStepIsRefusedOnceALaterStepWasUsed() {
        Totp totp = new Totp(at(2000000000));
        long now = totp.currentStep().counter();
        TotpStep usedTheNextStepsCode = new TotpStep(now + 1);

        assertThat(totp.verify(RFC_SEED, totp.code(RFC_SEED, now), usedTheNextStepsCode)).isEmpty();
        assertThat(totp.verify(RFC_SEED, totp.code(RFC_SEED, now - 1), usedTheNextStepsCode)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"287 082", " 287082 ", "28 70 82", "287082\n", "\t287082"})
    void spacesAroundAndInsideACodeAreIgnored(String typed) {
        assertThat(new Totp(at(59)).verify(RFC_SEED, typed)).contains(new TotpStep(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "28708", "2870822", "28708a", "+287082", "-287082", "287-082", "287082.",
        "２８７０８２", "٢٨٧٠٨٢", "287\u00a0082", "0x4617A"})
    void anythingButSixAsciiDigitsIsRefused(String typed) {
        assertThat(new Totp(at(59)).verify(RFC_SEED, typed)).isEmpty();
    }

    @Test
    void anOverlongInputIsRefused() {
        assertThat(new Totp(at(59)).verify(RFC_SEED, " ".repeat(100) + "287082")).isEmpty();
    }

    @Test
    void theWrongKeyGivesNoMatch() {
        TotpSecret other = TotpSecret.of("abcdefghijklmnopqrst".getBytes(StandardCharsets.US_ASCII));

        assertThat(new Totp(at(59)).verify(other, "287082")).isEmpty();
    }

    @Test
    void theCurrentStepIsUnixTimeOverThirtySeconds() {
        assertThat(new Totp(at(29)).currentStep()).isEqualTo(new TotpStep(0));
        assertThat(new Totp(at(30)).currentStep()).isEqualTo(new TotpStep(1));
        assertThat(new Totp(at(20000000000L)).currentStep()).isEqualTo(new TotpStep(666666666));
    }
}
