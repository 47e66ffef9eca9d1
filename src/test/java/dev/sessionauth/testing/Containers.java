package dev.sessionauth.testing;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.descriptor.web.ErrorPage;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.eclipse.jetty.ee10.apache.jsp.JettyJasperInitializer;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.webapp.MetaInfConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * How a {@link TestServer.Builder} becomes a running container on 127.0.0.1 and a free port: Jetty 12 (ee10) with a
 * {@code ServletContextHandler}, Tomcat 10.1, or Jetty's {@code WebAppContext} over a webapp folder.
 */
final class Containers {
    private static final String FILTER_NAME = "sessionauth";

    /** A started container: its port, how to stop it, and its request counts. */
    record Started(int port, AutoCloseable stop, RequestCounter requests) {
    }

    private Containers() {
    }

    /** Starts the container the builder describes, with {@code filter} (or one built from {@code initParams}). */
    static Started start(TestServer.Builder b, Filter filter, Map<String, String> initParams) {
        return switch (b.kind) {
            case JETTY -> jetty(b, filter, initParams);
            case TOMCAT -> tomcat(b, filter);
            case WEBAPP -> webapp(b);
        };
    }

    private static List<String> filterPatterns(TestServer.Builder b) {
        return b.filterPatterns.isEmpty() ? List.of("/*") : b.filterPatterns;
    }

    private static RequestCounter counter(TestServer.Builder b) {
        return b.frontFilters.stream().filter(RequestCounter.class::isInstance).map(RequestCounter.class::cast)
                .findFirst().orElseGet(RequestCounter::new);
    }

    private static Started jetty(TestServer.Builder b, Filter filter, Map<String, String> initParams) {
        Server server = new Server();
        HttpConnectionFactory http = new HttpConnectionFactory();
        // By default ambiguous paths get through Jetty, so the filter's own normalization is what gets tested.
        http.getHttpConfiguration().setUriCompliance(b.uriCompliance);
        ServerConnector connector = new ServerConnector(server, http);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath(b.contextPath.isEmpty() ? "/" : b.contextPath);
        if (b.decodeAmbiguousUris) {
            context.getServletHandler().setDecodeAmbiguousURIs(true);
        }
        EnumSet<DispatcherType> requests = EnumSet.of(DispatcherType.REQUEST);
        // Asynchronous like the README's web.xml, so the API reads request bodies without holding a thread.
        b.frontFilters.forEach(f -> {
            FilterHolder front = new FilterHolder(f);
            front.setAsyncSupported(true);
            context.addFilter(front, "/*", requests);
        });
        FilterHolder auth = filter != null ? new FilterHolder(filter) : new FilterHolder(
                dev.sessionauth.web.SessionAuthFilter.class);
        auth.setAsyncSupported(b.asyncFilter);
        auth.setName(FILTER_NAME);
        auth.setInitParameters(initParams);
        filterPatterns(b).forEach(pattern -> context.addFilter(auth, pattern, EnumSet.copyOf(b.filterDispatches)));
        b.servlets.forEach(s -> {
            ServletHolder holder = new ServletHolder(s.name(), s.servlet());
            s.patterns().forEach(pattern -> context.addServlet(holder, pattern));
        });
        if (!b.staticFolders.isEmpty()) {
            ResourceFactory resources = ResourceFactory.of(context);
            List<Resource> folders = new ArrayList<>();
            b.staticFolders.forEach(folder -> folders.add(resources.newClassLoaderResource(folder)));
            context.setBaseResource(ResourceFactory.combine(folders));
            ServletHolder files = new ServletHolder("default", DefaultServlet.class);
            files.setInitParameter("dirAllowed", "false");
            context.addServlet(files, "/");
        } else if (b.servlets.isEmpty()) {
            context.addServlet(new ServletHolder(new TestServer.EchoServlet()), "/");
        }
        if (!b.welcomeFiles.isEmpty()) {
            context.setWelcomeFiles(b.welcomeFiles.toArray(String[]::new));
        }
        if (!b.errorPages.isEmpty()) {
            ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
            b.errorPages.forEach(errors::addErrorPage);
            context.setErrorHandler(errors);
        }
        server.setHandler(context);
        return startJetty(server, connector, b);
    }

    private static Started webapp(TestServer.Builder b) {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        WebAppContext app = new WebAppContext();
        app.setContextPath(b.contextPath.isEmpty() ? "/" : b.contextPath);
        app.setBaseResourceAsPath(Path.of(b.webappFolder).toAbsolutePath());
        // The test classpath is the webapp's: JSTL and our classes come from the parent loader.
        app.setParentLoaderPriority(true);
        // Where Jetty looks for TLDs outside WEB-INF/lib: the JSTL jar and the classes folder holding
        // META-INF/sessionauth.tld (target/classes, or a -Dbuild.dir=/tmp/x build's /tmp/x/classes).
        app.setAttribute(MetaInfConfiguration.CONTAINER_JAR_PATTERN,
                ".*/jakarta\\.servlet\\.jsp\\.jstl-[^/]*\\.jar$|.*/target[^/]*/classes/?$|.*/classes/?$");
        // Without Jetty's annotations module nothing discovers ServletContainerInitializers, so start Jasper's
        // (it builds the TLD cache and the JSP runtime) by hand.
        app.addServletContainerInitializer(new JettyJasperInitializer());
        server.setHandler(app);
        return startJetty(server, connector, b);
    }

    private static Started startJetty(Server server, ServerConnector connector, TestServer.Builder b) {
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("test server (Jetty) failed to start: " + e.getMessage(), e);
        }
        return new Started(connector.getLocalPort(), server::stop, counter(b));
    }

    /** A classpath folder as a directory on disk (the tests' resources are not in a jar). */
    private static Path classpathFolder(String folder) {
        URL url = Containers.class.getClassLoader().getResource(folder);
        if (url == null) {
            throw new IllegalStateException("no folder " + folder + " on the test class path");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Started tomcat(TestServer.Builder b, Filter filter) {
        if (filter == null || b.staticFolders.size() > 1) {
            throw new IllegalStateException(
                    "the Tomcat test server takes an engine built in code and at most one static folder");
        }
        Path base;
        try {
            base = Files.createTempDirectory("sessionauth-tomcat");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        // As docs/security.md tells a Tomcat deployment ("Request bodies"): a body must keep arriving (10 s per read),
        // and a refused one is not drained before the connection closes.
        connector.setProperty("disableUploadTimeout", "false");
        connector.setProperty("connectionUploadTimeout", "10000");
        connector.setProperty("maxSwallowSize", "0");
        tomcat.setConnector(connector);
        if (b.hideErrorReports) {
            ErrorReportValve errorReport = new ErrorReportValve();
            errorReport.setShowReport(false);
            errorReport.setShowServerInfo(false);
            tomcat.getHost().getPipeline().addValve(errorReport);
        }
        // The static folder is the document base: Tomcat maps a directory request to a welcome file only when that
        // file is there (or a servlet maps its name exactly).
        Context context = tomcat.addContext(b.contextPath,
                b.staticFolders.isEmpty() ? null : classpathFolder(b.staticFolders.get(0)).toString());
        b.welcomeFiles.forEach(context::addWelcomeFile);
        b.errorPages.forEach((status, location) -> {
            ErrorPage page = new ErrorPage();
            page.setErrorCode(status);
            page.setLocation(location);
            context.addErrorPage(page);
        });
        List<Filter> filters = new ArrayList<>(b.frontFilters);
        filters.add(filter);
        for (int i = 0; i < filters.size(); i++) {
            boolean ours = i == filters.size() - 1;
            FilterDef def = new FilterDef();
            def.setFilterName(ours ? FILTER_NAME : "front-" + i);
            def.setFilter(filters.get(i));
            def.setAsyncSupported(Boolean.toString(!ours || b.asyncFilter));
            context.addFilterDef(def);
            FilterMap map = new FilterMap();
            map.setFilterName(def.getFilterName());
            (ours ? filterPatterns(b) : List.of("/*")).forEach(map::addURLPattern);
            if (ours) {
                b.filterDispatches.forEach(type -> map.setDispatcher(type.name()));
            }
            context.addFilterMap(map);
        }
        List<TestServer.Mapped> servlets = new ArrayList<>(b.servlets);
        if (!b.staticFolders.isEmpty()) {
            servlets.add(new TestServer.Mapped("default", new org.apache.catalina.servlets.DefaultServlet(),
                    List.of("/")));
        } else if (servlets.isEmpty()) {
            servlets.add(new TestServer.Mapped("echo", new TestServer.EchoServlet(), List.of("/")));
        }
        for (TestServer.Mapped s : servlets) {
            // Tomcat lets a request go asynchronous only when its servlet allows it too.
            Tomcat.addServlet(context, s.name(), s.servlet()).setAsyncSupported(true);
            s.patterns().forEach(pattern -> context.addServletMappingDecoded(pattern, s.name()));
        }
        try {
            tomcat.start();
        } catch (Exception e) {
            throw new IllegalStateException("test server (Tomcat) failed to start: " + e.getMessage(), e);
        }
        return new Started(connector.getLocalPort(), () -> {
            tomcat.stop();
            tomcat.destroy();
            try (var files = Files.walk(base)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }, counter(b));
    }
}
