package dev.sessionauth.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.SessionAuth;
import dev.sessionauth.config.ConfigException;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Listeners registered in code ({@code SessionAuth.builder().listener(...)}) or by class name (setting
 * {@code listeners=com.x.A,com.x.B}); a class that is missing, is no listener or cannot be created stops start-up
 * with a message naming the setting.
 */
class ListenerRegistrationTest {
    private static final String PASSWORD = "correct horse battery staple";

    @BeforeEach
    void clear() {
        StaticRecorder.HEARD.clear();
        SecondStaticRecorder.HEARD.clear();
    }

    private static String signUp(TestServer server, String hint) {
        TestClient.Reply up = server.client().signUp(hint, hint + "-" + UUID.randomUUID() + "@example.com", PASSWORD);
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        return up.json().path("user").path("id").asText();
    }

    @Test
    void aListenerNamedInAnInitParamHearsEvents() {
        try (TestServer server = TestServer.builder().viaInitParams()
                .set("listeners", StaticRecorder.class.getName()).start()) {
            String userId = signUp(server, "byname");
            assertThat(StaticRecorder.HEARD.nextFor(userId).kind()).isEqualTo("created");
        }
    }

    @Test
    void severalListenerClassesSeparatedByCommasAllHearEvents() {
        try (TestServer server = TestServer.builder().viaInitParams()
                .set("listeners", StaticRecorder.class.getName() + ", " + SecondStaticRecorder.class.getName())
                .start()) {
            String userId = signUp(server, "two");
            assertThat(StaticRecorder.HEARD.nextFor(userId).kind()).isEqualTo("created");
            assertThat(SecondStaticRecorder.HEARD.nextFor(userId).kind()).isEqualTo("created");
        }
    }

    @Test
    void listenersInCodeAndByNameBothHearEvents() {
        Recorder inCode = new Recorder();
        try (TestServer server = TestServer.builder().listener(inCode)
                .set("listeners", StaticRecorder.class.getName()).start()) {
            String userId = signUp(server, "both");
            assertThat(inCode.nextFor(userId).kind()).isEqualTo("created");
            assertThat(StaticRecorder.HEARD.nextFor(userId).kind()).isEqualTo("created");
        }
    }

    @Test
    void aMissingListenerClassStopsStartUpNamingTheSetting() {
        assertThatThrownBy(() -> TestServer.builder().viaInitParams()
                .set("listeners", "com.example.NoSuchListener").start().close())
                .hasMessageContaining("listeners")
                .hasMessageContaining("com.example.NoSuchListener");
    }

    @Test
    void aClassThatIsNoListenerStopsStartUpNamingTheSetting() {
        assertThatThrownBy(() -> TestServer.builder().viaInitParams()
                .set("listeners", "java.lang.StringBuilder").start().close())
                .hasMessageContaining("listeners")
                .hasMessageContaining("java.lang.StringBuilder");
    }

    @Test
    void aListenerWithoutANoArgumentConstructorStopsStartUpNamingTheSetting() {
        assertThatThrownBy(() -> TestServer.builder().viaInitParams()
                .set("listeners", NoDefaultConstructorListener.class.getName()).start().close())
                .hasMessageContaining("listeners")
                .hasMessageContaining(NoDefaultConstructorListener.class.getName());
    }

    @Test
    void theBuilderRefusesAMissingListenerClassToo() {
        assertThatThrownBy(() -> SessionAuth.builder().systemProperties(new Properties()).environment(Map.of())
                .set("secret", TestServer.SECRET)
                .set("jdbc.url", "jdbc:h2:mem:listeners-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                .set("listeners", "com.example.Missing").build().close())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("listeners");
    }
}
