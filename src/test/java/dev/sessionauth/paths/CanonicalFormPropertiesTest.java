package dev.sessionauth.paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.sessionauth.web.AmbiguousPathException;
import dev.sessionauth.web.PathNormalizer;
import dev.sessionauth.web.RequestPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Properties of the canonical form over the fuzzer's own paths, without a container: what the normalizer produces
 * is a fixed point that it hands back uncopied, and that the agreement check accepts from a container giving the
 * same path. This is what lets ordinary requests pass without allocation and without being refused.
 *
 * <p>The paths come from {@link RawPaths} with the {@link FuzzSeed} ({@code -Dpaths.fuzz.seed} replays a run);
 * every input is checked, and a failure lists the first {@value #LISTED} that broke a property.
 */
class CanonicalFormPropertiesTest {
    /** Generated inputs (repeats included, as they come). */
    private static final int INPUTS = 20_000;
    private static final int LISTED = 20;

    @Test
    void theCanonicalFormIsAFixedPointReturnedWithoutCopying() {
        FuzzSeed seed = FuzzSeed.fromSystemProperties();
        RawPaths targets = new RawPaths(seed.value());
        Set<String> distinct = new HashSet<>();
        List<String> broken = new ArrayList<>();
        int refused = 0;
        for (int i = 1; i <= INPUTS; i++) {
            String raw = pathPart(targets.next());
            distinct.add(raw);
            String canonical;
            try {
                canonical = PathNormalizer.normalize(raw);
            } catch (AmbiguousPathException e) {
                refused++;
                continue;
            } catch (RuntimeException e) {
                broken.add(String.format(Locale.ROOT, "#%d %s: normalize threw %s", i, raw, e));
                continue;
            }
            int number = i;
            check(raw, canonical).ifPresent(problem -> broken.add(
                    String.format(Locale.ROOT, "#%d %s -> %s: %s", number, raw, canonical, problem)));
        }
        System.out.printf(Locale.ROOT, "CanonicalFormPropertiesTest, %s: %d raw paths (%d distinct), %d normalized,"
                + " %d refused as ambiguous, %d broke a property%n", seed, INPUTS, distinct.size(), INPUTS - refused,
                refused, broken.size());
        System.out.flush();
        if (!broken.isEmpty()) {
            fail("%s: %d of %d raw paths broke a property of the canonical form; the first %d:%n  %s%nReplay: mvn -o"
                            + " test -Dtest=CanonicalFormPropertiesTest %s", seed, broken.size(), INPUTS,
                    Math.min(LISTED, broken.size()), String.join(System.lineSeparator() + "  ",
                            broken.subList(0, Math.min(LISTED, broken.size()))), seed.replayFlag());
        }
        // Properties that hold because nearly everything was refused would prove little; with the default seed
        // 5,757 of the 20,000 are normalized (the rest carry dot segments after ;params, //.. and the like).
        assertThat(INPUTS - refused).as("normalized paths, %s", seed).isGreaterThan(INPUTS / 10);
    }

    /** What is wrong with {@code canonical}, the normal form of {@code raw}, if anything. */
    private static Optional<String> check(String raw, String canonical) {
        try {
            String again = PathNormalizer.normalize(canonical);
            if (again != canonical) {
                return Optional.of("normalizing it again gave " + (again.equals(canonical) ? "a copy" : again));
            }
            String agreedWithItself = RequestPath.reached(RequestPath.named(canonical, ""), canonical, canonical, null);
            if (!Objects.equals(agreedWithItself, canonical)) {
                return Optional.of("reached(named(canonical), canonical, canonical, null) gave " + agreedWithItself);
            }
            String named = RequestPath.named(raw, "");
            String agreedFromRaw = RequestPath.reached(named, raw, "", canonical);
            if (agreedFromRaw != named) {
                return Optional.of("reached(named(raw), raw, \"\", canonical) gave " + agreedFromRaw
                        + (agreedFromRaw.equals(named) ? " (a copy)" : ""));
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("threw " + e);
        }
    }

    /** The path part of a request target: no absolute-form prefix, query or fragment. */
    private static String pathPart(String target) {
        String path = target.startsWith("http://") ? target.substring(target.indexOf('/', "http://".length())) : target;
        int end = path.length();
        for (char stop : new char[] {'?', '#'}) {
            int i = path.indexOf(stop);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return path.substring(0, end);
    }
}
