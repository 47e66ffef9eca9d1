package dev.sessionauth.paths;

import java.security.SecureRandom;

/**
 * The seed the path fuzzers ({@link PathFuzzTest}, {@link CanonicalFormPropertiesTest}) draw their raw paths from:
 * fixed by default, so every run (and CI) sends the same paths; {@code -Dpaths.fuzz.seed=<long>} replays a run
 * or tries another, {@code -Dpaths.fuzz.seed=random} draws a fresh one. Every report and failure names the seed.
 *
 * @param value the seed
 * @param origin where it came from, for the report
 */
record FuzzSeed(long value, String origin) {
    /** The system property that overrides the default seed. */
    static final String PROPERTY = "paths.fuzz.seed";
    /** An arbitrary constant: CI runs are reproducible, and fresh seeds are one flag away. */
    static final long DEFAULT = 42L;

    /** The seed {@value #PROPERTY} asks for, or {@link #DEFAULT} when it is unset or blank. */
    static FuzzSeed fromSystemProperties() {
        String asked = System.getProperty(PROPERTY, "").trim();
        if (asked.isEmpty()) {
            return new FuzzSeed(DEFAULT, "the default");
        }
        if (asked.equalsIgnoreCase("random")) {
            return new FuzzSeed(new SecureRandom().nextLong(), "drawn at random");
        }
        try {
            return new FuzzSeed(Long.parseLong(asked), "from -D" + PROPERTY);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + "='" + asked + "' is not a seed: give a long, e.g. -D"
                    + PROPERTY + "=" + DEFAULT + ", or 'random' for a fresh one, or leave it unset for the default", e);
        }
    }

    /** The flag that replays a run with this seed. */
    String replayFlag() {
        return "-D" + PROPERTY + "=" + value;
    }

    @Override
    public String toString() {
        return "seed " + value + " (" + origin + ")";
    }
}
