package dev.sessionauth.web;

import java.util.Map;
import java.util.Set;

/**
 * The HTTP endpoints a way in adds under {@code basePath}: implemented by a started feature's part
 * ({@link dev.sessionauth.engine.FeaturePart}), routed beside the core endpoints, every one behind the same
 * per-address allowance, body limits, CSRF and origin checks. A path taken twice stops the start.
 */
public interface ApiRoutes {
    /** Endpoints by exact path below {@code basePath} ({@code /two-factor/enable}). */
    Map<String, Endpoint> endpoints(ApiExchange api);

    /**
     * Endpoints whose last segment is a parameter, by the prefix before it: {@code /callback/} answers
     * {@code /callback/:providerId}.
     */
    default Map<String, Endpoint.WithSegment> prefixedEndpoints(ApiExchange api) {
        return Map.of();
    }

    /**
     * Paths or path prefixes (ending in {@code /}) of its endpoints that take a form posted by another site when no
     * session cookie comes with it: an identity provider's {@code response_mode=form_post} callback. Such an
     * endpoint must do nothing but redirect the browser to itself as a GET; with a session cookie the origin is
     * checked as always.
     */
    default Set<String> crossSiteForms() {
        return Set.of();
    }
}
