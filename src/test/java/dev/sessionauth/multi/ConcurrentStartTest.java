package dev.sessionauth.multi;

import static dev.sessionauth.multi.SharedDatabase.PASSWORD;
import static dev.sessionauth.multi.SharedDatabase.carrying;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.store.jdbc.Schema;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Two instances started at the same moment on an empty PostgreSQL database, with declared fields and no configured
 * secret (the generated one is kept in the database): both start, the schema is created by exactly one of them
 * (the migration holds a transaction-scoped advisory lock; the other waits, then finds the current version), they
 * agree on the generated secret, and a session from one works on the other. A PostgreSQL event trigger records
 * every table the migrations create, with the transaction that created it.
 */
class ConcurrentStartTest {
    private static final String USER_FIELDS = "role:string:default=user, nickname:string:input";
    private static final String SESSION_FIELDS = "device:string:input";

    @RepeatedTest(3)
    void twoInstancesStartingAtOnceOnAnEmptyDatabaseMigrateItOnceAndBothServe() throws Exception {
        SharedDatabase db = SharedDatabase.create();
        db.execute("CREATE TABLE ddl_log (tx BIGINT, tag TEXT, object TEXT)",
                """
                CREATE FUNCTION log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$
                DECLARE r RECORD;
                BEGIN
                    FOR r IN SELECT * FROM pg_event_trigger_ddl_commands() LOOP
                        INSERT INTO ddl_log VALUES (txid_current(), r.command_tag, r.object_identity);
                    END LOOP;
                END $$""",
                "CREATE EVENT TRIGGER ddl_logger ON ddl_command_end EXECUTE FUNCTION log_ddl()");
        assertThat(db.count("SELECT COUNT(*) FROM information_schema.tables WHERE table_name LIKE 'sa\\_%'")).isZero();

        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService starters = Executors.newFixedThreadPool(2);
        List<TestServer> servers = new ArrayList<>();
        try {
            List<Future<TestServer>> starting = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                TestServer.Builder builder = db.instance().unset("secret").set("user.fields", USER_FIELDS)
                        .set("session.fields", SESSION_FIELDS).set("session.strategy", "jwt");
                starting.add(starters.submit(() -> {
                    together.await();
                    return builder.start();
                }));
            }
            List<Throwable> failures = new ArrayList<>();
            for (Future<TestServer> f : starting) {
                try {
                    servers.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
            assertThat(failures).as("start-up failures").isEmpty();

            assertThat(db.count("SELECT COUNT(*) FROM sa_meta WHERE meta_key = 'schema_version' AND meta_value = ?",
                    Integer.toString(Schema.CURRENT_VERSION))).isEqualTo(1);
            assertThat(Schema.CURRENT_VERSION).isEqualTo(5);
            for (String table : List.of("sa_user", "sa_account", "sa_session", "sa_verification", "sa_meta",
                    "sa_rate_limit", "sa_revocation")) {
                assertThat(db.count("SELECT COUNT(*) FROM ddl_log WHERE tag = 'CREATE TABLE' AND object = ?",
                        "public." + table)).as("%s created", table).isEqualTo(1);
            }
            assertThat(db.count("SELECT COUNT(DISTINCT tx) FROM ddl_log WHERE tag = 'CREATE TABLE' AND object IN"
                    + " ('public.sa_user', 'public.sa_account', 'public.sa_session', 'public.sa_verification',"
                    + " 'public.sa_meta', 'public.sa_rate_limit', 'public.sa_revocation')"))
                    .as("one transaction created every core table").isEqualTo(1);
            // The shipped features' tables (two-factor, passkeys...) come in migrations of their own: each once too.
            assertThat(db.count("SELECT COUNT(*) - COUNT(DISTINCT object) FROM ddl_log WHERE tag = 'CREATE TABLE'"))
                    .as("no table created twice").isZero();
            assertThat(db.count("SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'sa_user'"
                    + " AND column_name IN ('f_role', 'f_nickname')")).isEqualTo(2);
            assertThat(db.count("SELECT COUNT(*) FROM sa_meta WHERE meta_key = 'secret'")).isEqualTo(1);

            TestClient onA = servers.get(0).client();
            TestClient.Reply up = onA.signUp("Starter", "starter@example.com", PASSWORD);
            assertThat(up.status()).as(up.body()).isEqualTo(200);
            TestClient.Reply onB = carrying(onA, servers.get(1)).get("/app/x");
            assertThat(onB.status()).as("both signed with the one generated secret: %s", onB.body()).isEqualTo(200);
            assertThat(onB.json().path("email").asText()).isEqualTo("starter@example.com");
        } finally {
            starters.shutdownNow();
            servers.forEach(TestServer::close);
        }
    }
}
