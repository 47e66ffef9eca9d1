package dev.sessionauth.twofactor;

import java.util.List;

/**
 * What enabling two-factor gives the user once: the enrolment URI their authenticator app reads (as a QR code or a
 * link), the key written out for apps that take it typed, and ten backup codes. Two-factor is on only after the
 * first code from the app confirms it. Nothing here is stored in the clear: show it, then let it go.
 *
 * @param totpUri     the {@code otpauth://totp/…} URI (Better Auth's {@code totpURI})
 * @param secret      the key in base32, as the URI's {@code secret} carries it
 * @param backupCodes single-use codes for when the phone is lost (Better Auth's {@code backupCodes})
 */
public record TotpEnrolment(String totpUri, String secret, List<String> backupCodes) {
    public TotpEnrolment {
        backupCodes = List.copyOf(backupCodes);
    }

    /** The URI as a QR code: a small standalone SVG, drawn on the server, safe to inline in a page. */
    public String qrCodeSvg() {
        return QrCodeSvg.render(totpUri);
    }

    /** Never the key or the codes: these end up in logs. */
    @Override
    public String toString() {
        return "TotpEnrolment[" + backupCodes.size() + " backup codes]";
    }
}
