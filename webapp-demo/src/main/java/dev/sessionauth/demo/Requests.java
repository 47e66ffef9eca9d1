package dev.sessionauth.demo;

import dev.sessionauth.engine.Caller;
import dev.sessionauth.engine.ClientInfo;
import dev.sessionauth.engine.LinkBase;
import dev.sessionauth.engine.Resolution;
import dev.sessionauth.engine.ResolveMode;
import dev.sessionauth.engine.SessionTransport;
import dev.sessionauth.SessionAuth;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * What the demo's form handlers take from a request to call SessionAuth's Java API: the session, the caller, the
 * origin of mailed links, the form's fields.
 */
final class Requests {
    private Requests() {
    }

    /** The request's session as the store has it now (not the cookie cache): account changes act on the truth. */
    static Resolution session(SessionAuth auth, HttpServletRequest request) {
        return auth.resolve(SessionTransport.of(request).presented(request), ResolveMode.STORE);
    }

    /** The browser asking, as the HTTP API would see it (its address and User-Agent go on a new session). */
    static Caller caller(HttpServletRequest request) {
        return Caller.client(client(request), SessionTransport.of(request).presented(request), links(request));
    }

    /** The client's address and User-Agent: what the engine's throttles count and a new session records. */
    static ClientInfo client(HttpServletRequest request) {
        return new ClientInfo(Optional.ofNullable(request.getRemoteAddr()),
                Optional.ofNullable(request.getHeader("User-Agent")));
    }

    /**
     * Where the app was reached, for the links SessionAuth mails; SessionAuth itself mails only to an origin it trusts
     * ({@code baseURL}, {@code trustedOrigins}, loopback in development), never to whatever the Host header says.
     */
    static LinkBase links(HttpServletRequest request) {
        int port = request.getServerPort();
        boolean defaultPort = (request.getScheme().equals("http") && port == 80)
                || (request.getScheme().equals("https") && port == 443);
        return new LinkBase(request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port),
                request.getContextPath());
    }

    /** A form field, stripped; empty when absent or blank. */
    static Optional<String> field(HttpServletRequest request, String name) {
        return Optional.ofNullable(request.getParameter(name)).map(String::strip).filter(s -> !s.isEmpty());
    }
}
