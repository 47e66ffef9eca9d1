package dev.sessionauth.web;

import java.util.Map;

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
}
