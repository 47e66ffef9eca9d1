package dev.sessionauth;

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

    /** A client of the HTTP API, as the web layer read its request. */
    public static Caller client(ClientInfo client, Presented presented, LinkBase links) {
        return new Caller(client, presented, Optional.of(links), Writer.CLIENT);
    }
}
