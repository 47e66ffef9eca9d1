package dev.sessionauth.twofactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.twofactor.TwoFactorAttempts.Account;
import dev.sessionauth.twofactor.TwoFactorAttempts.Challenge;
import dev.sessionauth.twofactor.TwoFactorAttempts.Gate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TwoFactorAttemptsTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    /**
     * What the endpoints will do with the stored counts: gate, then the code, then write back. Answers Better
     * Auth's status for the try: 200, 401 (wrong code), 400 (attempts spent) or 429 (locked).
     */
    private static final class SignInFlow {
        Challenge challenge = Challenge.FRESH;
        Account account = Account.CLEAN;
        boolean challengeAlive = true;

        void newSignIn() {
            challenge = Challenge.FRESH;
            challengeAlive = true;
        }

        int attempt(boolean rightCode, Instant now) {
            if (!challengeAlive) {
                return 401; // INVALID_TWO_FACTOR_COOKIE
            }
            Gate gate = TwoFactorAttempts.gate(challenge, account, now);
            if (gate == Gate.ACCOUNT_LOCKED) {
                return 429;
            }
            if (gate == Gate.TOO_MANY_ATTEMPTS) {
                challengeAlive = false;
                return 400;
            }
            account = account.at(now);
            if (rightCode) {
                account = account.afterSuccess();
                challengeAlive = false;
                return 200;
            }
            challenge = challenge.afterFailure();
            account = account.afterFailure(now);
            return 401; // INVALID_CODE or INVALID_BACKUP_CODE
        }
    }

    @Test
    void theNumbersAreBetterAuths() {
        assertThat(TwoFactorAttempts.ALLOWED_ATTEMPTS_PER_CHALLENGE).isEqualTo(5);
        assertThat(TwoFactorAttempts.LOCKOUT_MAX_FAILED_ATTEMPTS).isEqualTo(10);
        assertThat(TwoFactorAttempts.LOCKOUT_DURATION).isEqualTo(Duration.ofSeconds(900));
    }

    @Test
    void fiveWrongCodesAreAllowedAndTheSixthTryIsRefusedEvenWithTheRightCode() {
        SignInFlow flow = new SignInFlow();
        List<Integer> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(flow.attempt(false, T0));
        }
        answers.add(flow.attempt(true, T0));
        answers.add(flow.attempt(true, T0));

        // Better Auth, observed: 5 × 401, then 400 TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE, then 401 for the dead cookie.
        assertThat(answers).containsExactly(401, 401, 401, 401, 401, 400, 401);
    }

    @Test
    void aRightCodeWithinTheFiveIsAccepted() {
        SignInFlow flow = new SignInFlow();
        for (int i = 0; i < 4; i++) {
            flow.attempt(false, T0);
        }

        assertThat(flow.attempt(true, T0)).isEqualTo(200);
    }

    @Test
    void tenWrongCodesInARowAcrossSignInsLockTheAccountForFifteenMinutes() {
        SignInFlow flow = new SignInFlow();
        for (int signIn = 0; signIn < 2; signIn++) {
            flow.newSignIn();
            for (int i = 0; i < 5; i++) {
                assertThat(flow.attempt(false, T0.plusSeconds(signIn * 60L + i))).isEqualTo(401);
            }
        }
        Instant lastFailure = T0.plusSeconds(64);
        flow.newSignIn();

        assertThat(flow.account.lockedUntil()).contains(lastFailure.plus(Duration.ofMinutes(15)));
        assertThat(flow.attempt(true, lastFailure.plus(Duration.ofMinutes(14)))).isEqualTo(429);
        assertThat(flow.account.remainingAt(lastFailure.plus(Duration.ofMinutes(14)))).contains(Duration.ofMinutes(1));
    }

    @Test
    void wrongBackupCodesCountTowardTheSameLimitsAsWrongTotpCodes() {
        // Better Auth, observed: 5 wrong TOTP codes, then five sign-ins with one wrong backup code each, lock the
        // account; then even a valid code gets 429. Both factors record their failures the same way.
        SignInFlow flow = new SignInFlow();
        for (int i = 0; i < 5; i++) {
            flow.attempt(false, T0); // TOTP
        }
        for (int signIn = 0; signIn < 5; signIn++) {
            flow.newSignIn();
            assertThat(flow.attempt(false, T0)).isEqualTo(401); // backup code
        }
        flow.newSignIn();

        assertThat(flow.account.consecutiveFailures()).isEqualTo(10);
        assertThat(flow.attempt(true, T0.plusSeconds(1))).isEqualTo(429);
    }

    @Test
    void aLockedAccountSpendsNoAttemptAndThePendingSignInStays() {
        SignInFlow flow = new SignInFlow();
        flow.account = new Account(10, Optional.of(T0.plus(Duration.ofMinutes(15))));

        assertThat(flow.attempt(true, T0)).isEqualTo(429);
        assertThat(flow.challenge).isEqualTo(Challenge.FRESH);
        assertThat(flow.challengeAlive).isTrue();
        // Once the lock has ended, the same pending sign-in goes through.
        assertThat(flow.attempt(true, T0.plus(Duration.ofMinutes(15)))).isEqualTo(200);
    }

    @Test
    void theLockIsCheckedBeforeTheSpentAttempts() {
        Account locked = new Account(10, Optional.of(T0.plusSeconds(60)));

        assertThat(TwoFactorAttempts.gate(new Challenge(5), locked, T0)).isEqualTo(Gate.ACCOUNT_LOCKED);
        assertThat(TwoFactorAttempts.gate(new Challenge(5), Account.CLEAN, T0)).isEqualTo(Gate.TOO_MANY_ATTEMPTS);
        assertThat(TwoFactorAttempts.gate(new Challenge(4), Account.CLEAN, T0)).isEqualTo(Gate.CHECK_CODE);
    }

    @Test
    void aRightCodeEndsTheRunSoOnlyFailuresInARowCount() {
        SignInFlow flow = new SignInFlow();
        for (int round = 0; round < 3; round++) {
            for (int signIn = 0; signIn < 3; signIn++) {
                flow.newSignIn();
                for (int i = 0; i < 3; i++) {
                    flow.attempt(false, T0);
                }
            }
            flow.newSignIn();
            assertThat(flow.attempt(true, T0)).isEqualTo(200);
        }

        assertThat(flow.account).isEqualTo(Account.CLEAN);
    }

    @Test
    void theLockEndsAfterFifteenMinutesAndTheCountStartsAgain() {
        Instant end = T0.plus(TwoFactorAttempts.LOCKOUT_DURATION);
        Account locked = Account.CLEAN;
        for (int i = 0; i < 10; i++) {
            locked = locked.afterFailure(T0);
        }

        assertThat(locked.lockedAt(end.minusMillis(1))).isTrue();
        assertThat(locked.lockedAt(end)).isFalse();
        assertThat(locked.remainingAt(end)).isEmpty();
        assertThat(locked.at(end)).isEqualTo(Account.CLEAN);
        assertThat(locked.afterFailure(end)).isEqualTo(new Account(1, Optional.empty()));
    }

    @Test
    void nineWrongCodesDoNotLock() {
        Account account = Account.CLEAN;
        for (int i = 0; i < 9; i++) {
            account = account.afterFailure(T0);
        }

        assertThat(account.lockedAt(T0)).isFalse();
        assertThat(account.afterFailure(T0).lockedAt(T0)).isTrue();
    }

    @Test
    void negativeCountsAreRefused() {
        assertThatThrownBy(() -> new Challenge(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Account(-1, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }
}
