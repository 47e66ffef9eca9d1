/**
 * Two-factor sign-in, Better Auth's {@code twoFactor} plugin in Java: the building blocks the {@code /two-factor/*}
 * endpoints will use. TOTP codes ({@code Totp}, {@code TotpSecret}, {@code TotpStep}) and their enrolment URI and
 * QR code ({@code OtpAuthUri}, {@code QrCodeSvg}), single-use backup codes kept only as hashes
 * ({@code BackupCodes}, {@code StoredBackupCodes}), the signed "trust this device" cookie
 * ({@code TrustedDeviceCookie}, {@code TrustedDeviceToken}) and the attempt limits ({@code TwoFactorAttempts}).
 * Secrets that must be read back (the TOTP key) are kept with {@code dev.sessionauth.crypto.SecretBox}.
 *
 * <p>Layer: a way in (DESIGN.md §10). It may import {@code crypto}, {@code config} and the engine's values (the root
 * package); nothing imports it but the registry of ways in. Everything here is pure logic over values: no store,
 * no servlet API, no clock but an injected one.
 */
package dev.sessionauth.twofactor;
