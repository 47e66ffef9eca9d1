package dev.sessionauth.bench;

import dev.sessionauth.web.PathNormalizer;
import dev.sessionauth.web.PathRules;
import dev.sessionauth.web.RequestPath;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the filter does with every path: find the one path its own normalization and the container's dispatch
 * (servlet path + path info, as Jetty and Tomcat give them) agree on, then classify it against the protected and
 * public rules. {@code normalizeOnly} is the normalization alone, for comparison; {@code welcomeFile} is a directory
 * request Tomcat maps to its welcome file, where the filter classifies both paths.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PathMatchBenchmark {
    private PathRules rules;
    private String protectedPath;
    private String publicPath;
    private String encodedPath;
    private String directoryPath;

    @Setup
    public void setUp() {
        // The example rules of docs/configuration.md plus a few more, as a real app would have.
        rules = PathRules.of(List.of("/api/protected/:path*", "/dashboard/**", "/admin/**", "/users/:id", "/app/**"),
                List.of("/api/public/:path*", "/admin/login", "/pub/**"));
        protectedPath = "/app/data";
        publicPath = "/pub/data";
        encodedPath = "/api/protected/caf%C3%A9/./items/../list;jsessionid=1";
        directoryPath = "/pub/";
    }

    /** The path both views name, as the filter finds it for a request that reaches no welcome file. */
    private static String agreed(String uri, String servletPath, String pathInfo) {
        return RequestPath.reached(RequestPath.named(uri, ""), uri, servletPath, pathInfo);
    }

    /** A servlet mapped at /app/* serves it. */
    @Benchmark
    public PathRules.Access protectedPath() {
        return rules.classify(agreed(protectedPath, "/app", "/data"));
    }

    /** The default servlet serves it. */
    @Benchmark
    public PathRules.Access publicPath() {
        return rules.classify(agreed(publicPath, "/pub/data", null));
    }

    /** Escapes, a dot segment and a ;jsessionid, served by a servlet mapped at /api/protected/*. */
    @Benchmark
    public PathRules.Access encodedPath() {
        return rules.classify(agreed(encodedPath, "/api/protected", "/café/list"));
    }

    /** Tomcat serves /pub/ with /pub/index.html: both paths classified, the stricter wins. */
    @Benchmark
    public boolean welcomeFile() {
        String named = RequestPath.named(directoryPath, "");
        String reached = RequestPath.reached(named, directoryPath, "/pub/index.html", null);
        return rules.isProtected(named) || rules.isProtected(reached);
    }

    @Benchmark
    public String normalizeOnly() {
        return PathNormalizer.normalize(protectedPath);
    }
}
