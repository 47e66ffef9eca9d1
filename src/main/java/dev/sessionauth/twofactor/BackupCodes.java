package dev.sessionauth.twofactor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Makes a user's ten single-use backup codes in Better Auth's visual format ({@code xxxxx-xxxxx}) and the hashes
 * that are all the database keeps of them ({@link StoredBackupCodes}). The codes themselves are shown once, at
 * enrolment or regeneration, and never stored.
 *
 * <p>Each code is 10 characters drawn uniformly from {@code a-z0-9}: 36^10 ≈ 3.7·10^15 values, 10·log2(36) ≈ 51.7
 * bits. Better Auth draws from {@code a-zA-Z0-9} (≈ 59.5 bits) and compares case-sensitively; lower case alone lets
 * a code typed from paper or capitalised by a phone keyboard match, and stays above 50 bits.
 */
public final class BackupCodes {
    /** Codes in a set: Better Auth's {@code amount}. */
    public static final int COUNT = 10;
    /** Random characters in a code, the hyphen not counted. */
    static final int LENGTH = 10;

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final SecureRandom random;

    public BackupCodes(SecureRandom random) {
        this.random = random;
    }

    /** A new set for {@code userId}: the codes to show once, and what to store (it replaces any earlier set). */
    public Issued generate(String userId) {
        // Distinct, so the set really holds COUNT uses (a repeat has odds of about 45 in 3.7·10^15).
        Set<String> codes = new LinkedHashSet<>();
        while (codes.size() < COUNT) {
            StringBuilder code = new StringBuilder(LENGTH + 1);
            for (int i = 0; i < LENGTH; i++) {
                if (i == LENGTH / 2) {
                    code.append('-');
                }
                // nextInt(bound) rejects the biased tail, so every character is uniform over the 36.
                code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            codes.add(code.toString());
        }
        List<String> hashes = new ArrayList<>(COUNT);
        for (String code : codes) {
            hashes.add(hash(userId, normalize(code).orElseThrow()));
        }
        return new Issued(List.copyOf(codes), new StoredBackupCodes(userId, hashes));
    }

    /**
     * A freshly generated set: {@code codes} to show the user once (Better Auth's {@code backupCodes} array) and
     * {@code stored}, the hashes to persist.
     */
    public record Issued(List<String> codes, StoredBackupCodes stored) {
        public Issued {
            codes = List.copyOf(codes);
        }

        /** Never the codes: these end up in logs. */
        @Override
        public String toString() {
            return "BackupCodes.Issued[" + codes.size() + " codes]";
        }
    }

    /**
     * {@code typed} as a code is compared: spaces and hyphens dropped, lower case; empty when what is left is not
     * 10 characters of {@code a-z0-9}, which no code is.
     */
    static Optional<String> normalize(String typed) {
        if (typed.length() > 64) {
            return Optional.empty();
        }
        StringBuilder s = new StringBuilder(LENGTH);
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (c == '-' || Character.isWhitespace(c)) {
                continue;
            }
            // ASCII only: toLowerCase(Locale.ROOT) of non-ASCII letters could land inside the alphabet.
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            if (ALPHABET.indexOf(lower) < 0) {
                return Optional.empty();
            }
            s.append(lower);
        }
        return s.length() == LENGTH ? Optional.of(s.toString()) : Optional.empty();
    }

    /**
     * What is stored of a normalised code: SHA-256 over the user id and the code, base64url. A plain hash rather
     * than bcrypt: these are 51.7-bit random values, not passwords people choose, so there is no dictionary to
     * slow down, and a check must not queue behind the password hashing. The user id salts it, so one guess
     * against a leaked table tests one user's set, never every user's at once.
     */
    static String hash(String userId, String normalizedCode) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("sessionauth backup code".getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) 0);
            sha.update(userId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(normalizedCode.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
