package dev.sessionauth.paths;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What comparing the filter's path with the container's must never do: refuse an ordinary request. Trailing
 * slashes, query strings, {@code ;jsessionid}, encoded characters, the context root, extension and default
 * mappings, the auth API, on every container, for the root application and one under the context path
 * {@code /app}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrdinaryPathsTest {
    private final Map<String, Deployment> deployments = new LinkedHashMap<>();

    @BeforeAll
    void deploy() {
        for (Container container : Container.values()) {
            for (String context : List.of("", "/app")) {
                deployments.put(container + context, Deployment.start(container, context));
            }
        }
    }

    @AfterAll
    void undeploy() {
        deployments.values().forEach(Deployment::close);
    }

    /** Every deployment, as (container, context path). */
    static Stream<Arguments> everywhere() {
        List<Arguments> all = new ArrayList<>();
        for (Container container : Container.values()) {
            all.add(Arguments.of(container, ""));
            all.add(Arguments.of(container, "/app"));
        }
        return all.stream();
    }

    private Deployment app(Container container, String context) {
        return deployments.get(container + context);
    }

    static final String SERVED_BY = """
            /                                      | (context root)
            /?next=/dashboard                      | (context root)
            /dashboard                             | /dashboard
            /dashboard?tab=notes&next=/../x        | /dashboard
            /dashboard;jsessionid=ABC123           | /dashboard
            /dashboard;jsessionid=ABC123?x=1       | /dashboard
            /dashboard/                            | /
            /account                               | /account/*
            /account/                              | /account/*
            /account/profile/                      | /account/*
            /account/profile?edit=1                | /account/*
            /notes                                 | /notes
            /notes?id=3                            | /notes
            /api/protected                         | /api/protected/*
            /api/protected/                        | /api/protected/*
            /api/protected/a/b                     | /api/protected/*
            /api/protected/caf%C3%A9               | /api/protected/*
            /api/protected/a%20b                   | /api/protected/*
            /api/protected/items.json              | /api/protected/*
            /api/public/status?q=%2F%2E%2E         | /api/public/*
            /login?redirect=%2Fdashboard           | /login
            /signup                                | /signup
            /dev/mail                              | /dev/mail
            /index.jsp                             | *.jsp
            /notes/list.jsp?page=2                 | *.jsp
            /static/app.js                         | /
            /favicon.ico                           | /
            """;

    static Stream<Arguments> servedBy() {
        List<Arguments> all = new ArrayList<>();
        everywhere().forEach(where -> SERVED_BY.lines().forEach(line -> {
            String[] cells = line.split("\\|");
            all.add(Arguments.of(where.get()[0], where.get()[1], cells[0].trim(), cells[1].trim()));
        }));
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}{2} -> {3}")
    @MethodSource("servedBy")
    void anOrdinaryPathIsServedByItsServletToAUserWhoMeetsEveryDemand(Container container, String context, String path,
            String servlet) {
        Deployment.Exchange e = app(container, context).get(context + path, Identity.FRESH_VERIFIED);
        assertThat(e.response().status()).as(e.response().body()).isEqualTo(200);
        assertThat(e.servedBy()).isEqualTo(servlet);
        assertThat(e.bypassed()).isFalse();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everywhere")
    void theApiAnswersAtItsPathWithOrWithoutATrailingSlashOrQuery(Container container, String context) {
        for (String path : List.of("/api/auth/get-session", "/api/auth/get-session/",
                "/api/auth/get-session?disableCookieCache=true")) {
            Deployment.Exchange e = app(container, context).get(context + path, Identity.FRESH_VERIFIED);
            assertThat(e.response().status()).as(path + ": " + e.response().body()).isEqualTo(200);
            assertThat(e.response().body()).contains("\"email\":\"fresh@example.com\"");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everywhere")
    void anOrdinaryGuardedPathStillDeniesAndRedirectsWhoeverLacksWhatItDemands(Container container, String context) {
        Deployment app = app(container, context);
        for (String path : List.of("/dashboard", "/dashboard/", "/api/protected/a", "/notes", "/account/profile/")) {
            Deployment.Exchange json = app.get(context + path, Identity.ANONYMOUS);
            assertThat(json.visits()).isEmpty();
            assertThat(json.response().status()).as(path).isEqualTo(401);
            assertThat(json.response().code()).isEqualTo("UNAUTHORIZED");

            Deployment.Exchange html = app.get(context + path + "?x=1", Identity.ANONYMOUS, "text/html");
            assertThat(html.visits()).isEmpty();
            assertThat(html.response().status()).isEqualTo(302);
            assertThat(html.response().header("Location")).hasValue(context + "/login?redirect="
                    + URLEncoder.encode(context + path + "?x=1", StandardCharsets.UTF_8));
        }
        assertThat(app.get(context + "/notes", Identity.STALE_UNVERIFIED).response().code()).isEqualTo("EMAIL_NOT_VERIFIED");
        assertThat(app.get(context + "/account/", Identity.STALE_UNVERIFIED).response().code()).isEqualTo("SESSION_NOT_FRESH");
        assertThat(app.get(context + "/dashboard", Identity.STALE_UNVERIFIED).servedBy()).isEqualTo("/dashboard");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Container.class)
    void theContextPathWithoutItsSlashIsTheContainersRedirectNotARefusal(Container container) {
        Deployment.Exchange e = app(container, "/app").get("/app", Identity.FRESH_VERIFIED);
        assertThat(e.response().status()).as(e.response().body()).isIn(200, 301, 302);
        if (e.response().status() != 200) {
            assertThat(e.response().header("Location").orElse("")).endsWith("/app/");
        } else {
            assertThat(e.servedBy()).isEqualTo("(context root)");
        }
    }
}
