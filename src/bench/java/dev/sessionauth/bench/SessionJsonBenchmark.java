package dev.sessionauth.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionauth.Session;
import dev.sessionauth.User;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The body of {@code GET /api/auth/get-session}: the session and user as Better Auth's JSON, serialized to bytes,
 * exactly as the API writes it (streamed, no tree), beside the same shape built as a tree and then serialized (how
 * the other endpoints use it, and how get-session did before) as the baseline. {@code ApiJson}'s constructor and the
 * bytes method are package-private, so they are reached once through reflection in the setup; the measured calls go
 * through a plain {@link Method}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SessionJsonBenchmark {
    private ObjectMapper mapper;
    private Object apiJson;
    private Method sessionAndUser;
    private Method sessionAndUserBytes;
    private Session session;
    private User user;

    @Setup
    public void setUp() throws ReflectiveOperationException {
        Class<?> jsonBody = Class.forName("dev.sessionauth.web.JsonBody");
        Method strictMapper = jsonBody.getDeclaredMethod("strictMapper");
        strictMapper.setAccessible(true);
        mapper = (ObjectMapper) strictMapper.invoke(null);
        Class<?> api = Class.forName("dev.sessionauth.web.ApiJson");
        Constructor<?> constructor = api.getDeclaredConstructor(ObjectMapper.class);
        constructor.setAccessible(true);
        apiJson = constructor.newInstance(mapper);
        sessionAndUser = api.getDeclaredMethod("sessionAndUser", Session.class, User.class);
        sessionAndUser.setAccessible(true);
        sessionAndUserBytes = api.getDeclaredMethod("sessionAndUserBytes", Session.class, User.class);
        sessionAndUserBytes.setAccessible(true);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        session = new Session("s42", "u42", now.plus(Duration.ofDays(7)), now.plus(Duration.ofDays(30)), now, now,
                Optional.of("127.0.0.1"), Optional.of("Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0"), true);
        user = new User("u42", "User 42", "user42@bench.test", true, Optional.empty(), now, now, Map.of());
    }

    @Benchmark
    public byte[] getSessionBody() throws Exception {
        return (byte[]) sessionAndUserBytes.invoke(apiJson, session, user);
    }

    @Benchmark
    public byte[] getSessionBodyAsTree() throws Exception {
        return mapper.writeValueAsBytes(sessionAndUser.invoke(apiJson, session, user));
    }
}
