package dev.sessionauth.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every public type, constructor, method and field of the API (the {@code api} types of {@code public-api.txt}) has a
 * Javadoc sentence in its source; the build's javadoc run checks the rest (references, tags, HTML) everywhere.
 * Overrides are documented where they are declared and need none.
 */
class ApiJavadocTest {
    @Test
    void everyPublicDeclarationOfTheApiHasASentence() throws IOException {
        List<String> undocumented = new ArrayList<>();
        for (String type : apiTopLevelTypes()) {
            Path source = Path.of("src/main/java", type.replace('.', '/') + ".java");
            List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                // A record's compact constructor only checks what the record's Javadoc documents.
                boolean compactConstructor = line.matches("public \\w+ \\{");
                if (line.startsWith("public ") && !compactConstructor && !documented(lines, i)) {
                    undocumented.add(source + ":" + (i + 1) + " " + line);
                }
            }
        }
        assertThat(undocumented).isEmpty();
    }

    /** Whether the declaration at {@code line} follows a Javadoc comment (annotations between) or overrides. */
    private static boolean documented(List<String> lines, int line) {
        for (int i = line - 1; i >= 0; i--) {
            String previous = lines.get(i).strip();
            if (previous.equals("@Override")) {
                return true;
            }
            if (previous.startsWith("@")) {
                continue;
            }
            return previous.endsWith("*/") && javadocStarts(lines, i);
        }
        return false;
    }

    private static boolean javadocStarts(List<String> lines, int end) {
        for (int i = end; i >= 0; i--) {
            String l = lines.get(i).strip();
            if (l.startsWith("/**")) {
                return true;
            }
            if (l.startsWith("/*")) {
                return false;
            }
        }
        return false;
    }

    private static TreeSet<String> apiTopLevelTypes() throws IOException {
        TreeSet<String> types = new TreeSet<>();
        try (InputStream in = ApiJavadocTest.class.getResourceAsStream("/public-api.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] parts = line.strip().split("\\s+");
                if (parts.length == 2 && parts[0].equals("api")) {
                    types.add(parts[1].replaceAll("\\$.*$", ""));
                }
            }
        }
        return types;
    }
}
