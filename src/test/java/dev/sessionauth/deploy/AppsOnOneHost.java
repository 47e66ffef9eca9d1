package dev.sessionauth.deploy;

import dev.sessionauth.web.SessionAuthFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * One embedded Jetty 12 serving several apps, each at its own context path with its own {@link SessionAuthFilter}
 * configured by init-params (as web.xml does) and a page servlet that says which app answered and who is signed in:
 * several wars in one container.
 */
final class AppsOnOneHost implements AutoCloseable {
    private final Server server;
    private final int port;

    private AppsOnOneHost(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts one app per entry: context path → the filter's init-params. */
    static AppsOnOneHost start(Map<String, Map<String, String>> apps) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        apps.forEach((contextPath, settings) -> contexts.addHandler(app(contextPath, settings)));
        server.setHandler(contexts);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new AppsOnOneHost(server, connector.getLocalPort());
    }

    private static ServletContextHandler app(String contextPath, Map<String, String> settings) {
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath(contextPath);
        FilterHolder filter = new FilterHolder(SessionAuthFilter.class);
        filter.setInitParameters(settings);
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new PageServlet()), "/");
        return context;
    }

    /** {@code http://127.0.0.1:port}. */
    String origin() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** The app's page: {@code <context> <remote user or anonymous>}. */
    static final class PageServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain;charset=utf-8");
            response.getWriter().write(request.getContextPath() + " "
                    + (request.getRemoteUser() == null ? "anonymous" : request.getRemoteUser()));
        }
    }
}
