package dev.sessionauth.bench;

import dev.sessionauth.crypto.CookieSigner;
import dev.sessionauth.crypto.SessionJwt;
import dev.sessionauth.crypto.TokenHasher;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
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
 * The per-request crypto of the filter: checking the session cookie's HMAC (valid and forged), hashing the token
 * for the store lookup, and verifying the jwt strategy's {@code session_data} cookie.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CookieVerifyBenchmark {
    private CookieSigner signer;
    private SessionJwt jwt;
    private String token;
    private String validCookie;
    private String forgedCookie;
    private String sessionData;
    private Instant now;

    @Setup
    public void setUp() {
        List<byte[]> secrets = List.of(BenchServer.SECRET.getBytes(StandardCharsets.UTF_8));
        signer = new CookieSigner(secrets);
        jwt = new SessionJwt(secrets);
        token = BenchServer.token(42);
        validCookie = signer.sign(token);
        forgedCookie = token + "." + "A".repeat(43);
        now = Instant.now();
        // The shape SessionAuth puts in session_data: the token hash, the session and the user.
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("id", "s42");
        session.put("userId", "u42");
        session.put("expiresAt", now.plusSeconds(7 * 86400).toString());
        session.put("absoluteExpiresAt", now.plusSeconds(30 * 86400).toString());
        session.put("createdAt", now.toString());
        session.put("updatedAt", now.toString());
        session.put("ipAddress", "127.0.0.1");
        session.put("userAgent", "wrk");
        session.put("remember", true);
        session.put("fields", Map.of());
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", "u42");
        user.put("name", "User 42");
        user.put("email", "user42@bench.test");
        user.put("emailVerified", true);
        user.put("image", null);
        user.put("createdAt", now.toString());
        user.put("updatedAt", now.toString());
        user.put("fields", Map.of());
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sth", TokenHasher.hash(token));
        claims.put("session", session);
        claims.put("user", user);
        sessionData = jwt.issue(claims, now, now.plusSeconds(300));
    }

    @Benchmark
    public Optional<String> verifyValidCookie() {
        return signer.verify(validCookie);
    }

    @Benchmark
    public Optional<String> verifyForgedCookie() {
        return signer.verify(forgedCookie);
    }

    @Benchmark
    public String hashToken() {
        return TokenHasher.hash(token);
    }

    @Benchmark
    public Optional<Map<String, Object>> verifySessionDataJwt() {
        return jwt.verify(sessionData, now);
    }
}
