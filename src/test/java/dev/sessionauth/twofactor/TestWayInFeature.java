package dev.sessionauth.twofactor;

import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.User;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.config.SettingNames;
import dev.sessionauth.engine.Feature;
import dev.sessionauth.engine.FeatureContext;
import dev.sessionauth.engine.FeaturePart;
import dev.sessionauth.engine.SignInGate;
import dev.sessionauth.web.ApiExchange;
import dev.sessionauth.web.ApiRoutes;
import dev.sessionauth.web.Endpoint;
import dev.sessionauth.web.JsonBody;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A stand-in for the ways in built elsewhere (a provider's callback, a passkey), registered through the test
 * classpath's {@code META-INF/services} and off unless {@code testWayIn.enabled}: it signs a user in by e-mail
 * address through the one session issuer with the method it is told ({@code social:<id>}, {@code passkey}), as
 * those ways in do once their own factor has held, so the gates judge it exactly as they will judge them.
 */
public final class TestWayInFeature implements Feature {
    @Override
    public String name() {
        return "testWayIn";
    }

    @Override
    public SettingNames settings() {
        return SettingNames.of("testWayIn.enabled");
    }

    @Override
    public List<Migration> migrations() {
        return List.of();
    }

    @Override
    public Optional<FeaturePart> start(AuthConfig config, FeatureContext context) {
        return config.settings().bool("testWayIn.enabled", false) ? Optional.of(new Part(context)) : Optional.empty();
    }

    /** Its one endpoint: {@code POST /test-way-in/sign-in {email, method}}, JSON or a form. */
    static final class Part implements FeaturePart, ApiRoutes {
        private final FeatureContext context;

        Part(FeatureContext context) {
            this.context = context;
        }

        @Override
        public Map<String, Endpoint> endpoints(ApiExchange api) {
            return Map.of("/test-way-in/sign-in", Endpoint.post((request, response) -> {
                JsonBody body = api.body(request, true).allowOnly(Set.of("email", "method", "callbackURL"));
                String method = body.requiredString("method");
                if (!method.equals(SignInGate.PASSKEY) && !method.startsWith("social:")) {
                    throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "method: social:<id> or passkey");
                }
                User user = context.users().findCredentials(body.requiredString("email"))
                        .orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED)).user();
                api.answerSignIn(request, response, body, api.callbackUrl(body, request, "callbackURL"),
                        context.issuer().signIn(user, method, true, api.caller(request)));
            }));
        }
    }
}
