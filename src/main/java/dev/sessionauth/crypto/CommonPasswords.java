package dev.sessionauth.crypto;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The 10,000 most common passwords of a published breach corpus, shipped in the jar, so sign-up can refuse the
 * ones every guessing list starts with (OWASP ASVS 5.0, V6.2.4). Matching ignores case: {@code Password} is as
 * guessable as {@code password}. No strength score: a passphrase of ordinary words is not on the list and passes.
 */
public final class CommonPasswords {
    private static final String RESOURCE = "common-passwords.txt";
    /** Read once; immutable, so every engine in the JVM shares it. */
    private static final Set<String> LIST = load();

    private CommonPasswords() {
    }

    /** Whether {@code password}, ignoring case, is on the list. */
    public static boolean contains(String password) {
        return LIST.contains(password.toLowerCase(Locale.ROOT));
    }

    /** How many passwords the list holds. */
    public static int size() {
        return LIST.size();
    }

    private static Set<String> load() {
        try (InputStream in = CommonPasswords.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the SessionAuth jar; rebuild it");
            }
            Set<String> passwords = new HashSet<>(16_384);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    passwords.add(line.toLowerCase(Locale.ROOT));
                }
            }
            return Set.copyOf(passwords);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }
}
