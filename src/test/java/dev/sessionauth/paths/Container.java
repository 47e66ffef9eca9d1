package dev.sessionauth.paths;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.util.ServerInfo;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Jetty;

/**
 * The real servlet containers the path tests deploy the filter in, each with its connector's defaults except where
 * named: what a request path means is decided by these parsers, not by a model of them.
 */
enum Container {
    /** Embedded Jetty 12 (ee10) with its default URI compliance, which refuses ambiguous segments itself. */
    JETTY("Jetty " + Jetty.VERSION) {
        @Override
        Running deploy(String contextPath, Filter filter, Map<String, HttpServlet> byName) {
            return startJetty(contextPath, filter, byName, false);
        }
    },
    /**
     * Jetty as {@code TestServer} runs it: {@code UriCompliance.UNSAFE} and ambiguous URIs decoded, so encoded
     * slashes, dot segments and the like reach the filter instead of being refused by Jetty: the hardest case.
     */
    JETTY_UNSAFE("Jetty " + Jetty.VERSION + " (UriCompliance.UNSAFE)") {
        @Override
        Running deploy(String contextPath, Filter filter, Map<String, HttpServlet> byName) {
            return startJetty(contextPath, filter, byName, true);
        }
    },
    /** Embedded Tomcat 10.1 with its connector's defaults (no backslash as separator, encoded '/' refused). */
    TOMCAT("Tomcat " + ServerInfo.getServerNumber()) {
        @Override
        Running deploy(String contextPath, Filter filter, Map<String, HttpServlet> byName) {
            return startTomcat(contextPath, filter, byName);
        }
    };

    private final String label;

    Container(String label) {
        this.label = label;
    }

    /** Product and version, e.g. "Tomcat 10.1.62.0". */
    String label() {
        return label;
    }

    /** A started container. */
    /** A started container: its port, and how to stop it. */
    record Running(int port, AutoCloseable stop) implements AutoCloseable {
        @Override
        public void close() {
            try {
                stop.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Deploys {@code filter} on {@code /*} (REQUEST dispatches) and one servlet per name, mapped as
     * {@link DemoApp#ROUTES} says, under {@code contextPath} ({@code ""} for the root application).
     */
    abstract Running deploy(String contextPath, Filter filter, Map<String, HttpServlet> byName);

    private static Running startJetty(String contextPath, Filter filter, Map<String, HttpServlet> byName,
            boolean unsafe) {
        Server server = new Server();
        HttpConnectionFactory http = new HttpConnectionFactory();
        if (unsafe) {
            http.getHttpConfiguration().setUriCompliance(UriCompliance.UNSAFE);
        }
        ServerConnector connector = new ServerConnector(server, http);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath(contextPath.isEmpty() ? "/" : contextPath);
        if (unsafe) {
            context.getServletHandler().setDecodeAmbiguousURIs(true);
        }
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        Map<String, ServletHolder> holders = new LinkedHashMap<>();
        byName.forEach((name, servlet) -> holders.put(name, new ServletHolder(name, servlet)));
        for (Route route : DemoApp.ROUTES) {
            context.addServlet(holders.get(route.servlet()), route.pattern());
        }
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty failed to start: " + e.getMessage(), e);
        }
        return new Running(connector.getLocalPort(), server::stop);
    }

    private static Running startTomcat(String contextPath, Filter filter, Map<String, HttpServlet> byName) {
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
        tomcat.setConnector(connector);
        Context context = tomcat.addContext(contextPath, null);
        FilterDef def = new FilterDef();
        def.setFilterName("sessionauth");
        def.setFilter(filter);
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("sessionauth");
        map.addURLPattern("/*");
        context.addFilterMap(map);
        byName.forEach((name, servlet) -> Tomcat.addServlet(context, name, servlet));
        for (Route route : DemoApp.ROUTES) {
            context.addServletMappingDecoded(route.pattern(), route.servlet());
        }
        try {
            tomcat.start();
        } catch (Exception e) {
            throw new IllegalStateException("Tomcat failed to start: " + e.getMessage(), e);
        }
        return new Running(connector.getLocalPort(), () -> {
            tomcat.stop();
            tomcat.destroy();
        });
    }
}
