package dev.sessionauth.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.spi.StoreUnavailableException;
import dev.sessionauth.engine.AddressLimits;
import dev.sessionauth.engine.Engine;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The HTTP API under {@code basePath}, speaking Better Auth's wire protocol: routes each request to its endpoint
 * ({@link SignInEndpoints}, {@link SessionEndpoints}, {@link UserEndpoints}, {@link PasswordEndpoints},
 * {@link AccountEndpoints}) and turns every failure into the JSON error it stands for. Every request first passes the
 * per-address allowance ({@link AddressLimits}); a refusal there is answered without reading the body. The throttles of the ways
 * in (per account, the strict per-address allowances, the hashing queue) are the engine's, so the Java API has them
 * too.
 */
final class AuthApi {
    private static final System.Logger LOG = System.getLogger(AuthApi.class.getName());

    private final Engine auth;
    private final JsonResponses responses;
    private final Map<String, Endpoint> endpoints;
    private final Map<String, Endpoint.WithSegment> prefixed;
    private final Optional<AddressLimits> addresses;
    private final RequestBodies bodies;
    private final Set<String> crossSiteForms;

    AuthApi(Engine auth, SessionCookies cookies, CsrfGuard csrf, ObjectMapper mapper, JsonResponses responses,
            RequestBodies bodies) {
        this.auth = auth;
        this.responses = responses;
        this.addresses = auth.config().rateLimitEnabled() ? Optional.of(new AddressLimits(auth.config().rateLimitMax(),
                auth.config().rateLimitWindow(), auth.clock())) : Optional.empty();
        ApiExchange api = new ApiExchange(auth, cookies, csrf, mapper, responses);
        Map<String, Endpoint> all = new HashMap<>();
        all.putAll(new SignInEndpoints(api).endpoints());
        all.putAll(new SessionEndpoints(api).endpoints());
        all.putAll(new UserEndpoints(api).endpoints());
        // The account lifecycle: passwords (change, reset) and the account (e-mail change, deletion).
        PasswordEndpoints passwords = new PasswordEndpoints(api);
        all.putAll(passwords.endpoints());
        all.putAll(new AccountEndpoints(api).endpoints());
        Map<String, Endpoint.WithSegment> withSegment = new HashMap<>(passwords.prefixedEndpoints());
        Set<String> crossSite = new HashSet<>();
        for (Object part : auth.features()) {
            if (part instanceof ApiRoutes routes) {
                addAll(all, routes.endpoints(api));
                addAll(withSegment, routes.prefixedEndpoints(api));
                crossSite.addAll(routes.crossSiteForms());
            }
        }
        this.crossSiteForms = Set.copyOf(crossSite);
        this.endpoints = Map.copyOf(all);
        this.prefixed = Map.copyOf(withSegment);
        this.bodies = bodies;
    }

    /**
     * Whether {@code endpoint} (the path below {@code basePath}) takes a form posted by another site without a session
     * cookie: a feature declared it ({@link ApiRoutes#crossSiteForms()}).
     */
    boolean takesCrossSiteForm(String endpoint) {
        for (String path : crossSiteForms) {
            if (path.endsWith("/") ? endpoint.startsWith(path) && endpoint.indexOf('/', path.length()) < 0
                    && endpoint.length() > path.length() : endpoint.equals(path)) {
                return true;
            }
        }
        return false;
    }

    private static <E> void addAll(Map<String, E> routes, Map<String, E> added) {
        added.forEach((path, endpoint) -> {
            if (routes.putIfAbsent(path, endpoint) != null) {
                throw new IllegalStateException("two endpoints claim " + path);
            }
        });
    }

    /**
     * Answers one API request; {@code endpoint} is the normalized path below {@code basePath}. Refusals that need no
     * body (over the address's allowance, unknown endpoint, wrong method, broken query) come before it is read; a
     * POST's body is then read whole, in time ({@link RequestBodies}), and only then does the endpoint run, possibly
     * on another thread after this method returned.
     */
    void handle(HttpServletRequest request, HttpServletResponse response, String endpoint) throws IOException {
        Endpoint e;
        UrlEncoded query;
        try {
            // Unknown endpoints and wrong methods count too: probing is traffic like any other.
            addresses.ifPresent(limits -> limits.take(ClientAddress.of(request, auth.config().trustProxy())));
            Endpoint exact = endpoints.get(endpoint);
            e = exact != null ? exact : withSegment(endpoint);
            if (e == null) {
                throw new AuthException(ErrorCode.NOT_FOUND, "No endpoint " + auth.config().basePath() + endpoint);
            }
            String method = request.getMethod();
            if (!e.allows(method)) {
                response.setHeader("Allow", e.method());
                throw new AuthException(ErrorCode.METHOD_NOT_ALLOWED, "Use " + e.method() + " for " + endpoint);
            }
            // A malformed query is refused on every endpoint, not only on those that read it: the answer to a broken
            // request must not depend on which parameters the endpoint happens to look at. Decoded once, here.
            query = UrlEncoded.query(request);
        } catch (AuthException refused) {
            if (refused.code() == ErrorCode.TOO_MANY_REQUESTS) {
                // The body stays unread, so the connection ends with this answer: a refusal is not worth a thread.
                RequestBodies.answerClosing(responses::error, response, refused);
            } else {
                responses.error(response, refused);
            }
            return;
        }
        if (request.getMethod().equals("POST")) {
            bodies.read(request, response, responses::error, () -> run(e, request, response, query, endpoint));
        } else {
            run(e, request, response, query, endpoint);
        }
    }

    private void run(Endpoint e, HttpServletRequest request, HttpServletResponse response, UrlEncoded query,
                     String endpoint) throws IOException {
        try {
            e.handler().handle(request, response, query);
            commitCookies(response);
        } catch (AuthException refused) {
            responses.error(response, refused);
        } catch (StoreUnavailableException unavailable) {
            LOG.log(System.Logger.Level.ERROR, "session store unavailable: " + unavailable.getMessage());
            responses.error(response, ErrorCode.SERVICE_UNAVAILABLE);
        } catch (RuntimeException failure) {
            LOG.log(System.Logger.Level.ERROR, "unexpected failure in " + endpoint, failure);
            responses.error(response, ErrorCode.INTERNAL_ERROR);
        }
    }

    /** Writes the cookies the endpoint decided on, once, before its answer is complete. */
    private static void commitCookies(HttpServletResponse response) {
        CookieCommit commit = CookieCommit.of(response);
        if (commit != null) {
            commit.commit();
        }
    }

    /** The prefixed endpoint whose prefix {@code path} starts with, bound to the one segment after it; else null. */
    private Endpoint withSegment(String path) {
        int slash = path.lastIndexOf('/');
        Endpoint.WithSegment e = prefixed.get(path.substring(0, slash + 1));
        return e == null || slash == path.length() - 1 ? null : e.bind(path.substring(slash + 1));
    }
}
