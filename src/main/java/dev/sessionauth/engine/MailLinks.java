package dev.sessionauth.engine;

import dev.sessionauth.engine.LinkBase;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.config.LinkOrigins;
import dev.sessionauth.config.Origins;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Builds the absolute links SessionAuth mails, from {@code baseURL} or, without it, from where the request reached
 * the app, and only when that origin is trusted: a link built from an attacker's {@code Host} header would mail the
 * secret to the attacker's server.
 */
public final class MailLinks {
    private static final System.Logger LOG = System.getLogger(MailLinks.class.getName());

    private final AuthConfig config;
    private final LinkOrigins origins;

    MailLinks(AuthConfig config) {
        this.config = config;
        this.origins = new LinkOrigins(config);
    }

    /**
     * {@code <origin><contextPath><basePath><endpoint>}, or empty (and a warning naming {@code what} and the user)
     * when there is no trusted origin to build it from.
     */
    Optional<String> endpoint(Optional<LinkBase> links, String endpoint, String what, String userId) {
        String contextPath = links.map(LinkBase::contextPath).orElse("");
        Optional<String> url = config.baseUrl().or(() -> links.map(LinkBase::origin))
                .map(origin -> origin + contextPath + config.basePath() + endpoint);
        if (url.isEmpty() || !origins.isTrusted(url.get())) {
            LOG.log(System.Logger.Level.WARNING, "not sending a " + what + " link to user " + userId + ": "
                    + url.map(b -> "its origin " + Origins.of(b).orElse("(none)") + " is not trusted")
                            .orElse("no origin to build it from")
                    + "; set baseURL (or add the origin to trustedOrigins)");
        }
        return url.filter(origins::isTrusted);
    }

    /** {@code &name=<value>} URL-encoded, or nothing. */
    static String param(String name, Optional<String> value) {
        return value.map(v -> "&" + name + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)).orElse("");
    }
}
