package dev.sessionauth.paths;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumMap;
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
 * The reported attack and its relatives, over raw sockets, on every container of {@link Container}: a segment with
 * a {@code ;param} followed by a dot segment ({@code /api/protected;x/../data}) walks past the rules when the
 * filter and the container resolve it differently. Every such path is refused with 400 and no guarded servlet
 * ever runs; dot segments without a parameter keep resolving, and are judged by where the container sends them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportedShapesTest {
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

    private static Stream<Arguments> onEveryContainer(String... paths) {
        return Arrays.stream(Container.values())
                .flatMap(c -> Arrays.stream(paths).map(p -> Arguments.of(c, p)));
    }

    /** Refused with 400, by the filter (INVALID_PATH) or by the container's own parser, and no servlet ran. */
    private static void assertRefused(Deployment.Exchange e) {
        assertThat(e.visits()).as("servlet runs").isEmpty();
        assertThat(e.response().status()).as(e.response().body()).isEqualTo(400);
        assertThat(e.refusedByFilter() || e.refusedByContainer()).as(e.response().body()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Container.class)
    void theReportedPathIsRefusedByTheFilterWhoeverAsks(Container container) {
        Deployment app = deployments.get(container);
        for (Identity who : Identity.values()) {
            Deployment.Exchange e = app.get("/api/protected;x/../data", who);
            assertThat(e.visits()).as(who + ": servlet runs").isEmpty();
            assertThat(e.refusedByFilter()).as(who + ": " + e.response().status() + " " + e.response().body()).isTrue();
            assertThat(e.response().header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        }
    }

    static Stream<Arguments> walksPastProtected() {
        return onEveryContainer(
                "/api/protected;x/../data", "/api/protected;jsessionid=ABC/../data", "/api/protected;x/..",
                "/api/protected;x/../", "/api/protected;/../data", "/api/protected;x=1;y=2/../data",
                "/api/protected/a;x/../b", "/api/public;x/../protected/data", "/api;x/../api/protected/data",
                "/api/public/..;/protected/data", "/api/public/..;x/protected/data", "/x/.;/dashboard",
                "/dashboard;x/..", "/x;y/../dashboard", "/x;y/./dashboard", "/API/PROTECTED;X/../data");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("walksPastProtected")
    void aDotSegmentAfterAParameterNeverReachesAProtectedServletAnonymously(Container container, String path) {
        assertRefused(deployments.get(container).get(path, Identity.ANONYMOUS));
    }

    static Stream<Arguments> walksInFrontOfVerifiedAndFresh() {
        return onEveryContainer(
                "/x;y/../notes", "/notes;x/../notes", "/dashboard;x/../notes", "/api/public;x/../../notes",
                "/x;y/../account", "/x;y/../account/profile", "/account;x/../account/settings",
                "/dashboard;x/../account/profile", "/api/public;x/../../account/x", "/account/a;x/../b");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("walksInFrontOfVerifiedAndFresh")
    void aDotSegmentAfterAParameterNeverReachesAVerifiedOrFreshServletWithoutThem(Container container, String path) {
        assertRefused(deployments.get(container).get(path, Identity.STALE_UNVERIFIED));
        assertRefused(deployments.get(container).get(path, Identity.ANONYMOUS));
    }

    static Stream<Arguments> encodedDotsAfterAParameter() {
        return onEveryContainer(
                "/api/protected;x/%2e%2e/data", "/api/protected;x/%2E%2E/data", "/api/protected;x/.%2e/data",
                "/api/protected;x/%2e./data", "/api/public;x/%2e%2e/protected/data", "/x;y/%2e%2e/notes",
                "/x;y/%2E%2E/account/profile", "/x;y/%2e/dashboard", "/x/%2e%2e;y/dashboard",
                "/api/public/%2e%2e;x/protected/data");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("encodedDotsAfterAParameter")
    void anEncodedDotSegmentAfterAParameterIsRefusedToo(Container container, String path) {
        assertRefused(deployments.get(container).get(path, Identity.ANONYMOUS));
        assertRefused(deployments.get(container).get(path, Identity.STALE_UNVERIFIED));
    }

    /** Jetty's default URI compliance refuses encoded dots itself; the other two let them through. */
    static Stream<Arguments> dotSegmentsWithoutParameters() {
        return Stream.of(Container.JETTY_UNSAFE, Container.TOMCAT, Container.JETTY)
                .flatMap(c -> Stream.of("/api/public/../protected/data", "/x/../api/protected/data",
                                "/api/./protected/data")
                        .map(p -> Arguments.of(c, p)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dotSegmentsWithoutParameters")
    void dotSegmentsWithoutAParameterResolveAndAreGuardedWhereTheContainerSendsThem(Container container, String path) {
        Deployment app = deployments.get(container);
        Deployment.Exchange anonymous = app.get(path, Identity.ANONYMOUS);
        assertThat(anonymous.visits()).isEmpty();
        assertThat(anonymous.response().status()).as(anonymous.response().body()).isEqualTo(401);
        assertThat(anonymous.response().code()).isEqualTo("UNAUTHORIZED");

        Deployment.Exchange signedIn = app.get(path, Identity.STALE_UNVERIFIED);
        assertThat(signedIn.response().status()).as(signedIn.response().body()).isEqualTo(200);
        assertThat(signedIn.servedBy()).isEqualTo("/api/protected/*");
        assertThat(signedIn.bypassed()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Container.class)
    void aWalkWithoutParametersToVerifiedAndFreshServletsMeetsTheirDemands(Container container) {
        Deployment app = deployments.get(container);
        Deployment.Exchange notes = app.get("/x/../notes", Identity.STALE_UNVERIFIED);
        assertThat(notes.visits()).isEmpty();
        assertThat(notes.response().code()).isEqualTo("EMAIL_NOT_VERIFIED");
        Deployment.Exchange account = app.get("/dashboard/../account/profile", Identity.STALE_UNVERIFIED);
        assertThat(account.visits()).isEmpty();
        assertThat(account.response().code()).isEqualTo("SESSION_NOT_FRESH");

        assertThat(app.get("/x/../notes", Identity.FRESH_VERIFIED).servedBy()).isEqualTo("/notes");
        assertThat(app.get("/dashboard/../account/profile", Identity.FRESH_VERIFIED).servedBy()).isEqualTo("/account/*");
    }
}
