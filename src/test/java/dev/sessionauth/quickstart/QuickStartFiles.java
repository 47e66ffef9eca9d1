package dev.sessionauth.quickstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The quick start's files as the README writes them: every fenced block right after a
 * {@code <!-- quickstart: path -->} comment is the file at that path, so a test deploys what the README says today,
 * not a copy of it.
 */
final class QuickStartFiles {
    /** The marker, then the fenced block (any language tag) up to its closing fence. */
    private static final Pattern SNIPPET = Pattern.compile(
            "<!--\\s*quickstart:\\s*(\\S+)\\s*-->\\s*\\n```[\\w-]*\\n(.*?)\\n```", Pattern.DOTALL);

    private final Map<String, String> files;

    private QuickStartFiles(Map<String, String> files) {
        this.files = Map.copyOf(files);
    }

    /** The snippets of the README at {@code readme}, by the path each names. */
    static QuickStartFiles of(Path readme) {
        String markdown;
        try {
            markdown = Files.readString(readme, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> files = new LinkedHashMap<>();
        Matcher m = SNIPPET.matcher(markdown);
        while (m.find()) {
            if (files.put(m.group(1), m.group(2) + "\n") != null) {
                throw new IllegalStateException("the README names " + m.group(1) + " twice as a quick-start file");
            }
        }
        return new QuickStartFiles(files);
    }

    /**
     * Writes every snippet whose path starts with {@code prefix} under {@code folder}, the prefix taken off; fails
     * when the README marks none.
     */
    void writeUnder(String prefix, Path folder) throws IOException {
        if (files.keySet().stream().noneMatch(path -> path.startsWith(prefix))) {
            throw new AssertionError("the README marks no <!-- quickstart: " + prefix + "... --> snippet; it has "
                    + files.keySet());
        }
        for (Map.Entry<String, String> f : files.entrySet()) {
            if (f.getKey().startsWith(prefix)) {
                Path target = folder.resolve(f.getKey().substring(prefix.length()));
                Files.createDirectories(target.getParent());
                Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
            }
        }
    }
}
