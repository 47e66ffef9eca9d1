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
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests the container serves with another resource than the one they name ({@link WelcomeApp}): a directory
 * served by its welcome file (Tomcat maps it while mapping the request, Jetty forwards to it), an
 * {@code <error-page>}, a forward and an include. Each is decided on the path it names and the resource it reaches,
 * protected if either is: never a 400 for an ordinary request, never a page without what it demands. On Jetty
 * (default and unsafe URI compliance) and Tomcat, for the root application and one under {@code /myapp}, over raw
 * sockets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WelcomeFilesTest {
    private static final String BROWSER = "text/html,application/xhtml+xml,*/*;q=0.8";
    private static final List<String> CONTEXTS = List.of("", "/myapp");

    private final Map<String, Deployment> deployments = new LinkedHashMap<>();

    @BeforeAll
    void deploy() {
        for (Container container : Container.values()) {
            for (String context : CONTEXTS) {
                for (WelcomeApp.Mapping mapping : WelcomeApp.Mapping.values()) {
                    deployments.put(key(container, context, mapping), Deployment.start(container, context,
                            WelcomeApp.SETTINGS, WelcomeApp.app(context, mapping)));
                }
            }
        }
    }

    @AfterAll
    void undeploy() {
        deployments.values().forEach(Deployment::close);
    }

    private static String key(Container container, String context, WelcomeApp.Mapping mapping) {
        return container + context + " " + mapping;
    }

    private Deployment app(Container container, String context, WelcomeApp.Mapping mapping) {
        return deployments.get(key(container, context, mapping));
    }

    /** Every container and context path, with each way of mapping the filter. */
    static Stream<Arguments> everywhere() {
        List<Arguments> all = new ArrayList<>();
        for (Container container : Container.values()) {
            for (String context : CONTEXTS) {
                for (WelcomeApp.Mapping mapping : WelcomeApp.Mapping.values()) {
                    all.add(Arguments.of(container, context, mapping));
                }
            }
        }
        return all.stream();
    }


    @ParameterizedTest(name = "{0} {1}/ ({2})")
    @MethodSource("everywhere")
    void aContextRootServedByItsWelcomeFileAnswersWithThePageOnEveryContainer(Container container, String context,
            WelcomeApp.Mapping mapping) {
        Deployment app = app(container, context, mapping);
        for (Identity who : Identity.values()) {
            for (String accept : List.of(BROWSER, "application/json")) {
                Deployment.Exchange e = app.get(context + "/", who, accept);
                assertThat(e.response().status()).as(who + " " + accept + ": " + e.response().body()).isEqualTo(200);
                assertThat(WelcomeApp.served(e.response().body())).containsExactly(WelcomeApp.rootPage(context));
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}/ ({2})")
    @MethodSource("everywhere")
    void aProtectedFolderServedByItsWelcomeFileRedirectsABrowserToTheLoginPage(Container container, String context,
            WelcomeApp.Mapping mapping) {
        Deployment app = app(container, context, mapping);
        for (String folder : List.of("/members/", "/vault/")) {
            Deployment.Exchange e = app.get(context + folder + "?tab=1", Identity.ANONYMOUS, BROWSER);
            assertThat(e.response().status()).as(folder + ": " + e.response().body()).isEqualTo(302);
            assertThat(e.response().header("Location")).hasValue(context + "/login?redirect="
                    + URLEncoder.encode(context + folder + "?tab=1", StandardCharsets.UTF_8));
            assertThat(WelcomeApp.served(e.response().body())).isEmpty();
        }
        Deployment.Exchange member = app.get(context + "/members/", Identity.STALE_UNVERIFIED, BROWSER);
        assertThat(member.response().status()).isEqualTo(200);
        assertThat(WelcomeApp.served(member.response().body())).containsExactly("/members/index.html");
    }

    /**
     * target | anonymous | signed in, address not verified, sign-in not fresh | verified and fresh. {@code 200 /x}:
     * that status and the page /x; {@code 200 -}: the including page without the included one; {@code 401 CODE}:
     * that status and our error code. ROOT is the context root's welcome file.
     */
    static final String JUDGED = """
            /                         | 200 ROOT                | 200 ROOT                | 200 ROOT
            /?next=/vault/            | 200 ROOT                | 200 ROOT                | 200 ROOT
            /;jsessionid=ABC123       | 200 ROOT                | 200 ROOT                | 200 ROOT
            /docs/                    | 200 /docs/index.html    | 200 /docs/index.html    | 200 /docs/index.html
            /docs/;jsessionid=ABC123  | 200 /docs/index.html    | 200 /docs/index.html    | 200 /docs/index.html
            /docs/index.html          | 200 /docs/index.html    | 200 /docs/index.html    | 200 /docs/index.html
            /guide/                   | 200 /guide/index.jsp    | 200 /guide/index.jsp    | 200 /guide/index.jsp
            /guide/?page=2            | 200 /guide/index.jsp    | 200 /guide/index.jsp    | 200 /guide/index.jsp
            /members/                 | 401 UNAUTHORIZED        | 200 /members/index.html | 200 /members/index.html
            /members/index.html       | 200 /members/index.html | 200 /members/index.html | 200 /members/index.html
            /lobby/                   | 401 UNAUTHORIZED        | 403 EMAIL_NOT_VERIFIED  | 200 /lobby/index.jsp
            /lobby/index.jsp          | 401 UNAUTHORIZED        | 403 EMAIL_NOT_VERIFIED  | 200 /lobby/index.jsp
            /vault/                   | 401 UNAUTHORIZED        | 403 SESSION_NOT_FRESH   | 200 /vault/index.jsp
            /vault/secret.html        | 401 UNAUTHORIZED        | 403 SESSION_NOT_FRESH   | 200 /vault/secret.html
            /go/docs/index.html       | 200 /docs/index.html    | 200 /docs/index.html    | 200 /docs/index.html
            /go/docs/                 | 200 /docs/index.html    | 200 /docs/index.html    | 200 /docs/index.html
            /go/members/              | 401 UNAUTHORIZED        | 200 /members/index.html | 200 /members/index.html
            /go/lobby/                | 401 UNAUTHORIZED        | 403 EMAIL_NOT_VERIFIED  | 200 /lobby/index.jsp
            /go/vault/secret.html     | 401 UNAUTHORIZED        | 403 SESSION_NOT_FRESH   | 200 /vault/secret.html
            /with/docs/index.html     | 200 /docs/index.html    | 200 /docs/index.html    | 200 /docs/index.html
            /with/guide/              | 200 /guide/index.jsp    | 200 /guide/index.jsp    | 200 /guide/index.jsp
            /with/lobby/index.jsp     | 200 -                   | 200 -                   | 200 /lobby/index.jsp
            /with/vault/              | 200 -                   | 200 -                   | 200 /vault/index.jsp
            /with/members/            | 200 -                   | 200 /members/index.html | 200 /members/index.html
            /nope                     | 404 /oops.jsp           | 404 /oops.jsp           | 404 /oops.jsp
            /docs/nope.html           | 404 /oops.jsp           | 404 /oops.jsp           | 404 /oops.jsp
            /vault/nope.html          | 401 UNAUTHORIZED        | 403 SESSION_NOT_FRESH   | 404 /oops.jsp
            /gone                     | 401 UNAUTHORIZED        | 403 SESSION_NOT_FRESH   | 410 /vault/gone.jsp
            """;

    static Stream<Arguments> judged() {
        List<Arguments> all = new ArrayList<>();
        for (Container container : Container.values()) {
            for (String context : CONTEXTS) {
                JUDGED.lines().forEach(line -> {
                    String[] cells = line.split("\\|");
                    Identity[] who = Identity.values();
                    for (int i = 0; i < who.length; i++) {
                        all.add(Arguments.of(container, context, cells[0].trim(), who[i], cells[i + 1].trim()));
                    }
                });
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}{2} as {3} -> {4}")
    @MethodSource("judged")
    void aRequestIsJudgedOnThePathItNamesAndTheResourceItReachesProtectedIfEitherIs(Container container,
            String context, String target, Identity who, String expected) {
        Deployment.Exchange e = app(container, context, WelcomeApp.Mapping.EVERY_DISPATCH)
                .get(context + target, who, "application/json");
        String[] outcome = expected.split(" ");
        String body = e.response().body();
        assertThat(e.response().status()).as(body).isEqualTo(Integer.parseInt(outcome[0]));
        if (outcome[1].matches("[A-Z_]+") && !outcome[1].equals("ROOT")) {
            assertThat(e.response().code()).isEqualTo(outcome[1]);
            assertThat(WelcomeApp.served(body)).isEmpty();
        } else if (outcome[1].equals("-")) {
            assertThat(body).contains("including a page");
            assertThat(WelcomeApp.served(body)).isEmpty();
        } else {
            String page = outcome[1].equals("ROOT") ? WelcomeApp.rootPage(context) : outcome[1];
            assertThat(WelcomeApp.served(body)).containsExactly(page);
        }
        assertThat(body).doesNotContain("source of");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("contexts")
    void aBrowserDeniedThroughAForwardAWelcomeFileOrAnErrorPageIsSentToLogInAndBackToWhatItAskedFor(
            Container container, String context) {
        Deployment app = app(container, context, WelcomeApp.Mapping.EVERY_DISPATCH);
        for (String target : List.of("/lobby/", "/go/lobby/", "/go/vault/secret.html?x=1", "/gone?why=1")) {
            Deployment.Exchange e = app.get(context + target, Identity.ANONYMOUS, BROWSER);
            assertThat(e.response().status()).as(target + ": " + e.response().body()).isEqualTo(302);
            assertThat(e.response().header("Location")).as(target).hasValue(context + "/login?redirect="
                    + URLEncoder.encode(context + target, StandardCharsets.UTF_8));
        }
    }

    static Stream<Arguments> contexts() {
        return Stream.of(Container.values()).flatMap(c -> CONTEXTS.stream().map(p -> Arguments.of(c, p)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("contexts")
    void mappedForRequestsOnlyFoldersAnswerAsTheyShouldButForwardsGoUnjudged(Container container,
            String context) {
        Deployment app = app(container, context, WelcomeApp.Mapping.REQUESTS_ONLY);
        for (String folder : List.of("/docs/", "/guide/", "/members/index.html")) {
            Deployment.Exchange e = app.get(context + folder, Identity.ANONYMOUS, BROWSER);
            assertThat(e.response().status()).as(folder + ": " + e.response().body()).isEqualTo(200);
            assertThat(WelcomeApp.served(e.response().body())).hasSize(1);
        }
        for (String folder : List.of("/members/", "/vault/", "/vault/secret.html")) {
            Deployment.Exchange e = app.get(context + folder, Identity.ANONYMOUS, "application/json");
            assertThat(e.response().code()).as(folder).isEqualTo("UNAUTHORIZED");
        }
        // Tomcat maps a welcome file while it maps the request, so the filter sees it on the request's own pass.
        // Jetty forwards to it, which the filter only sees when it is mapped for forwards: what docs/deployment.md warns of,
        // with the forward from a public servlet on every container.
        Deployment.Exchange lobby = app.get(context + "/lobby/", Identity.ANONYMOUS, "application/json");
        if (container == Container.TOMCAT) {
            assertThat(lobby.response().code()).isEqualTo("UNAUTHORIZED");
        } else {
            assertThat(WelcomeApp.served(lobby.response().body())).containsExactly("/lobby/index.jsp");
        }
        Deployment.Exchange forward = app.get(context + "/go/vault/secret.html", Identity.ANONYMOUS,
                "application/json");
        assertThat(WelcomeApp.served(forward.response().body())).containsExactly("/vault/secret.html");
    }

    @ParameterizedTest(name = "{0} {1}/ ({2})")
    @MethodSource("everywhere")
    void aBrowserRefusedForAnAmbiguousPathSeesTheAppsErrorPageForA400AndAClientOurJson(Container container,
            String context, WelcomeApp.Mapping mapping) {
        Deployment app = app(container, context, mapping);
        // A dot segment after a ;parameter: every container passes this one on (Tomcat serves /docs/), the filter
        // refuses it.
        String target = context + "/docs;x/./";
        Deployment.Exchange page = app.get(target, Identity.FRESH_VERIFIED, BROWSER);
        assertThat(page.response().status()).as(page.response().body()).isEqualTo(400);
        assertThat(WelcomeApp.served(page.response().body())).containsExactly("/oops.jsp");
        Deployment.Exchange json = app.get(target, Identity.FRESH_VERIFIED, "application/json");
        assertThat(json.response().status()).isEqualTo(400);
        assertThat(json.response().code()).isEqualTo("INVALID_PATH");
    }

    /** Raw targets around the site's welcome files: dot segments, ;params, encodings, case, forwards and includes. */
    static final List<String> TRICKS = List.of(
            "/%2e/", "/;x/", "/.;/", "/..;/index.jsp", "/..;/", "//", "/./", "/%2e%2e/", "/index.jsp/", "/index.jsp;x",
            "/docs/..;/vault/", "/docs/%2e%2e/vault/", "/docs/../vault/", "/docs;x/../vault/", "/docs/%2e%2e/lobby/",
            "/docs/%2e%2e;x/lobby/", "/docs/.%2e/lobby/",
            "/lobby;x/", "/lobby/;x", "/lobby/;jsessionid=ABC123", "/lobby//", "//lobby/", "/lobby/./", "/lobby/%2e/",
            "/lobby/.;/", "/LOBBY/", "/Lobby/Index.jsp", "/lobby/index.jsp;x", "/lobby/index.jsp/",
            "/lobby/index%2ejsp", "/lobby/%69ndex.jsp", "/lobby/index.jsp%00", "/lobby/index.JSP",
            "/lobby/index.jsp%20", "/lobby/index.jsp.", "/lobby/index.jsp::$DATA", "/lobby%2f", "/lobby%2findex.jsp",
            "/lobby\\", "/lobby\\index.jsp",
            "/vault;x/", "/vault/;x", "/vault/%2e/", "/vault//", "/Vault/", "/vault/secret.html;x",
            "/vault/secret.html/", "/vault/secret%2ehtml", "/vault/./secret.html", "/vault/gone.jsp",
            "/vault/index.jsp",
            "/go/..;/vault/", "/go/%2e%2e/vault/", "/go/../vault/", "/go//vault/", "/go/vault/../lobby/",
            "/go/docs/../vault/", "/go/docs/%2e%2e/lobby/", "/go;x/vault/", "/go/vault;x/", "/go/lobby/;x",
            "/with/..;/vault/", "/with//lobby/index.jsp", "/with/vault/../lobby/", "/with/lobby/",
            "/with/vault/gone.jsp",
            "/x/../lobby/", "/guide/../lobby/", "/guide/..%2flobby/", "/guide%2f..%2flobby/", "/plain/", "/plain",
            "/gone/", "/gone;x", "/nope/..;/vault/");

    /** Raw targets that name the protected folder /members/, whose welcome file is open by its own path. */
    static final List<String> NAME_MEMBERS = List.of(
            "/members;x/", "/members/;x", "/members/;jsessionid=ABC123", "/members//", "//members/", "/members/./",
            "/members/%2e/", "/MEMBERS/", "/%6dembers/", "/docs/../members/", "/go/members/", "/go//members/",
            "/go/docs/../members/", "/with/members/", "/members/.;/", "/members", "/members;x");

    /**
     * Targets whose servlet path starts with an empty segment ({@code //}), at the context root: Jetty with UNSAFE URI
     * compliance answers them 500 itself, filter or not (its default servlet cannot resolve the welcome file).
     */
    private static final List<String> JETTY_UNSAFE_FAILS = List.of("//", "/;x/");

    static Stream<Arguments> tricks() {
        List<Arguments> all = new ArrayList<>();
        for (Container container : Container.values()) {
            for (String context : CONTEXTS) {
                Stream.concat(TRICKS.stream(), NAME_MEMBERS.stream())
                        .forEach(t -> all.add(Arguments.of(container, context, t)));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}{2}")
    @MethodSource("tricks")
    void noRawTrickReachesAPageWithoutWhatItDemands(Container container, String context, String target) {
        Deployment app = app(container, context, WelcomeApp.Mapping.EVERY_DISPATCH);
        for (Identity who : List.of(Identity.ANONYMOUS, Identity.STALE_UNVERIFIED)) {
            for (String accept : List.of(BROWSER, "application/json")) {
                Deployment.Exchange e = app.get(context + target, who, accept);
                String what = who + " " + accept + " -> " + e.response().status() + " " + e.response().body();
                if (!(container == Container.JETTY_UNSAFE && JETTY_UNSAFE_FAILS.contains(target))) {
                    assertThat(e.response().status()).as(what).isBetween(200, 499);
                }
                assertThat(e.response().body()).as(what).doesNotContain("source of");
                for (String page : WelcomeApp.served(e.response().body())) {
                    assertThat(WelcomeApp.PAGES).as(what).containsKey(page);
                    assertThat(who.meets(WelcomeApp.PAGES.get(page))).as(what).isTrue();
                }
                if (NAME_MEMBERS.contains(target) && who == Identity.ANONYMOUS) {
                    assertThat(WelcomeApp.served(e.response().body())).as(what).doesNotContain("/members/index.html");
                }
            }
        }
    }
}
