package dev.sessionauth.testing;

import java.nio.file.Path;
import org.eclipse.jetty.ee10.apache.jsp.JettyJasperInitializer;
import org.eclipse.jetty.ee10.webapp.MetaInfConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real webapp folder (its WEB-INF/web.xml, its JSPs) deployed by Jetty 12's {@link WebAppContext} with the JSP
 * engine, on 127.0.0.1 and a free port: for tests that must prove web.xml and the tag library work as shipped.
 */
public final class WebAppServer implements AutoCloseable {
    private final Server server;
    private final String base;

    private WebAppServer(Server server, String base) {
        this.server = server;
        this.base = base;
    }

    /** Deploys {@code folder} (relative to the project) at {@code contextPath} and starts it. */
    public static WebAppServer start(String folder, String contextPath) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        WebAppContext app = new WebAppContext();
        app.setContextPath(contextPath);
        app.setBaseResourceAsPath(Path.of(folder).toAbsolutePath());
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
        server.start();
        return new WebAppServer(server, "http://127.0.0.1:" + connector.getLocalPort() + contextPath);
    }

    /** {@code http://127.0.0.1:port/context}. */
    public String base() {
        return base;
    }

    /** {@code http://127.0.0.1:port}. */
    public String origin() {
        return base.substring(0, base.indexOf('/', "http://".length()));
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
