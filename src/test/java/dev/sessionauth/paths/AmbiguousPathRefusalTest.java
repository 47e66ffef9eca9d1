package dev.sessionauth.paths;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.web.SessionAuthFilter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How a refused path reaches people: a browser sees an HTML error page (as it does for the filter's other refusals
 * of the app's pages), a script or client our JSON, and the log a line that names the two paths that disagreed,
 * never a token. On the demo app ({@link DemoApp}) in every {@link Container}, over raw sockets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AmbiguousPathRefusalTest {
    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private final Map<Container, Deployment> deployments = new EnumMap<>(Container.class);

    @BeforeAll
    void deploy() {
        for (Container container : Container.values()) {
            deployments.put(container, Deployment.start(container, ""));
        }
    }

    @AfterAll
    void undeploy() {
        deployments.values().forEach(Deployment::close);
    }

    /** What {@link SessionAuthFilter} logs while {@code probe} runs. */
    private static List<String> logged(Runnable probe) {
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (lines) {
                    lines.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(SessionAuthFilter.class.getName());
        Level level = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addHandler(capture);
        try {
            probe.run();
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(level);
        }
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Container.class)
    void aBrowserRefusedForAnAmbiguousPathSeesAnHtmlErrorPageWithOurMessage(Container container) {
        Deployment app = deployments.get(container);
        for (String target : List.of("/api/protected;x/../data", "/dashboard;x/./")) {
            Deployment.Exchange page = app.get(target, Identity.ANONYMOUS, BROWSER);
            assertThat(page.response().status()).as(target + ": " + page.response().body()).isEqualTo(400);
            assertThat(page.response().header("Content-Type").orElse("")).as(target).startsWith("text/html");
            assertThat(page.response().header("Cache-Control").orElse("")).contains("no-store");
            assertThat(page.response().body()).contains(Deployment.AMBIGUOUS).doesNotContain("\"code\"");
            assertThat(page.refusedByFilter()).isTrue();
            assertThat(page.visits()).isEmpty();

            Deployment.Exchange script = app.get(target, Identity.ANONYMOUS, "*/*");
            assertThat(script.response().status()).isEqualTo(400);
            assertThat(script.response().code()).isEqualTo("INVALID_PATH");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Container.class)
    void theLogLineOfARefusalNamesThePathItNamesAndTheContainers(Container container) {
        Deployment app = deployments.get(container);
        List<String> lines = logged(() -> app.get("/api/protected;x/../data", Identity.ANONYMOUS));
        assertThat(lines).singleElement().asString()
                .startsWith("refused GET /api/protected;x/../data with 400 INVALID_PATH (dot segment after a ';'"
                        + " path parameter): the path it names is none the filter can read, the container's is /");
    }

    @Test
    void whenBothViewsAreReadableTheLogLineShowsEach() {
        // Jetty with UNSAFE compliance lets "//" keep an empty segment that ".." then pops: it dispatches to /notes/,
        // while the filter's normalization reads the root. Neither is refused alone; the two disagree.
        Deployment app = deployments.get(Container.JETTY_UNSAFE);
        List<String> lines = logged(() -> {
            Deployment.Exchange e = app.get("/notes//./%2e%2e", Identity.FRESH_VERIFIED);
            assertThat(e.refusedByFilter()).as(e.response().body()).isTrue();
        });
        assertThat(lines).containsExactly("refused GET /notes//./%2e%2e with 400 INVALID_PATH (the container"
                + " dispatches it to a different path than it names): the path it names is /, the container's is"
                + " /notes/ (servlet path \"/notes/\", path info null)");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Container.class)
    void aTokenInARefusedResetLinkNeverReachesTheLog(Container container) {
        String token = "Zm9vYmFyQmF6UXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo";
        Deployment app = deployments.get(container);
        List<String> lines = logged(() -> app.get("/api/auth/reset-password/" + token + ";x/../x", Identity.ANONYMOUS));
        assertThat(lines).singleElement().asString().contains("/api/auth/reset-password/…").doesNotContain(token);
    }
}
