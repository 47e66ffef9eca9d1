package dev.sessionauth.twofactor;

import dev.sessionauth.SignInResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;

/**
 * Two-factor sign-in for the app's own pages and administration, found with
 * {@code SessionAuth.of(request).feature(TwoFactor.class)} (empty when {@code twoFactor.enabled=false}). The
 * request-level calls act for the browser of the request they are given, as the {@code /two-factor/*} endpoints do,
 * and set or clear its cookies themselves; they throw {@link dev.sessionauth.AuthException} with the same codes.
 *
 * <p>A password is asked before the second factor changes; for a user who has none (signed in through a provider)
 * the password is ignored and the sign-in must be younger than {@code session.freshAge} instead.
 */
public interface TwoFactor {
    /**
     * Starts enrolling an authenticator app for the signed-in user (Better Auth's {@code enable}): show the QR code
     * and the backup codes, then confirm with the app's first code through {@link #verifyTotp}. Until then two-factor
     * stays off; enabling again before confirming replaces the key and the codes.
     *
     * @throws dev.sessionauth.AuthException {@code UNAUTHORIZED}, {@code INVALID_PASSWORD}, {@code TOTP_ALREADY_ENABLED}
     */
    TotpEnrolment enable(HttpServletRequest request, String password);

    /** The signed-in user's enrolment URI again ({@code TOTP_NOT_ENABLED} when there is none). */
    String totpUri(HttpServletRequest request, String password);

    /**
     * Checks a code from the authenticator app. For a browser whose sign-in waits for a code it signs the user in
     * (the session cookie set, the pending sign-in ended, this device trusted if asked); for a signed-in user it
     * confirms the enrolment (two-factor turns on, the session is replaced) or only checks the code.
     *
     * @throws dev.sessionauth.AuthException {@code INVALID_CODE}, {@code INVALID_TWO_FACTOR_COOKIE},
     *                                       {@code TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE}, {@code ACCOUNT_TEMPORARILY_LOCKED},
     *                                       {@code TOTP_NOT_ENABLED}
     */
    SignInResult verifyTotp(HttpServletRequest request, HttpServletResponse response, String code, DeviceTrust trust);

    /** As {@link #verifyTotp}, with one of the backup codes, which is then used up ({@code INVALID_BACKUP_CODE}). */
    SignInResult verifyBackupCode(HttpServletRequest request, HttpServletResponse response, String code,
                                  DeviceTrust trust);

    /** Ten new backup codes for the signed-in user in place of the old ones ({@code TWO_FACTOR_NOT_ENABLED}). */
    List<String> generateBackupCodes(HttpServletRequest request, String password);

    /**
     * Turns two-factor off for the signed-in user: the key, the backup codes and every trusted device go, and the
     * browser gets a new session.
     */
    void disable(HttpServletRequest request, HttpServletResponse response, String password);

    /** Whether this browser has a sign-in waiting for a code (for the second-step page: else back to the login). */
    boolean isWaitingForCode(HttpServletRequest request);

    /** Whether the signed-in user of this request has two-factor on. */
    boolean isEnabled(HttpServletRequest request);

    /** Whether {@code userId} has two-factor on (an enrolment confirmed by a first code). */
    boolean isEnabled(String userId);

    /**
     * Turns two-factor off for {@code userId}, as the app's own administration does for a user who lost both the
     * phone and the backup codes (after checking who asks, out of band): key, codes and trusted devices go; their
     * sessions stay.
     */
    void disable(String userId);
}
