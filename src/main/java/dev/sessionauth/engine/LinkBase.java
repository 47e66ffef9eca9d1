package dev.sessionauth.engine;

/**
 * Where the app was reached, for the absolute links the engine mails (e-mail verification) when {@code baseURL} is
 * not set: the request's origin and the app's context path. The engine builds the link itself and sends it only
 * when that origin is trusted ({@code baseURL}, {@code trustedOrigins}, or loopback for development).
 *
 * @param origin      {@code scheme://host[:port]} as the request reached the app
 * @param contextPath the app's context path ({@code ""} for the root app)
 */
public record LinkBase(String origin, String contextPath) {
}
