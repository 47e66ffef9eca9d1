package dev.sessionauth.bench;

import dev.sessionauth.web.PathNormalizer;
import dev.sessionauth.web.PathRules;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** What the filter does with every path: normalize it, then classify it against the protected and public rules. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PathMatchBenchmark {
    private PathRules rules;
    private String protectedPath;
    private String publicPath;
    private String encodedPath;

    @Setup
    public void setUp() {
        // The README's example rules plus a few more, as a real app would have.
        rules = PathRules.of(List.of("/api/protected/:path*", "/dashboard/**", "/admin/**", "/users/:id", "/app/**"),
                List.of("/api/public/:path*", "/admin/login", "/pub/**"));
        protectedPath = "/app/data";
        publicPath = "/pub/data";
        encodedPath = "/api/protected/caf%C3%A9/./items;jsessionid=1/../list";
    }

    @Benchmark
    public PathRules.Access protectedPath() {
        return rules.classify(PathNormalizer.normalize(protectedPath));
    }

    @Benchmark
    public PathRules.Access publicPath() {
        return rules.classify(PathNormalizer.normalize(publicPath));
    }

    @Benchmark
    public PathRules.Access encodedPath() {
        return rules.classify(PathNormalizer.normalize(encodedPath));
    }
}
