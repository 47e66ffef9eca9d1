package dev.sessionauth.testing;

/**
 * A web app folder deployed by a real container, as the container-neutral tests see it: where it answers and how
 * to stop it. {@link TestServer} (Jetty 12, {@code webapp(folder)}) and {@link TomcatWebApp} (Tomcat 10.1) both give one.
 *
 * @param base   {@code http://127.0.0.1:port/context}
 * @param origin {@code http://127.0.0.1:port}
 * @param stop   stops the container
 */
public record DeployedApp(String base, String origin, AutoCloseable stop) implements AutoCloseable {
    /** Deploys a web app folder (relative to the project) at a context path. */
    @FunctionalInterface
    public interface Deployer {
        DeployedApp deploy(String folder, String contextPath) throws Exception;
    }

    /** Jetty 12's {@code WebAppContext}, through {@link TestServer}. */
    public static DeployedApp onJetty(String folder, String contextPath) throws Exception {
        TestServer server = TestServer.builder().webapp(folder).contextPath(contextPath).start();
        return new DeployedApp(server.base(), server.origin(), server);
    }

    @Override
    public void close() throws Exception {
        stop.close();
    }
}
