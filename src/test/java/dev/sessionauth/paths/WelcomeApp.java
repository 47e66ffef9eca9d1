package dev.sessionauth.paths;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A site whose pages are reached through the container rather than by their own paths, as the path tests deploy it:
 * the static folder {@code src/test/resources/welcome-app} served by the container's default servlet, with welcome
 * files ({@code index.html}, {@code index.jsp}) at the context root and in folders, {@code <error-page>}s (400 and
 * 404 on a public page, 410 on a protected one, {@code /gone} answers 410), and two public servlets that forward
 * ({@code /go/*}) and include ({@code /with/*}) whatever path follows them.
 *
 * <p>The folders pair every way a folder and its welcome file can be guarded: {@code /docs/} and {@code /guide/}
 * neither, {@code /members/} a protected folder whose welcome file is public, {@code /lobby/} a public folder whose
 * welcome file is protected (and demands a verified address), {@code /vault/} both (and demands a fresh sign-in).
 * {@code /plain/} has no welcome file.
 *
 * <p>{@code *.jsp} is served by {@link JspStandIn}, a plain servlet, rather than a JSP engine: what is tested is the
 * container's dispatch to the page (Tomcat maps a directory to {@code index.jsp} through its {@code *.jsp} mapping,
 * Jetty forwards to it), not its rendering. A real engine on Tomcat would mean tomcat-embed-jasper, a second
 * {@code org.apache.jasper} beside the one Jetty's JSP tests use (see the pom).
 */
final class WelcomeApp {
    /** The classpath folder the default servlet serves. */
    static final String FOLDER = "welcome-app";

    /** The filter's settings on top of the engine's secret and database. */
    static final Map<String, String> SETTINGS = Map.of(
            "protected", "/members/**, /vault/**, /lobby/index.jsp",
            "public", "/members/index.html",
            "verified", "/lobby/index.jsp",
            "fresh", "/vault/**",
            "loginPage", "/login");

    /**
     * Every page of the site and what it demands by its own path: the ground truth a served page is held to.
     * {@code /members/index.html} is open by its own path; named as its folder, {@code /members/}, it is not.
     */
    static final Map<String, Demand> PAGES = Map.of(
            "/index.html", Demand.NONE,
            "/index.jsp", Demand.NONE,
            "/docs/index.html", Demand.NONE,
            "/guide/index.jsp", Demand.NONE,
            "/members/index.html", Demand.NONE,
            "/oops.jsp", Demand.NONE,
            "/lobby/index.jsp", Demand.VERIFIED,
            "/vault/index.jsp", Demand.FRESH,
            "/vault/secret.html", Demand.FRESH,
            "/vault/gone.jsp", Demand.FRESH);

    private static final Pattern SERVED = Pattern.compile("resource: (\\S+?)</p>");
    private static final String HOPS = WelcomeApp.class.getName() + ".hops";
    private static final int MAX_HOPS = 8;

    /** How the app maps the filter. */
    enum Mapping {
        /**
         * {@code REQUEST}, {@code FORWARD}, {@code INCLUDE} and {@code ERROR}: what the README's web.xml and
         * docs/deployment.md ask for.
         */
        EVERY_DISPATCH,
        /** The servlet default: requests only, as docs/configuration.md's web.xml example and older apps map it. */
        REQUESTS_ONLY
    }

    private WelcomeApp() {
    }

    /**
     * The welcome file that serves the context root: {@code index.html} for the root application and
     * {@code index.jsp} under a context path (both files are there; the welcome-file list's order decides), so that
     * a context root served by either kind is tested on every container.
     */
    static String rootPage(String contextPath) {
        return contextPath.isEmpty() ? "/index.html" : "/index.jsp";
    }

    /** The pages an answer's body shows, in order (an include shows the including page's text besides). */
    static List<String> served(String body) {
        List<String> pages = new ArrayList<>();
        Matcher m = SERVED.matcher(body);
        while (m.find()) {
            pages.add(m.group(1));
        }
        return pages;
    }

    /** The app under {@code contextPath}, with the filter mapped as {@code mapping} says. */
    static Deployment.App app(String contextPath, Mapping mapping) {
        return (server, visits, auth) -> {
            server.staticFiles(FOLDER)
                    .welcomeFiles(contextPath.isEmpty() ? new String[] {"index.html", "index.jsp"}
                            : new String[] {"index.jsp", "index.html"})
                    .errorPage(400, "/oops.jsp")
                    .errorPage(404, "/oops.jsp")
                    .errorPage(410, "/vault/gone.jsp")
                    .servlet("jsp", new JspStandIn(), "*.jsp")
                    .servlet("go", new Forwarder(), "/go/*")
                    .servlet("with", new Includer(), "/with/*")
                    .servlet("gone", new Gone(), "/gone");
            if (mapping == Mapping.EVERY_DISPATCH) {
                server.filterDispatches(DispatcherType.FORWARD, DispatcherType.INCLUDE, DispatcherType.ERROR);
            }
        };
    }

    /** The page a dispatch reaches: an include's from its attributes, any other's from the request's own paths. */
    private static String page(HttpServletRequest request) {
        if (request.getDispatcherType() == DispatcherType.INCLUDE) {
            return (String) request.getAttribute(RequestDispatcher.INCLUDE_SERVLET_PATH);
        }
        return request.getServletPath();
    }

    /**
     * The path after {@code /go} or {@code /with} that a dispatching servlet goes on to, or null when it has gone on
     * too often: fuzzed targets such as {@code /go/with/..%2e/} lead back to themselves.
     */
    private static String next(HttpServletRequest request) {
        int hops = request.getAttribute(HOPS) instanceof Integer n ? n : 0;
        if (hops >= MAX_HOPS) {
            return null;
        }
        request.setAttribute(HOPS, hops + 1);
        String pathInfo = request.getDispatcherType() == DispatcherType.INCLUDE
                ? (String) request.getAttribute(RequestDispatcher.INCLUDE_PATH_INFO) : request.getPathInfo();
        return Objects.requireNonNullElse(pathInfo, "/");
    }

    /**
     * Stands in for a JSP engine: answers {@code resource: <page>} for a page that exists, 404 for one that does not,
     * as an engine would. The file's own text ({@code source of ...}) is never sent: seeing it would mean a container
     * served the source.
     */
    static final class JspStandIn extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            // Jetty forwards "/guide//" (UNSAFE compliance keeps the empty segment) to "/guide//index.jsp": the page
            // is /guide/index.jsp, and the ground truth knows it by that name.
            String page = page(request).replaceAll("/{2,}", "/");
            if (getServletContext().getResource(page) == null) {
                response.sendError(404);
                return;
            }
            response.setContentType("text/html;charset=utf-8");
            response.getWriter().write("<p>resource: " + page + "</p>\n");
        }
    }

    /** A public servlet that forwards to the path after {@code /go}, as an app's front controller would. */
    static final class Forwarder extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response)
                throws IOException, ServletException {
            String path = next(request);
            RequestDispatcher target = path == null ? null : request.getRequestDispatcher(path);
            if (target == null) {
                // Gone on too often, or a path the container refuses (one that climbs out of the application).
                response.sendError(404);
                return;
            }
            target.forward(request, response);
        }
    }

    /** A public servlet that includes the path after {@code /with} into a page of its own. */
    static final class Includer extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response)
                throws IOException, ServletException {
            String path = next(request);
            RequestDispatcher target = path == null ? null : request.getRequestDispatcher(path);
            response.setContentType("text/html;charset=utf-8");
            response.getWriter().write("<p>including a page</p>\n");
            if (target == null) {
                response.getWriter().write("<p>no such page</p>\n");
                return;
            }
            try {
                target.include(request, response);
            } catch (FileNotFoundException e) {
                // Both containers' default servlets say so when an included file is missing (a 404 would be lost).
                response.getWriter().write("<p>no such page</p>\n");
            }
        }
    }

    /** A public servlet whose answer is an error, shown by the {@code <error-page>} for 410 (a protected page). */
    static final class Gone extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.sendError(410);
        }
    }
}
