package dev.sessionauth.engine;

import java.util.Optional;

/**
 * Who asks for a sign-up or sign-in: the client to record on the new session, the tokens it already presents (an
 * earlier session in the same browser, revoked by the new one), where it reached the app (for mailed links when
 * {@code baseURL} is not set) and who writes the additional fields it sends.
 */
public record Caller(ClientInfo client, Presented presented, Optional<LinkBase> links, Writer writer) {
    /** The app's own code: nothing presented, no request to take links from, every declared field writable. */
    public static Caller app(ClientInfo client) {
        return new Caller(client, Presented.none(), Optional.empty(), Writer.APP);
    }

    /** The app's own code acting where the app was reached at {@code links} (for the links it mails). */
    public static Caller app(ClientInfo client, LinkBase links) {
        return new Caller(client, Presented.none(), Optional.of(links), Writer.APP);
    }

    /** The same caller as the app's own code, which may set every declared field (the request-level Java API). */
    public Caller asApp() {
        return new Caller(client, presented, links, Writer.APP);
    }

    /** A client of the HTTP API, as the web layer read its request. */
    public static Caller client(ClientInfo client, Presented presented, LinkBase links) {
        return new Caller(client, presented, Optional.of(links), Writer.CLIENT);
    }
}
