package dev.sessionauth.twofactor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks time-based one-time passwords as Better Auth does (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps,
 * T0 = 0, the current step ±1), and says which step a code matched so the caller can accept each code once,
 * which Better Auth does not (a code works there for up to 90 s, as often as it is sent).
 */
public final class Totp {
    /** Digits in a code, Better Auth's default and what authenticator apps show. */
    public static final int DIGITS = 6;
    /** The step length in seconds. */
    public static final int PERIOD_SECONDS = 30;
    /**
     * Steps accepted either side of the current one: Better Auth's {@code window = 1} (and RFC 6238 §5.2's
     * recommendation), for clocks a little apart and codes typed as they change.
     */
    static final int WINDOW = 1;

    // A code is short; anything longer is refused before any work.
    private static final int MAX_INPUT = 64;
    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private final Clock clock;
    private final int digits;

    public Totp(Clock clock) {
        this(clock, DIGITS);
    }

    /** With another code length: RFC 6238's Appendix B vectors have 8 digits. */
    Totp(Clock clock, int digits) {
        if (digits < 6 || digits > 8) {
            throw new IllegalArgumentException("TOTP codes have 6 to 8 digits");
        }
        this.clock = clock;
        this.digits = digits;
    }

    /** The step the clock is in now. */
    public TotpStep currentStep() {
        return new TotpStep(Math.floorDiv(clock.instant().getEpochSecond(), PERIOD_SECONDS));
    }

    /**
     * The step {@code code} was made for, when it is the code of the current step or of one either side; for an
     * account that has not used a code yet (enrolment). Surrounding white space and spaces inside are ignored
     * ({@code "123 456"}, as apps show it); anything else but ASCII digits, or another length, never matches.
     */
    public Optional<TotpStep> verify(TotpSecret secret, String code) {
        return verify(secret, code, new TotpStep(Long.MIN_VALUE));
    }

    /**
     * As {@link #verify(TotpSecret, String)}, but only a step after {@code lastUsed} matches, so a code already
     * accepted (or one older than it) is refused. The caller stores the answer as the new last used step, with a
     * conditional write ({@code … WHERE last_step < ?}) so two instances cannot both accept one code.
     */
    public Optional<TotpStep> verify(TotpSecret secret, String code, TotpStep lastUsed) {
        Optional<byte[]> presented = normalize(code);
        if (presented.isEmpty()) {
            return Optional.empty();
        }
        long now = currentStep().counter();
        boolean found = false;
        long matched = 0;
        // Every candidate is computed and compared, so the time taken does not say which step (if any) matched.
        for (long step = now - WINDOW; step <= now + WINDOW; step++) {
            byte[] expected = code(secret, step).getBytes(StandardCharsets.US_ASCII);
            boolean equal = MessageDigest.isEqual(expected, presented.get());
            // The latest matching step is the one recorded: should a code match two steps of the window (a 10^-6
            // coincidence), recording the earlier would let the same code in again at the later one.
            if (equal && step > lastUsed.counter()) {
                found = true;
                matched = step;
            }
        }
        return found ? Optional.of(new TotpStep(matched)) : Optional.empty();
    }

    /** The code of {@code step} (RFC 4226 HOTP with the step as the counter), zero-padded to the digit count. */
    String code(TotpSecret secret, long step) {
        byte[] h;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.key(), "HmacSHA1"));
            h = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is unavailable in this JVM", e);
        }
        // Dynamic truncation, RFC 4226 §5.3.
        int offset = h[h.length - 1] & 0x0F;
        int binary = (h[offset] & 0x7F) << 24 | (h[offset + 1] & 0xFF) << 16 | (h[offset + 2] & 0xFF) << 8
                | (h[offset + 3] & 0xFF);
        String value = Integer.toString(binary % POWERS[digits]);
        return "0".repeat(digits - value.length()) + value;
    }

    private Optional<byte[]> normalize(String input) {
        if (input.length() > MAX_INPUT) {
            return Optional.empty();
        }
        String code = input.strip();
        StringBuilder digitsOnly = new StringBuilder(digits);
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == ' ') {
                continue;
            }
            // ASCII only: Character.isDigit would also take other scripts' digits.
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
            digitsOnly.append(c);
        }
        if (digitsOnly.length() != digits) {
            return Optional.empty();
        }
        return Optional.of(digitsOnly.toString().getBytes(StandardCharsets.US_ASCII));
    }
}
