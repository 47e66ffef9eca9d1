package dev.sessionauth.demo;

import java.nio.file.Path;
import java.util.UUID;
import org.eclipse.jetty.ee10.apache.jsp.JettyJasperInitializer;
import org.eclipse.jetty.ee10.webapp.MetaInfConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.xml.XmlConfiguration;

/**
 * The demo WAR folder ({@code src/main/webapp}, its real web.xml and JSPs) in an embedded Jetty 12 with the JSP
 * engine and the demo's own {@code src/main/jetty/jetty.xml}, over fresh in-memory databases so every test class
 * starts from nothing.
 */
final class DemoServer implements AutoCloseable {
    private final Server server;
    private final int port;

    private DemoServer(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    static DemoServer start() throws Exception {
        String run = UUID.randomUUID().toString();
        // A port chosen up front, not 0: the demo names its port at start-up, as jetty:run hands it over.
        int port = freePort();
        System.setProperty(DemoSetup.PORT_PROPERTY, Integer.toString(port));
        // The demo reads these like any deployment would (SessionAuth's system-property source, the notes' URL).
        System.setProperty("sessionauth.jdbc.url", "jdbc:h2:mem:demo-sessions-" + run + ";DB_CLOSE_DELAY=-1");
        System.setProperty("demo.notes.jdbcUrl", "jdbc:h2:mem:demo-notes-" + run + ";DB_CLOSE_DELAY=-1");
        // The same jetty.xml that mvn jetty:run applies (no Server header, no stack traces), on a free port.
        XmlConfiguration jettyXml = new XmlConfiguration(ResourceFactory.root().newResource(
                Path.of("src/main/jetty/jetty.xml").toAbsolutePath()));
        jettyXml.getProperties().put("jetty.http.host", "127.0.0.1");
        jettyXml.getProperties().put("jetty.http.port", Integer.toString(port));
        Server server = (Server) jettyXml.configure();
        ServerConnector connector = (ServerConnector) server.getConnectors()[0];
        WebAppContext app = new WebAppContext();
        app.setContextPath("/");
        app.setBaseResourceAsPath(Path.of("src/main/webapp").toAbsolutePath());
        app.setParentLoaderPriority(true);
        // As in mvn jetty:run: the JSP servlet out of development mode.
        app.addOverrideDescriptor(Path.of("src/main/jetty/override-web.xml").toAbsolutePath().toString());
        // TLDs and META-INF/resources (client.js) come from the library jar and JSTL on the test classpath.
        app.setAttribute(MetaInfConfiguration.CONTAINER_JAR_PATTERN,
                ".*/sessionauth-[^/]*\\.jar$|.*/sessionauth[^/]*/target[^/]*/classes/?$|.*/jakarta\\.servlet\\.jsp\\.jstl-[^/]*\\.jar$");
        // Without the annotations module nothing discovers Jasper's initializer: start it by hand.
        app.addServletContainerInitializer(new JettyJasperInitializer());
        server.setHandler(app);
        server.start();
        return new DemoServer(server, connector.getLocalPort());
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** An init parameter of the JSP servlet as the running demo has it, e.g. {@code development}. */
    String jspInitParameter(String name) {
        return ((WebAppContext) server.getHandler()).getServletHandler().getServlet("jsp").getInitParameter(name);
    }

    int port() {
        return port;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Override
    public void close() throws Exception {
        server.stop();
        System.clearProperty("sessionauth.jdbc.url");
        System.clearProperty("demo.notes.jdbcUrl");
        System.clearProperty(DemoSetup.PORT_PROPERTY);
    }
}
