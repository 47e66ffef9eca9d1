package dev.sessionauth.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.ServiceUnavailableException;
import dev.sessionauth.engine.SessionAuth;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP API under {@code basePath}, speaking Better Auth's wire protocol: routes each request to its endpoint
 * ({@link SignInEndpoints}, {@link SessionEndpoints}, {@link UserEndpoints}, {@link PasswordEndpoints},
 * {@link AccountEndpoints}) and turns every failure into the
 * JSON error it stands for. Throttled (DESIGN.md section 6): every request first passes the per-address
 * {@link RateLimiter}; sign-in and sign-up queue for password hashing in {@link HashingQueue}; sign-in is limited
 * per account by {@link SignInThrottle}.
 */
final class AuthApi {
    private static final System.Logger LOG = System.getLogger(AuthApi.class.getName());

    private final SessionAuth auth;
    private final JsonResponses responses;
    private final Map<String, Endpoint> endpoints;
    private final Map<String, Endpoint.WithSegment> prefixed;
    private final RateLimiter addresses;
    private final ApiExchange api;

    AuthApi(SessionAuth auth, SessionCookies cookies, CsrfGuard csrf, ObjectMapper mapper, JsonResponses responses) {
        this.auth = auth;
        this.responses = responses;
        this.addresses = new RateLimiter(auth.config(), auth.clock());
        ApiExchange api = new ApiExchange(auth, cookies, csrf, mapper, responses);
        HashingQueue hashing = new HashingQueue(auth.config().maxConcurrentHashes(), auth.config().hashQueueTimeout());
        Map<String, Endpoint> all = new HashMap<>();
        SignInThrottle passwordChecks = new SignInThrottle(auth.config(), auth.accountLocks(), hashing);
        all.putAll(new SignInEndpoints(api, hashing, passwordChecks).endpoints());
        all.putAll(new SessionEndpoints(api).endpoints());
        all.putAll(new UserEndpoints(api).endpoints());
        // The account lifecycle: passwords (change, reset) and the account (e-mail change, deletion).
        PasswordEndpoints passwords = new PasswordEndpoints(api, hashing, passwordChecks);
        all.putAll(passwords.endpoints());
        all.putAll(new AccountEndpoints(api, passwordChecks).endpoints());
        this.endpoints = Map.copyOf(all);
        this.prefixed = passwords.prefixedEndpoints();
        this.api = api;
    }

    /** Answers one API request; {@code endpoint} is the normalized path below {@code basePath}. */
    void handle(HttpServletRequest request, HttpServletResponse response, String endpoint) throws IOException {
        try {
            // Unknown endpoints and wrong methods count too: probing is traffic like any other.
            Optional<Duration> wait = addresses.admit(ClientAddress.of(request, auth.config().trustProxy()), endpoint);
            if (wait.isPresent()) {
                throw new TooManyRequestsException("Too many requests from your address; try again later", wait.get());
            }
            Endpoint e = endpoints.getOrDefault(endpoint, withSegment(endpoint));
            if (e == null) {
                throw new AuthException(ErrorCode.NOT_FOUND, "No endpoint " + auth.config().basePath() + endpoint);
            }
            String method = request.getMethod();
            if (!e.method().equals(method) && !(method.equals("HEAD") && e.method().equals("GET"))) {
                response.setHeader("Allow", e.method());
                throw new AuthException(ErrorCode.METHOD_NOT_ALLOWED, "Use " + e.method() + " for " + endpoint);
            }
            // A malformed query is refused on every endpoint, not only on those that read it: the answer to a broken
            // request must not depend on which parameters the endpoint happens to look at. Decoded once, here.
            e.handler().handle(request, response, UrlEncoded.query(request));
        } catch (TooManyRequestsException e) {
            refuseUnread(request, response, endpoint, e);
        } catch (AuthException e) {
            responses.error(response, e.code(), e.getMessage());
        } catch (ServiceUnavailableException e) {
            LOG.log(System.Logger.Level.ERROR, "session store unavailable: " + e.getMessage());
            responses.error(response, ErrorCode.SERVICE_UNAVAILABLE);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "unexpected failure in " + endpoint, e);
            responses.error(response, ErrorCode.INTERNAL_ERROR);
        }
    }

    /** The prefixed endpoint whose prefix {@code path} starts with, bound to the one segment after it; else null. */
    private Endpoint withSegment(String path) {
        int slash = path.lastIndexOf('/');
        Endpoint.WithSegment e = prefixed.get(path.substring(0, slash + 1));
        return e == null || slash == path.length() - 1 ? null : e.bind(path.substring(slash + 1));
    }

    /**
     * Answers a request refused before its body was read. A sign-in or sign-up form that names a trusted
     * {@code errorCallbackURL} goes back there with {@code ?error=TOO_MANY_REQUESTS}, as for its other failures.
     */
    private void refuseUnread(HttpServletRequest request, HttpServletResponse response, String endpoint,
                              TooManyRequestsException refused) throws IOException {
        AuthException e = ApiExchange.refusal(response, refused);
        if (SignInEndpoints.takesForms(endpoint) && "POST".equals(request.getMethod())) {
            try {
                JsonBody body = api.body(request, true);
                ApiExchange.redirectOnFormError(body, api.callbackUrl(body, request, "errorCallbackURL"), e, response);
                return;
            } catch (AuthException notAForm) {
                // JSON, or no trusted errorCallbackURL, or a body we cannot read: the 429 below says it all
            }
        }
        responses.error(response, e.code(), e.getMessage());
    }
}
