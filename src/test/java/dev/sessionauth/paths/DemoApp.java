package dev.sessionauth.paths;

import java.util.List;
import java.util.Map;

/**
 * The demo's routing (webapp-demo/WEB-INF/web.xml) as the path tests deploy it: the filter on {@code /*} with the
 * demo's rules plus a {@code verified} and a {@code fresh} rule, and the demo's servlet mappings, plus the two a
 * real container brings along (the default servlet {@code /} and {@code *.jsp}).
 */
final class DemoApp {
    /** The filter's settings on top of the engine's secret and database. */
    static final Map<String, String> SETTINGS = Map.of(
            "protected", "/api/protected/:path*, /dashboard/**, /notes/**, /account/**",
            "public", "/api/public/:path*",
            "loginPage", "/login",
            "verified", "/notes/**",
            "fresh", "/account/**");

    /** Every mapping, with what its servlet must never be reached without. */
    static final List<Route> ROUTES = List.of(
            new Route("pages", "", Demand.NONE),
            new Route("pages", "/signup", Demand.NONE),
            new Route("pages", "/login", Demand.NONE),
            new Route("dashboard", "/dashboard", Demand.SESSION),
            new Route("account", "/account/*", Demand.FRESH),
            new Route("notes", "/notes", Demand.VERIFIED),
            new Route("dev-mail", "/dev/mail", Demand.NONE),
            new Route("json", "/api/protected/*", Demand.SESSION),
            new Route("json", "/api/public/*", Demand.NONE),
            new Route("default", "/", Demand.NONE),
            new Route("jsp", "*.jsp", Demand.NONE));

    private DemoApp() {
    }

    static Demand demandOf(String pattern) {
        for (Route route : ROUTES) {
            if (route.pattern().equals(pattern)) {
                return route.demand();
            }
        }
        throw new IllegalStateException("no route with pattern '" + pattern + "'");
    }
}
