package dev.sessionauth.twofactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.crypto.CookieSigner;
import dev.sessionauth.crypto.SecretBox;
import dev.sessionauth.crypto.TokenGenerator;
import dev.sessionauth.twofactor.TwoFactorAttempts.Account;
import dev.sessionauth.twofactor.TwoFactorAttempts.Challenge;
import dev.sessionauth.twofactor.TwoFactorAttempts.Gate;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The building blocks in the order the {@code /two-factor/*} endpoints will use them, with the database row modelled
 * as the values a caller would store: enable, the first verify-totp, a challenged sign-in answered with a TOTP code
 * and then with a backup code, and a trusted device skipping the challenge.
 */
class TwoFactorFlowTest {

    private static final List<byte[]> SECRETS = List.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    private static final String USER = "user-1";
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    /** The two-factor row as the store will keep it: every column a string or a number. */
    private record Row(String encryptedSecret, String backupCodes, long lastStep, boolean verified) {
    }

    private final SecureRandom random = new SecureRandom();
    private final SecretBox box = new SecretBox(SECRETS, TotpSecret.ENCRYPTION_PURPOSE);
    private final TrustedDeviceCookie trust = new TrustedDeviceCookie(new CookieSigner(SECRETS), new TokenGenerator());

    private static Totp totpAt(Instant now) {
        return new Totp(Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void enableVerifySignInWithACodeThenABackupCodeThenATrustedDevice() {
        // enable: a key, its URI and QR code, ten backup codes shown once; the row keeps ciphertext and hashes.
        TotpSecret key = TotpSecret.generate(random);
        String uri = OtpAuthUri.totp("My App", "ann@example.com", key);
        String qr = QrCodeSvg.render(uri);
        BackupCodes.Issued codes = new BackupCodes(random).generate(USER);
        Row row = new Row(box.encrypt(key.bytes(), USER), codes.stored().toColumn(), Long.MIN_VALUE, false);
        assertThat(uri).contains("secret=" + key.base32());
        assertThat(qr).startsWith("<svg");
        assertThat(row.toString()).doesNotContain(key.base32()).doesNotContain(codes.codes().get(0));

        // verify-totp while signed in: the authenticator's code turns two-factor on and is recorded as used.
        TotpSecret stored = TotpSecret.of(box.decrypt(row.encryptedSecret(), USER));
        Totp atEnrol = totpAt(T0);
        String appCode = atEnrol.code(stored, atEnrol.currentStep().counter());
        TotpStep used = atEnrol.verify(stored, appCode).orElseThrow();
        row = new Row(row.encryptedSecret(), row.backupCodes(), used.counter(), true);

        // sign-in, 20 s later, challenged: the same code (still inside its window) is refused, the next one is not.
        Instant signIn = T0.plusSeconds(20);
        Challenge challenge = Challenge.FRESH;
        Account account = Account.CLEAN;
        Totp atSignIn = totpAt(signIn);
        assertThat(TwoFactorAttempts.gate(challenge, account, signIn)).isEqualTo(Gate.CHECK_CODE);
        assertThat(atSignIn.verify(stored, appCode, new TotpStep(row.lastStep()))).isEmpty();
        challenge = challenge.afterFailure();
        account = account.afterFailure(signIn);
        Instant later = T0.plusSeconds(35);
        Totp atRetry = totpAt(later);
        String nextCode = atRetry.code(stored, atRetry.currentStep().counter());
        assertThat(TwoFactorAttempts.gate(challenge, account, later)).isEqualTo(Gate.CHECK_CODE);
        Optional<TotpStep> accepted = atRetry.verify(stored, nextCode, new TotpStep(row.lastStep()));
        assertThat(accepted).isPresent();
        account = account.afterSuccess();
        row = new Row(row.encryptedSecret(), row.backupCodes(), accepted.get().counter(), true);
        assertThat(account).isEqualTo(Account.CLEAN);

        // Another sign-in, the phone lost: a backup code, spent with a compare-and-set of the column; trust asked.
        StoredBackupCodes before = StoredBackupCodes.fromColumn(USER, row.backupCodes());
        StoredBackupCodes after = before.use(codes.codes().get(7).toUpperCase()).orElseThrow();
        row = new Row(row.encryptedSecret(), after.toColumn(), row.lastStep(), true);
        assertThat(StoredBackupCodes.fromColumn(USER, row.backupCodes()).use(codes.codes().get(7))).isEmpty();
        TrustedDeviceToken granted = trust.issue(USER);
        String trustRowKey = granted.storageKey();
        String cookie = trust.value(granted);

        // The next password sign-in in that browser: the cookie is read, its row found, the challenge skipped and the
        // token rotated; another user signing in there is challenged.
        TrustedDeviceToken presented = trust.read(cookie).orElseThrow();
        assertThat(presented.isFor(USER)).isTrue();
        assertThat(presented.storageKey()).isEqualTo(trustRowKey);
        TrustedDeviceToken next = trust.rotate(presented);
        assertThat(next.storageKey()).isNotEqualTo(trustRowKey);
        assertThat(trust.read(cookie).orElseThrow().isFor("user-2")).isFalse();
    }
}
