package dev.sessionauth.extension;

import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.User;
import dev.sessionauth.config.AdditionalField;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.config.SettingNames;
import dev.sessionauth.config.SettingReader;
import dev.sessionauth.engine.BrowserUpdate;
import dev.sessionauth.engine.Caller;
import dev.sessionauth.engine.Feature;
import dev.sessionauth.engine.FeatureContext;
import dev.sessionauth.engine.FeaturePart;
import dev.sessionauth.engine.SignInGate;
import dev.sessionauth.engine.SignInOutcome;
import dev.sessionauth.engine.SignedIn;
import dev.sessionauth.web.ApiExchange;
import dev.sessionauth.web.ApiRoutes;
import dev.sessionauth.web.Endpoint;
import dev.sessionauth.web.JsonBody;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A way in that exists only to prove the extension point, registered through the test classpath's
 * {@code META-INF/services} exactly as the library's own are: off unless {@code probe.enabled}; when on, a gate asks
 * users whose address starts with {@code second@} for a code ({@code 123456}) before their session is made, kept in
 * its own cookie; every passed step is written to its own table and marks the user's {@code probePassed} field.
 */
public final class ProbeFeature implements Feature {
    static final String PENDING = "probe_pending";

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public SettingNames settings() {
        return SettingNames.of("probe.enabled", "probe.page");
    }

    @Override
    public List<AdditionalField> userFields(SettingReader settings) {
        return settings.bool("probe.enabled", false)
                ? List.of(new AdditionalField("probePassed", AdditionalField.Type.BOOLEAN, false, Optional.of(false),
                        false))
                : List.of();
    }

    @Override
    public List<Migration> migrations() {
        return List.of(new Migration("probe-1", List.of(
                "CREATE TABLE IF NOT EXISTS sa_probe (user_id VARCHAR(64) NOT NULL, passed_at TIMESTAMP NOT NULL)")));
    }

    @Override
    public Optional<FeaturePart> start(AuthConfig config, FeatureContext context) {
        if (!config.settings().bool("probe.enabled", false)) {
            return Optional.empty();
        }
        return Optional.of(new Part(context, config.settings().optional("probe.page", v -> v)));
    }

    /** The started probe: its gate, its cookie and its endpoints. */
    static final class Part implements FeaturePart, ApiRoutes, SignInGate {
        private final FeatureContext context;
        private final Optional<String> page;

        Part(FeatureContext context, Optional<String> page) {
            this.context = context;
            this.page = page;
        }

        @Override
        public Optional<SignInGate> gate() {
            return Optional.of(this);
        }

        @Override
        public Set<String> cookies() {
            return Set.of(PENDING);
        }

        @Override
        public Optional<SignInOutcome.SecondStep> check(User user, String method, boolean rememberMe, Caller caller) {
            if (!user.getEmail().startsWith("second@")) {
                return Optional.empty();
            }
            String pending = context.signer().sign(user.getId() + ":" + rememberMe);
            return Optional.of(new SignInOutcome.SecondStep(List.of("probe"),
                    BrowserUpdate.features(BrowserUpdate.FeatureCookie.set(PENDING, pending, Duration.ofMinutes(10))),
                    page));
        }

        @Override
        public Map<String, Endpoint> endpoints(ApiExchange api) {
            return Map.of("/probe/verify", Endpoint.post((request, response) -> verify(api, request, response)));
        }

        @Override
        public Map<String, Endpoint.WithSegment> prefixedEndpoints(ApiExchange api) {
            return Map.of("/probe/passed/", new Endpoint.WithSegment("GET", (request, response, query, userId) -> {
                var out = api.json().object();
                out.put("passed", passed(userId));
                api.write(response, out);
            }));
        }

        private void verify(ApiExchange api, HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            JsonBody body = api.body(request, true).allowOnly(Set.of("code", "callbackURL"));
            Caller caller = api.caller(request);
            String[] pending = caller.presented().featureCookie(PENDING).flatMap(context.signer()::verify)
                    .map(v -> v.split(":", 2))
                    .orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED, "No sign-in is waiting"));
            if (!"123456".equals(body.requiredString("code"))) {
                throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "Wrong code");
            }
            User user = context.users().findById(pending[0])
                    .orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
            SignedIn in = context.issuer().issue(user, Boolean.parseBoolean(pending[1]), caller);
            record(user.getId());
            context.users().updateFields(user.getId(), Map.of("probePassed", true), context.clock().instant());
            api.answerSignIn(request, response, body, api.callbackUrl(body, request, "callbackURL"),
                    new SignInOutcome.Issued(new SignedIn(in.user(), in.session(), in.token(),
                            in.browser().with(BrowserUpdate.FeatureCookie.clear(PENDING)))));
        }

        private void record(String userId) {
            DataSource ds = context.dataSource().orElseThrow();
            try (Connection c = ds.getConnection();
                 PreparedStatement s = c.prepareStatement("INSERT INTO sa_probe (user_id, passed_at) VALUES (?, ?)")) {
                s.setString(1, userId);
                s.setObject(2, java.time.LocalDateTime.now());
                s.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        private int passed(String userId) {
            DataSource ds = context.dataSource().orElseThrow();
            try (Connection c = ds.getConnection();
                 PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM sa_probe WHERE user_id = ?")) {
                s.setString(1, userId);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
