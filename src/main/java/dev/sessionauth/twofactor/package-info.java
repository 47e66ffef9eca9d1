/**
 * Two-factor sign-in, Better Auth's {@code twoFactor} plugin in Java ({@code TwoFactorFeature}): a gate after every
 * first factor but a passkey ({@code TwoFactorGate}), the {@code /two-factor/*} endpoints ({@code TwoFactorEndpoints}),
 * the app's Java API ({@code TwoFactor}), and the rules they share ({@code TwoFactorService}) over three tables
 * ({@code TwoFactorStore}: enrolments, pending sign-ins, trusted devices).
 *
 * <p>The building blocks are pure logic over values: TOTP codes ({@code Totp}, {@code TotpSecret}, {@code TotpStep})
 * and their enrolment URI and QR code ({@code OtpAuthUri}, {@code QrCodeSvg}), single-use backup codes kept only as
 * hashes ({@code BackupCodes}, {@code StoredBackupCodes}), the signed "trust this device" cookie
 * ({@code TrustedDeviceCookie}, {@code TrustedDeviceToken}) and the attempt limits ({@code TwoFactorAttempts}).
 * Secrets that must be read back (the TOTP key) are kept with {@code dev.sessionauth.crypto.SecretBox}.
 *
 * <p>Layer: a way in (DESIGN.md §10). It may import the engine ({@code dev.sessionauth.engine}), the web layer's
 * extension types ({@code ApiRoutes}, {@code ApiExchange}), {@code crypto}, {@code config}, {@code spi} and the root
 * package; nothing imports it but the registry of ways in ({@code META-INF/services}).
 */
package dev.sessionauth.twofactor;
