package dev.sessionauth.bench;

import dev.sessionauth.Session;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import javax.sql.DataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The second Java peer: Spring Session JDBC as Java teams run it for sessions shared by several machines,
 * {@code JdbcIndexedSessionRepository} behind {@code SessionRepositoryFilter}, wired by hand the way
 * {@code @EnableJdbcHttpSession} wires it (a {@code JdbcTemplate} and a {@code REQUIRES_NEW} transaction template over
 * the application's {@code DataSource}), with Spring Session's own schema script for the database. Every request
 * that asks for its session reads the session row with its attributes and, at the end, writes its last-access time:
 * the defaults ({@code FlushMode.ON_SAVE}, {@code SaveMode.ON_SET_ATTRIBUTE}).
 */
final class SpringSessionPeer {
    /** Spring Session's cookie (DefaultCookieSerializer: the session id, base64). */
    static final String COOKIE = "SESSION";

    private final SessionRepositoryFilter<?> filter;

    private SpringSessionPeer(SessionRepositoryFilter<?> filter) {
        this.filter = filter;
    }

    static SpringSessionPeer create(DataSource dataSource, boolean postgres) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            ScriptUtils.executeSqlScript(c, new ClassPathResource(
                    "org/springframework/session/jdbc/schema-" + (postgres ? "postgresql" : "h2") + ".sql"));
        }
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        JdbcIndexedSessionRepository repository = new JdbcIndexedSessionRepository(new JdbcTemplate(dataSource),
                transactions);
        // As long as SessionAuth's and Jetty's sessions live, so no seeded session expires during a run.
        repository.setDefaultMaxInactiveInterval(Duration.ofDays(7));
        return new SpringSessionPeer(new SessionRepositoryFilter<>(repository));
    }

    SessionRepositoryFilter<?> filter() {
        return filter;
    }

    /**
     * Creates one real session through HTTP (so its rows and serialized attribute are exactly what Spring Session
     * writes), then copies it {@code sessions} times under the ids {@link BenchServer#springSessionId(long)}.
     */
    void seed(BenchDatabase data, Connection c, int port, long sessions) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/spring/login")).build(), HttpResponse.BodyHandlers.ofString());
        String pair = login.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith(COOKIE + "="))
                .map(h -> h.split(";", 2)[0]).findFirst()
                .orElseThrow(() -> new IllegalStateException("Spring Session's login set no session cookie: " + login));
        String templateId = new String(Base64.getDecoder().decode(pair.substring(COOKIE.length() + 1)),
                StandardCharsets.US_ASCII);
        String templatePrimary;
        try (PreparedStatement ps = c.prepareStatement("SELECT PRIMARY_ID FROM SPRING_SESSION WHERE SESSION_ID = ?")) {
            ps.setString(1, templateId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("Spring Session's login stored no session " + templateId);
                }
                templatePrimary = rs.getString(1);
            }
        }
        String padded = "LPAD(CAST(X AS VARCHAR), 35, '0')";
        String copySessions = "INSERT INTO SPRING_SESSION (PRIMARY_ID, SESSION_ID, CREATION_TIME, LAST_ACCESS_TIME,"
                + " MAX_INACTIVE_INTERVAL, EXPIRY_TIME, PRINCIPAL_NAME) SELECT 'p' || " + padded + ", 's' || " + padded
                + ", t.CREATION_TIME, t.LAST_ACCESS_TIME, t.MAX_INACTIVE_INTERVAL, t.EXPIRY_TIME, t.PRINCIPAL_NAME"
                + " FROM " + data.range() + " JOIN SPRING_SESSION t ON t.PRIMARY_ID = ?";
        String copyAttributes = "INSERT INTO SPRING_SESSION_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME,"
                + " ATTRIBUTE_BYTES) SELECT 'p' || " + padded + ", a.ATTRIBUTE_NAME, a.ATTRIBUTE_BYTES"
                + " FROM " + data.range() + " JOIN SPRING_SESSION_ATTRIBUTES a ON a.SESSION_PRIMARY_ID = ?";
        long chunk = 100_000;
        for (long from = 0; from < sessions; from += chunk) {
            long to = Math.min(sessions, from + chunk) - 1;
            for (String sql : new String[] {copySessions, copyAttributes}) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setLong(1, from);
                    ps.setLong(2, to);
                    ps.setString(3, templatePrimary);
                    ps.executeUpdate();
                }
            }
        }
    }
}
