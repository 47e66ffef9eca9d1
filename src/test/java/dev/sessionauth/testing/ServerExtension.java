package dev.sessionauth.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.UnaryOperator;
import dev.sessionauth.engine.SessionAuth;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a {@link TestServer} for a test class and stops it after: registered on a static field
 * ({@code @RegisterExtension static final ServerExtension server = ServerExtension.with(b -> b.set(...))}) one
 * server serves the whole class; on an instance field each test gets its own. It answers the server's own calls.
 */
public final class ServerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    private final UnaryOperator<TestServer.Builder> configuration;
    private TestServer server;
    private boolean perClass;

    private ServerExtension(UnaryOperator<TestServer.Builder> configuration) {
        this.configuration = configuration;
    }

    /** A server with the tests' defaults. */
    public static ServerExtension start() {
        return with(UnaryOperator.identity());
    }

    /** A server with these settings ({@code name, value, ...}) on top of the tests' defaults. */
    public static ServerExtension start(String... nameValuePairs) {
        return with(b -> b.settings(nameValuePairs));
    }

    /** A server the way {@code configuration} sets the builder up. */
    public static ServerExtension with(UnaryOperator<TestServer.Builder> configuration) {
        return new ServerExtension(configuration);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        server = configuration.apply(TestServer.builder()).start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            server = configuration.apply(TestServer.builder()).start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    private void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The running server. */
    public TestServer get() {
        if (server == null) {
            throw new IllegalStateException("the server runs only while a test of its class does");
        }
        return server;
    }

    public TestClient client() {
        return get().client();
    }

    public SessionAuth auth() {
        return get().auth();
    }

    public int port() {
        return get().port();
    }

    public String origin() {
        return get().origin();
    }

    public String url(String path) {
        return get().url(path);
    }

    public String base() {
        return get().base();
    }

    public Connection database() throws SQLException {
        return get().database();
    }

    public long count(String sql, Object... params) {
        return get().count(sql, params);
    }

    public int requests(String method, String path) {
        return get().requests(method, path);
    }

    public void resetRequests() {
        get().resetRequests();
    }
}
