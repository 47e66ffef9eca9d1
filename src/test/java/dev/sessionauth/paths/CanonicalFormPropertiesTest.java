package dev.sessionauth.paths;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.web.AmbiguousPathException;
import dev.sessionauth.web.PathNormalizer;
import dev.sessionauth.web.RequestPath;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the canonical form over the fuzzer's own paths, without a container: what the normalizer produces
 * is a fixed point that it hands back uncopied, and that the agreement check accepts from a container giving the
 * same path. This is what lets ordinary requests pass without allocation and without being refused.
 */
class CanonicalFormPropertiesTest {

    @Provide
    Arbitrary<String> rawPaths() {
        // The path part of a request target: no absolute-form prefix, query or fragment.
        return RawPaths.targets().map(t -> {
            String path = t.startsWith("http://") ? t.substring(t.indexOf('/', "http://".length())) : t;
            int end = path.length();
            for (char stop : new char[] {'?', '#'}) {
                int i = path.indexOf(stop);
                if (i >= 0 && i < end) {
                    end = i;
                }
            }
            return path.substring(0, end);
        });
    }

    @Property(tries = 20_000)
    void theCanonicalFormIsAFixedPointReturnedWithoutCopying(@ForAll("rawPaths") String raw) {
        String canonical;
        try {
            canonical = PathNormalizer.normalize(raw);
        } catch (AmbiguousPathException refused) {
            return;
        }
        assertThat(PathNormalizer.normalize(canonical)).isSameAs(canonical);
        assertThat(RequestPath.agreed(canonical, "", canonical, null)).isEqualTo(canonical);
        assertThat(RequestPath.agreed(raw, "", "", canonical)).isEqualTo(canonical);
    }
}
