package dev.sessionauth.twofactor;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The {@code otpauth://totp/…} URI an authenticator app enrols from (as a QR code or a link), byte for byte as
 * Better Auth writes it ({@code @better-auth/utils} {@code otp.ts}): the label {@code issuer:account} with each part
 * encoded as JavaScript's {@code encodeURIComponent} does, then {@code secret, issuer, digits, period} encoded as
 * {@code URLSearchParams} does (space as {@code +}), and no {@code algorithm} (SHA-1 is the default apps assume).
 */
public final class OtpAuthUri {
    private OtpAuthUri() {
    }

    /** The enrolment URI of {@code secret} for {@code account} (the e-mail address) at {@code issuer}. */
    public static String totp(String issuer, String account, TotpSecret secret) {
        return format(issuer, account, secret.base32(), Totp.DIGITS, Totp.PERIOD_SECONDS);
    }

    static String format(String issuer, String account, String base32Secret, int digits, int period) {
        // The label's ':' is written as is: it separates the issuer from the account, which apps rely on.
        return "otpauth://totp/" + uriComponent(issuer) + ":" + uriComponent(account)
                + "?secret=" + formEncode(base32Secret)
                + "&issuer=" + formEncode(issuer)
                + "&digits=" + digits
                + "&period=" + period;
    }

    /**
     * JavaScript's {@code URLSearchParams} encoding, which {@link URLEncoder} writes exactly: everything but
     * {@code A-Z a-z 0-9 * - . _} percent-encoded as UTF-8, space as {@code +}.
     */
    private static String formEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * JavaScript's {@code encodeURIComponent}, which also leaves {@code ! ' ( ) ~} alone and writes space as
     * {@code %20}. Every {@code +} in URLEncoder's output stands for a space (a '+' of the input became %2B), so
     * the replacements cannot touch anything else.
     */
    private static String uriComponent(String s) {
        return formEncode(s).replace("+", "%20").replace("%21", "!").replace("%27", "'").replace("%28", "(")
                .replace("%29", ")").replace("%7E", "~");
    }
}
