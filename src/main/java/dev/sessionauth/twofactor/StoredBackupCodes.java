package dev.sessionauth.twofactor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A user's unused backup codes as the database keeps them: one hash per code ({@link BackupCodes#hash}), never a
 * code. {@link #use} answers the set that remains once a code is spent, so the caller can write it back with a
 * compare-and-set on the old column value ({@code UPDATE … SET backup_codes = ? WHERE user_id = ? AND backup_codes
 * = ?}): of two requests racing with one code, only one wins.
 *
 * @param userId the owner, part of every hash
 * @param hashes the hashes of the codes not used yet (at most {@link BackupCodes#COUNT})
 */
public record StoredBackupCodes(String userId, List<String> hashes) {
    private static final String SEPARATOR = ",";

    public StoredBackupCodes {
        hashes = List.copyOf(hashes);
        for (String h : hashes) {
            if (!h.matches("[A-Za-z0-9_-]{43}")) {
                throw new IllegalArgumentException("not a backup-code hash");
            }
        }
    }

    /** The set kept in a column by {@link #toColumn()}. */
    public static StoredBackupCodes fromColumn(String userId, String column) {
        return new StoredBackupCodes(userId, column.isEmpty() ? List.of() : Arrays.asList(column.split(SEPARATOR, -1)));
    }

    /** The set as one column value: the hashes joined by commas (at most 439 characters). */
    public String toColumn() {
        return String.join(SEPARATOR, hashes);
    }

    /** How many codes are left. */
    public int remaining() {
        return hashes.size();
    }

    /**
     * The set without {@code code}, when it is one of the unused codes; empty when it is not (wrong, already used,
     * or not shaped like a code). The code matches whatever its case, spaces or hyphen; the hashes are compared in
     * constant time and all of them every time.
     */
    public Optional<StoredBackupCodes> use(String code) {
        Optional<String> normalized = BackupCodes.normalize(code);
        if (normalized.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = BackupCodes.hash(userId, normalized.get()).getBytes(StandardCharsets.US_ASCII);
        int match = -1;
        for (int i = 0; i < hashes.size(); i++) {
            if (MessageDigest.isEqual(hashes.get(i).getBytes(StandardCharsets.US_ASCII), presented) && match < 0) {
                match = i;
            }
        }
        if (match < 0) {
            return Optional.empty();
        }
        List<String> rest = new ArrayList<>(hashes);
        rest.remove(match);
        return Optional.of(new StoredBackupCodes(userId, rest));
    }

    /** Never the hashes: these end up in logs. */
    @Override
    public String toString() {
        return "StoredBackupCodes[" + hashes.size() + " remaining]";
    }
}
