package dev.sessionauth.bench;

import dev.sessionauth.User;
import dev.sessionauth.SessionAuth;
import dev.sessionauth.crypto.CookieSigner;
import dev.sessionauth.crypto.PasswordHasher;
import dev.sessionauth.crypto.TokenHasher;
import dev.sessionauth.store.jdbc.DataSources;
import dev.sessionauth.web.SessionAuthFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.EnumSet;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.session.DatabaseAdaptor;
import org.eclipse.jetty.session.JDBCSessionDataStore;
import org.eclipse.jetty.session.NullSessionCache;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The server side of the benchmark, run in its own JVM by {@link BenchRunner}: one embedded Jetty 12 on 127.0.0.1
 * over one database ({@code bench.database}: an in-memory H2, or an embedded PostgreSQL on loopback that this JVM
 * starts, so it inherits the JVM's core when the runner pins it) seeded in bulk (sessions, users, credentials,
 * Jetty's session table and Spring Session's), serving the same tiny JSON servlet five ways:
 * <ul>
 *   <li>{@code /plain} — no filter (the baseline);</li>
 *   <li>{@code /db} — behind {@link SessionAuthFilter}, {@code session.strategy=database};</li>
 *   <li>{@code /jwt} — behind {@link SessionAuthFilter}, {@code session.strategy=jwt};</li>
 *   <li>{@code /peer} — behind Jetty's {@code SessionHandler} + {@code NullSessionCache} +
 *       {@code JDBCSessionDataStore} on the same database (the first peer);</li>
 *   <li>{@code /spring} — behind Spring Session's {@code SessionRepositoryFilter} + {@code
 *       JdbcIndexedSessionRepository} on the same database (the second peer, {@link SpringSessionPeer}).</li>
 * </ul>
 * Under each filtered context {@code /app/**} is protected and {@code /pub/**} public. Session {@code i} has the
 * token {@link #token(long)}, so the runner can sign its cookies without asking the server; the peers' session
 * {@code i} has the cookie {@link #springCookie(long)} and {@code peerCookie} with {@code i} in it.
 *
 * <p>Prints {@code READY port=… peerCookie=… dbPid=…} when it serves ({@code dbPid} is PostgreSQL's postmaster, 0
 * on H2), and stops when its standard input closes.
 */
public final class BenchServer {
    /** The secret both engines sign with (the runner signs the benchmark cookies with it too). */
    public static final String SECRET = "bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
    /** Every seeded user's password; all users share one precomputed bcrypt hash of it. */
    public static final String PASSWORD = "bench-password-1";
    public static final String JDBC_URL = "jdbc:h2:mem:sessionauth-bench;DB_CLOSE_DELAY=-1";
    /** The two databases the benchmark runs on ({@code bench.database}). */
    public static final String H2 = "h2";
    public static final String POSTGRESQL = "postgresql";
    public static final String PEER_SESSION_PREFIX = "peer";
    static final String TOKEN_COOKIE = "sessionauth.session_token";

    private static final int SEED_CHUNK = 100_000;

    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        long sessions = Long.getLong("bench.sessions", 1_000_000);
        long users = Long.getLong("bench.users", Math.max(1, sessions / 10));
        String database = System.getProperty("bench.database", H2);
        try (BenchDatabase data = BenchDatabase.start(database);
             Connection keepAlive = data.connect()) {
            SessionAuth db = engine("database", data);
            SessionAuth jwt = engine("jwt", data);
            long t0 = System.nanoTime();
            seedSessionAuth(data, keepAlive, users, sessions);
            log("seeded %,d users and %,d sessions in %s in %.1f s", users, sessions, database,
                    (System.nanoTime() - t0) / 1e9);

            // The peers get a pool built exactly like SessionAuth's own (DataSources.open), so all sit on equal
            // footing: same database, same commons-dbcp2 settings. They never run at the same time.
            DataSources.Opened peerPool = DataSources.open(dev.sessionauth.engine.Engine.of(db).config());
            SpringSessionPeer spring = SpringSessionPeer.create(peerPool.dataSource(), data.postgres());
            Server server = server(db, jwt, peerPool.dataSource(), spring);
            server.start();
            int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
            t0 = System.nanoTime();
            String peerCookie = seedPeer(data, keepAlive, port, sessions);
            log("seeded %,d Jetty JDBC sessions in %.1f s", sessions, (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            spring.seed(data, keepAlive, port, sessions);
            log("seeded %,d Spring Session JDBC sessions in %.1f s", sessions, (System.nanoTime() - t0) / 1e9);
            data.analyze(keepAlive);
            System.gc();
            System.out.println("READY port=" + port + " peerCookie=" + peerCookie + " dbPid=" + data.pid());
            System.out.flush();
            // The runner closes our standard input (or dies): that is the signal to stop.
            while (System.in.read() >= 0) {
                // ignore input
            }
            server.stop();
            db.close();
            jwt.close();
            peerPool.closer().close();
        }
    }

    private static void log(String format, Object... args) {
        System.out.println("[server] " + String.format(format, args));
        System.out.flush();
    }

    private static SessionAuth engine(String strategy, BenchDatabase data) {
        return SessionAuth.builder()
                .set("secret", SECRET)
                .set("jdbc.url", data.url())

                .set("protected", "/app/**")
                .set("public", "/pub/**")
                .set("session.strategy", strategy)
                // The benchmark measures sign-in throughput from one address with a few accounts: throttling
                // (per address and per account) would measure the limits instead. The hashing cap stays on, as in
                // production; at one slot per core it costs bcrypt no throughput.
                .set("rateLimit.enabled", "false")
                .build();
    }

    // ---- deterministic data shared with the runner --------------------------------------------------------------

    /** Session {@code i}'s bearer token: 32 bytes derived from {@code i}, base64url (the shape of a real token). */
    public static String token(long i) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(sha256(("sessionauth-bench-token:" + i).getBytes(StandardCharsets.US_ASCII)));
    }

    /** What {@code sa_session.token_hash} holds for session {@code i}; an H2 function during seeding. */
    public static String tokenHash(long i) {
        return TokenHasher.hash(token(i));
    }

    /** What {@code sa_session.lookup_key} holds for session {@code i}; an H2 function during seeding. */
    public static long lookupKey(long i) {
        return TokenHasher.lookupKey(tokenHash(i));
    }

    /** The {@code Cookie} header value that carries session {@code i}, signed as the filter expects. */
    public static String cookie(CookieSigner signer, long i) {
        return TOKEN_COOKIE + "=" + signer.sign(token(i));
    }

    /** The Spring Session id of peer session {@code i}: 36 characters, as its {@code CHAR(36)} column holds. */
    public static String springSessionId(long i) {
        return String.format(java.util.Locale.ROOT, "s%035d", i);
    }

    /** The {@code Cookie} header value that carries Spring Session's session {@code i} (its id, base64). */
    public static String springCookie(long i) {
        return SpringSessionPeer.COOKIE + "="
                + Base64.getEncoder().encodeToString(springSessionId(i).getBytes(StandardCharsets.US_ASCII));
    }

    public static String email(long user) {
        return "user" + user + "@bench.test";
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- seeding ------------------------------------------------------------------------------------------------

    /**
     * Bulk-inserts users, their password credentials and sessions into SessionAuth's real tables with
     * {@code INSERT ... SELECT FROM SYSTEM_RANGE}, in chunks; token hashes come from a Java function, the password
     * hash is one bcrypt computed once. Session {@code i} belongs to user {@code i mod users}. On PostgreSQL the same
     * rows go in with {@code COPY} ({@link #copySessionAuth}).
     */
    static void seedSessionAuth(BenchDatabase data, Connection c, long users, long sessions)
            throws SQLException, IOException {
        String hash = new PasswordHasher(10).hash(PASSWORD);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        OffsetDateTime created = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        OffsetDateTime expires = created.plusDays(7);
        OffsetDateTime absolute = created.plusDays(30);
        if (data.postgres()) {
            copySessionAuth(c, users, sessions, hash, created, expires, absolute);
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE ALIAS IF NOT EXISTS BENCH_TOKEN_HASH FOR '" + BenchServer.class.getName()
                    + ".tokenHash'");
            s.execute("CREATE ALIAS IF NOT EXISTS BENCH_LOOKUP_KEY FOR '" + BenchServer.class.getName()
                    + ".lookupKey'");
        }
        // User x gets row_key x + 1; the identity is moved past them once they are in.
        String insertUsers = "INSERT INTO sa_user (row_key, id, name, email, email_verified, image, created_at,"
                + " updated_at) SELECT X + 1, 'u' || X, 'User ' || X, 'user' || X || '@bench.test', TRUE, NULL, ?, ?"
                + " FROM SYSTEM_RANGE(?, ?)";
        String insertAccounts = "INSERT INTO sa_account (id, user_id, provider_id, account_id, password_hash,"
                + " created_at, updated_at) SELECT 'a' || X, 'u' || X, 'credential', 'u' || X, ?, ?, ?"
                + " FROM SYSTEM_RANGE(?, ?)";
        String insertSessions = "INSERT INTO sa_session (lookup_key, id, token_hash, user_id, user_key, expires_at,"
                + " absolute_expires_at, created_at, updated_at, ip_address, user_agent, remember)"
                + " SELECT BENCH_LOOKUP_KEY(X), 's' || X, BENCH_TOKEN_HASH(X), 'u' || MOD(X, ?), MOD(X, ?) + 1,"
                + " ?, ?, ?, ?, '127.0.0.1', 'wrk', TRUE FROM SYSTEM_RANGE(?, ?)";
        for (long from = 0; from < users; from += SEED_CHUNK) {
            long to = Math.min(users, from + SEED_CHUNK) - 1;
            try (PreparedStatement ps = c.prepareStatement(insertUsers)) {
                ps.setObject(1, created);
                ps.setObject(2, created);
                ps.setLong(3, from);
                ps.setLong(4, to);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(insertAccounts)) {
                ps.setString(1, hash);
                ps.setObject(2, created);
                ps.setObject(3, created);
                ps.setLong(4, from);
                ps.setLong(5, to);
                ps.executeUpdate();
            }
        }
        for (long from = 0; from < sessions; from += SEED_CHUNK) {
            long to = Math.min(sessions, from + SEED_CHUNK) - 1;
            try (PreparedStatement ps = c.prepareStatement(insertSessions)) {
                ps.setLong(1, users);
                ps.setLong(2, users);
                ps.setObject(3, expires);
                ps.setObject(4, absolute);
                ps.setObject(5, created);
                ps.setObject(6, created);
                ps.setLong(7, from);
                ps.setLong(8, to);
                ps.executeUpdate();
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE sa_user ALTER COLUMN row_key RESTART WITH " + (users + 1));
        }
    }

    /** PostgreSQL's bulk load: the rows {@link #seedSessionAuth} describes, streamed in chunks through COPY. */
    private static void copySessionAuth(Connection c, long users, long sessions, String hash, OffsetDateTime created,
                                        OffsetDateTime expires, OffsetDateTime absolute)
            throws SQLException, IOException {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        for (long from = 0; from < users; from += SEED_CHUNK) {
            long to = Math.min(users, from + SEED_CHUNK);
            StringBuilder userRows = new StringBuilder();
            StringBuilder accountRows = new StringBuilder();
            for (long x = from; x < to; x++) {
                userRows.append(x + 1).append("\tu").append(x).append("\tUser ").append(x).append('\t')
                        .append(email(x)).append("\tt\t\\N\t").append(created).append('\t').append(created)
                        .append('\n');
                accountRows.append('a').append(x).append("\tu").append(x).append("\tcredential\tu").append(x)
                        .append('\t').append(hash).append('\t').append(created).append('\t').append(created)
                        .append('\n');
            }
            copy.copyIn("COPY sa_user (row_key, id, name, email, email_verified, image, created_at, updated_at)"
                    + " FROM STDIN", new StringReader(userRows.toString()));
            copy.copyIn("COPY sa_account (id, user_id, provider_id, account_id, password_hash, created_at,"
                    + " updated_at) FROM STDIN", new StringReader(accountRows.toString()));
        }
        for (long from = 0; from < sessions; from += SEED_CHUNK) {
            long to = Math.min(sessions, from + SEED_CHUNK);
            StringBuilder rows = new StringBuilder();
            for (long x = from; x < to; x++) {
                String tokenHash = tokenHash(x);
                rows.append(TokenHasher.lookupKey(tokenHash)).append("\ts").append(x).append('\t').append(tokenHash)
                        .append("\tu").append(x % users).append('\t').append(x % users + 1).append('\t')
                        .append(expires).append('\t').append(absolute).append('\t').append(created).append('\t')
                        .append(created).append("\t127.0.0.1\twrk\tt\n");
            }
            copy.copyIn("COPY sa_session (lookup_key, id, token_hash, user_id, user_key, expires_at,"
                    + " absolute_expires_at, created_at, updated_at, ip_address, user_agent, remember) FROM STDIN",
                    new StringReader(rows.toString()));
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE sa_user ALTER COLUMN row_key RESTART WITH " + (users + 1));
        }
    }

    /**
     * Creates one real Jetty session through HTTP (so its row and serialized attributes are exactly what Jetty
     * writes), then copies that row {@code sessions} times under the ids {@code peer0, peer1, ...} with
     * {@code INSERT ... SELECT}. Returns the cookie template: {@code JSESSIONID=peer%d.node0}.
     */
    static String seedPeer(BenchDatabase data, Connection c, int port, long sessions) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/peer/login")).build(), HttpResponse.BodyHandlers.ofString());
        String setCookie = login.headers().firstValue("Set-Cookie")
                .orElseThrow(() -> new IllegalStateException("the peer's login set no session cookie: " + login));
        String pair = setCookie.split(";", 2)[0];
        String name = pair.substring(0, pair.indexOf('='));
        String value = pair.substring(pair.indexOf('=') + 1);
        String templateId;
        try (PreparedStatement ps = c.prepareStatement("SELECT sessionId FROM JettySessions")) {
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("the peer's login stored no session");
                }
                templateId = rs.getString(1);
            }
        }
        if (!value.startsWith(templateId)) {
            throw new IllegalStateException("unexpected peer cookie " + value + " for session " + templateId);
        }
        String suffix = value.substring(templateId.length());
        String columns = "contextPath, virtualHost, lastNode, accessTime, lastAccessTime, createTime, cookieTime,"
                + " lastSavedTime, expiryTime, maxInterval, map";
        String copy = "INSERT INTO JettySessions (sessionId, " + columns + ") SELECT '" + PEER_SESSION_PREFIX
                + "' || X, t.contextPath, t.virtualHost, t.lastNode, t.accessTime, t.lastAccessTime, t.createTime,"
                + " t.cookieTime, t.lastSavedTime, t.expiryTime, t.maxInterval, t.map"
                + " FROM " + data.range() + " JOIN JettySessions t ON t.sessionId = ?";
        for (long from = 0; from < sessions; from += SEED_CHUNK) {
            long to = Math.min(sessions, from + SEED_CHUNK) - 1;
            try (PreparedStatement ps = c.prepareStatement(copy)) {
                ps.setLong(1, from);
                ps.setLong(2, to);
                ps.setString(3, templateId);
                ps.executeUpdate();
            }
        }
        return name + "=" + PEER_SESSION_PREFIX + "%d" + suffix;
    }

    // ---- the server -----------------------------------------------------------------------------------------------

    private static Server server(SessionAuth db, SessionAuth jwt, DataSource peerPool, SpringSessionPeer spring) {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        Integer headerCache = Integer.getInteger("bench.headerCacheSize");
        if (headerCache != null) {
            http.setHeaderCacheSize(headerCache);
        }
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.getInteger("bench.port", 0));
        server.addConnector(connector);

        ContextHandlerCollection contexts = new ContextHandlerCollection();
        contexts.addHandler(plain("/plain"));
        contexts.addHandler(guarded("/db", db));
        contexts.addHandler(guarded("/jwt", jwt));
        contexts.addHandler(peer("/peer", peerPool));
        contexts.addHandler(springPeer("/spring", spring));
        server.setHandler(contexts);
        return server;
    }

    private static ServletContextHandler plain(String path) {
        ServletContextHandler context = new ServletContextHandler(path);
        context.addServlet(new ServletHolder(new TinyJsonServlet()), "/*");
        return context;
    }

    private static ServletContextHandler guarded(String path, SessionAuth auth) {
        ServletContextHandler context = plain(path);
        context.addFilter(new FilterHolder(new SessionAuthFilter(auth)), "/*", EnumSet.of(DispatcherType.REQUEST));
        return context;
    }

    private static ServletContextHandler peer(String path, DataSource pool) {
        ServletContextHandler context = new ServletContextHandler(path, ServletContextHandler.SESSIONS);
        SessionHandler sessions = context.getSessionHandler();
        sessions.setMaxInactiveInterval((int) Duration.ofDays(7).toSeconds());
        NullSessionCache cache = new NullSessionCache(sessions);
        DatabaseAdaptor adaptor = new DatabaseAdaptor();
        adaptor.setDatasource(pool);
        JDBCSessionDataStore store = new JDBCSessionDataStore();
        store.setDatabaseAdaptor(adaptor);
        // Jetty's defaults otherwise (savePeriodSec=0: the row is written at the end of every request).
        cache.setSessionDataStore(store);
        sessions.setSessionCache(cache);
        context.addServlet(new ServletHolder(new PeerLoginServlet()), "/login");
        context.addServlet(new ServletHolder(new PeerServlet()), "/*");
        return context;
    }

    private static ServletContextHandler springPeer(String path, SpringSessionPeer spring) {
        ServletContextHandler context = new ServletContextHandler(path);
        context.addFilter(new FilterHolder(spring.filter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new PeerLoginServlet()), "/login");
        context.addServlet(new ServletHolder(new PeerServlet()), "/*");
        return context;
    }

    /** The app every scenario reaches: a tiny JSON answer naming the signed-in user, if any. */
    static final class TinyJsonServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            write(response, request.getRemoteUser());
        }
    }

    /** The same answer for the peer, whose user id lives in the HttpSession. */
    static final class PeerServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            HttpSession session = request.getSession(false);
            if (session == null) {
                response.sendError(401);
                return;
            }
            write(response, (String) session.getAttribute("userId"));
        }
    }

    /** Creates the one template session the peer's seeding copies. */
    static final class PeerLoginServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            request.getSession(true).setAttribute("userId", "u0");
            write(response, "u0");
        }
    }

    private static void write(HttpServletResponse response, String user) throws IOException {
        byte[] body = (user == null ? "{\"ok\":true,\"user\":null}" : "{\"ok\":true,\"user\":\"" + user + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
