package dev.sessionauth.spi;

import java.util.Optional;

/** Small named values SessionAuth keeps for itself, such as the generated development secret. */
public interface MetaStore {
    Optional<String> get(String name);

    /** Stores {@code value} unless a value is already there; returns the value that is stored afterwards. */
    String putIfAbsent(String name, String value);

    /** Replaces the value of {@code name} with {@code value} only if it is {@code expected} right now; whether it did. */
    boolean replace(String name, String expected, String value);
}
