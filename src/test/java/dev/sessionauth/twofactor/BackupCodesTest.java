package dev.sessionauth.twofactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackupCodesTest {

    private static final String USER = "user-1";

    private final BackupCodes backupCodes = new BackupCodes(new SecureRandom());

    @Test
    void tenDistinctCodesInBetterAuthsVisualFormat() {
        BackupCodes.Issued issued = backupCodes.generate(USER);

        assertThat(issued.codes()).hasSize(10).doesNotHaveDuplicates()
                .allSatisfy(code -> assertThat(code).matches("[a-z0-9]{5}-[a-z0-9]{5}"));
        assertThat(issued.stored().remaining()).isEqualTo(10);
    }

    @Test
    void eachCodeCarriesMoreThanFiftyBitsOfEntropy() {
        assertThat(BackupCodes.LENGTH * Math.log(36) / Math.log(2)).isGreaterThan(50).isCloseTo(51.7, within());
    }

    @Test
    void everyCharacterOfTheAlphabetTurnsUpInEveryPositionAboutEquallyOften() throws Exception {
        // 1,000 sets = 10,000 codes: each of 36 symbols expected ~278 times per position (sd ~16); a broken draw (a
        // fixed character, a missing digit, modulo bias towards the first letters) lands far outside 190..370. A
        // seeded SHA1PRNG makes the run the same every time, so the bounds cannot flake.
        SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
        seeded.setSeed(42L);
        BackupCodes repeatable = new BackupCodes(seeded);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 1_000; i++) {
            for (String code : repeatable.generate(USER).codes()) {
                String plain = code.replace("-", "");
                for (int p = 0; p < plain.length(); p++) {
                    counts.merge(p + ":" + plain.charAt(p), 1, Integer::sum);
                }
            }
        }
        assertThat(counts).hasSize(10 * 36);
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(190, 370));
    }

    @Test
    void onlyHashesAreStoredNeverACode() {
        BackupCodes.Issued issued = backupCodes.generate(USER);
        String column = issued.stored().toColumn();

        for (String code : issued.codes()) {
            assertThat(column).doesNotContain(code).doesNotContain(code.replace("-", ""))
                    .doesNotContain(code.substring(0, 5));
        }
        assertThat(issued.stored().hashes()).allSatisfy(h -> assertThat(h).matches("[A-Za-z0-9_-]{43}"));
        assertThat(issued.toString()).doesNotContain(issued.codes().get(0));
        assertThat(issued.stored().toString()).isEqualTo("StoredBackupCodes[10 remaining]");
    }

    @Test
    void aCodeCanBeUsedOnceAndTheRemainingSetIsWhatTheCallerPersists() {
        BackupCodes.Issued issued = backupCodes.generate(USER);
        String code = issued.codes().get(3);

        Optional<StoredBackupCodes> afterUse = issued.stored().use(code);
        assertThat(afterUse).isPresent();
        StoredBackupCodes remaining = afterUse.get();
        assertThat(remaining.remaining()).isEqualTo(9);

        assertThat(remaining.use(code)).isEmpty();
        // The value is immutable: the set before the use still holds the code (the compare-and-set's old value).
        assertThat(issued.stored().remaining()).isEqualTo(10);
    }

    @Test
    void everyCodeWorksOnceAndThenNoneIsLeft() {
        BackupCodes.Issued issued = backupCodes.generate(USER);
        StoredBackupCodes stored = issued.stored();

        for (String code : issued.codes()) {
            stored = stored.use(code).orElseThrow();
        }
        assertThat(stored.remaining()).isZero();
        assertThat(stored.toColumn()).isEmpty();
        for (String code : issued.codes()) {
            assertThat(stored.use(code)).isEmpty();
        }
    }

    @Test
    void matchingIgnoresCaseSpacesAndAMissingHyphen() {
        BackupCodes.Issued issued = backupCodes.generate(USER);
        String code = issued.codes().get(0);

        for (String typed : List.of(code.toUpperCase(), code.replace("-", ""), " " + code + " ",
                code.substring(0, 5) + " " + code.substring(6), code.substring(0, 3) + " " + code.substring(3))) {
            assertThat(issued.stored().use(typed)).as(typed).map(StoredBackupCodes::remaining).contains(9);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "abcde-fghi", "abcde-fghijk", "abcde_fghij", "ábcde-fghij", "abcde-fghıj"})
    void whatIsNotShapedLikeACodeNeverMatches(String typed) {
        assertThat(backupCodes.generate(USER).stored().use(typed)).isEmpty();
    }

    @Test
    void aWrongCodeLeavesTheSetAsItWas() {
        assertThat(backupCodes.generate(USER).stored().use("aaaaa-aaaaa")).isEmpty();
    }

    @Test
    void anotherUsersCodesDoNotMatch() {
        BackupCodes.Issued mine = backupCodes.generate(USER);
        StoredBackupCodes copiedToAnotherUser = new StoredBackupCodes("user-2", mine.stored().hashes());

        assertThat(copiedToAnotherUser.use(mine.codes().get(0))).isEmpty();
    }

    @Test
    void theColumnReadsBackAsTheSameSet() {
        StoredBackupCodes stored = backupCodes.generate(USER).stored();

        assertThat(stored.toColumn()).hasSize(10 * 43 + 9);
        assertThat(StoredBackupCodes.fromColumn(USER, stored.toColumn())).isEqualTo(stored);
        assertThat(StoredBackupCodes.fromColumn(USER, "").remaining()).isZero();
    }

    @Test
    void aColumnThatHoldsSomethingElseIsRefused() {
        assertThatThrownBy(() -> StoredBackupCodes.fromColumn(USER, "abcde-fghij"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoredBackupCodes.fromColumn(USER, ","))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUppercaseCodeIsStoredAsItsLowerCaseForm() {
        assertThat(BackupCodes.normalize("AbCdE-12345")).contains("abcde12345");
        assertThat(BackupCodes.hash(USER, "abcde12345")).isNotEqualTo(BackupCodes.hash("user-2", "abcde12345"));
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(0.05);
    }
}
