package dev.sessionauth.passkey;

import dev.sessionauth.config.ConfigException;
import dev.sessionauth.config.Origins;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The WebAuthn relying party: the domain passkeys are bound to ({@link #id()}, {@code passkey.rpId}), the name
 * authenticators show ({@link #name()}, {@code passkey.rpName}) and the exact origins the browser's
 * {@code clientDataJSON} may name ({@link #origins()}, {@code passkey.origins}).
 *
 * <p>Every instance is valid: the id is a domain name (never an IP address, which browsers refuse as an RP ID), every
 * origin is https or {@code http://localhost} (the only places browsers offer WebAuthn) and its host is the id or a
 * subdomain of it (else the browser refuses the id for that page). Mistakes are {@link ConfigException}s naming the
 * setting to change. {@link #builder()} derives what is not set: the id from {@code baseURL}'s host, as Better Auth
 * does, and the origins from {@code baseURL} and those {@code trustedOrigins} that lie under the id.
 *
 * @param id      the RP ID: lower case, no scheme, no port
 * @param name    the name authenticators show next to the account
 * @param origins the allowed origins, canonical ({@code scheme://host[:port]}, default port dropped), in order; empty
 *                only for the RP ID {@code localhost}, meaning any localhost origin ({@link #anyLocalhostOrigin()})
 */
public record RelyingParty(String id, String name, List<String> origins) {
    static final String RP_ID = "passkey.rpId";
    static final String RP_NAME = "passkey.rpName";
    static final String ORIGINS = "passkey.origins";
    static final String LOCALHOST = "localhost";

    /** WebAuthn lets authenticators cut a name to 64 bytes; a longer one would be shown cut. */
    static final int MAX_NAME_BYTES = 64;

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    /** Checks the three together, so no relying party that browsers would refuse can exist. */
    public RelyingParty {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        checkId(id);
        checkName(name);
        origins = List.copyOf(origins);
        if (origins.isEmpty() && !id.equals(LOCALHOST)) {
            throw new ConfigException(ORIGINS + " is empty: name the origin(s) browsers use the app at, e.g. https://"
                    + id + ", or set baseURL");
        }
        for (String origin : origins) {
            if (!Origins.of(origin).equals(Optional.of(origin))) {
                throw new ConfigException(ORIGINS + ": '" + origin + "' is not an origin in canonical form "
                        + "(scheme://host[:port], lower case, no path, no default port)");
            }
            checkOrigin(id, origin, ORIGINS);
        }
    }

    /** A builder that derives what is not set from {@code baseURL} and {@code trustedOrigins}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether {@code origin}, as a browser writes it in clientDataJSON ({@code scheme://host[:port]}, nothing after),
     * is one of {@link #origins()}.
     */
    public boolean allows(String origin) {
        if (!isOriginOnly(origin, false)) {
            return false;
        }
        Optional<String> canonical = Origins.of(origin);
        if (anyLocalhostOrigin()) {
            return canonical.map(o -> isUnder(URI.create(o).getHost(), LOCALHOST)).orElse(false);
        }
        return canonical.map(origins::contains).orElse(false);
    }

    /**
     * Whether this is the development set-up: RP ID {@code localhost} with no origin named (no {@code baseURL}, no
     * {@code passkey.origins}), where any {@code http(s)://localhost:<port>} is allowed, as the app may be started on
     * any port. Only a page on the developer's own machine can be such an origin, and browsers accept the RP ID
     * {@code localhost} nowhere else.
     */
    public boolean anyLocalhostOrigin() {
        return origins.isEmpty();
    }

    /** No path (or, where {@code slash} allows it, just "/"), query, fragment or surrounding space. */
    private static boolean isOriginOnly(String url, boolean slash) {
        try {
            URI uri = new URI(url);
            String path = uri.getRawPath();
            return (path == null || path.isEmpty() || (slash && path.equals("/"))) && uri.getRawQuery() == null
                    && uri.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void checkId(String id) {
        String setting = RP_ID;
        if (id.isEmpty()) {
            throw new ConfigException(setting + " is empty: set it to the domain the app is served under, "
                    + "e.g. example.com");
        }
        if (id.contains("://") || id.contains("/")) {
            throw new ConfigException(setting + ": '" + id + "' is a URL, but an RP ID is a bare domain name: "
                    + "set " + RP_ID + " to its host, e.g. " + Origins.of(id).map(o -> URI.create(o).getHost())
                    .orElse("example.com"));
        }
        if (isIpAddress(id)) {
            throw new ConfigException(setting + ": '" + id + "' is an IP address, and an IP address cannot be a "
                    + "WebAuthn relying party ID (browsers refuse passkeys there). Set " + RP_ID
                    + " to a domain name the app is served under; for development use http://localhost");
        }
        if (id.contains(":")) {
            throw new ConfigException(setting + ": '" + id + "' has a port; an RP ID is the domain name alone");
        }
        if (!id.equals(id.toLowerCase(Locale.ROOT))) {
            throw new ConfigException(setting + ": '" + id + "' must be lower case: '" + id.toLowerCase(Locale.ROOT)
                    + "'");
        }
        if (id.length() > 253 || id.endsWith(".") || !id.chars().allMatch(c -> c < 128)) {
            throw new ConfigException(setting + ": '" + id + "' is not a domain name (ASCII, no trailing dot; "
                    + "write an internationalized name in its xn-- form)");
        }
        for (String label : id.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new ConfigException(setting + ": '" + id + "' is not a domain name: '" + label
                        + "' is not a valid label (letters, digits, inner hyphens, at most 63)");
            }
        }
    }

    /** IPv4 (a numeric last label can only be an address) or IPv6 (colons, brackets). */
    private static boolean isIpAddress(String host) {
        if (host.startsWith("[") || host.chars().filter(c -> c == ':').count() > 1) {
            return true;
        }
        String bare = host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        String last = bare.substring(bare.lastIndexOf('.') + 1);
        return DIGITS.matcher(last).matches();
    }

    private static void checkName(String name) {
        if (name.isBlank()) {
            throw new ConfigException(RP_NAME + " is blank: set it to the name users know the app by");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new ConfigException(RP_NAME + " contains control characters");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new ConfigException(RP_NAME + " is longer than " + MAX_NAME_BYTES + " bytes in UTF-8, where "
                    + "authenticators may cut it; shorten it");
        }
    }

    /** https, or http on localhost; the host the id itself or under it. {@code setting} names where it came from. */
    private static void checkOrigin(String id, String origin, String setting) {
        URI uri = URI.create(origin);
        String host = uri.getHost();
        if (uri.getScheme().equals("http") && !isLocalhost(host)) {
            throw new ConfigException(setting + ": " + origin + " is plain http, where browsers offer no passkeys "
                    + "(only https, or http://localhost for development); serve the app over https");
        }
        if (!isUnder(host, id)) {
            throw new ConfigException(setting + ": " + origin + " is not under the RP ID '" + id + "': its host must "
                    + "be " + id + " or a subdomain of it; fix " + setting + " or " + RP_ID);
        }
    }

    private static boolean isLocalhost(String host) {
        return host.equals("localhost") || host.endsWith(".localhost");
    }

    private static boolean isUnder(String host, String id) {
        return host.equals(id) || host.endsWith("." + id);
    }

    /**
     * Derives a {@link RelyingParty} from the settings that are set. Each setter takes the raw text of its setting;
     * leaving one out means "not set".
     */
    public static final class Builder {
        private String baseUrl;
        private List<String> trustedOrigins = List.of();
        private String rpId;
        private String rpName;
        private List<String> origins;

        private Builder() {
        }

        /** {@code baseURL}: the RP ID defaults to its host, and its origin is allowed. */
        public Builder baseUrl(String value) {
            this.baseUrl = Objects.requireNonNull(value, "baseURL");
            return this;
        }

        /**
         * {@code trustedOrigins}: when {@code passkey.origins} is not set, those under the RP ID (and https or
         * localhost) are allowed too; the others (another site the app trusts for CSRF) cannot use this RP's
         * passkeys anyway, so they are left out rather than refused.
         */
        public Builder trustedOrigins(List<String> values) {
            this.trustedOrigins = List.copyOf(values);
            return this;
        }

        /** {@code passkey.rpId}. */
        public Builder rpId(String value) {
            this.rpId = Objects.requireNonNull(value, RP_ID).trim();
            return this;
        }

        /** {@code passkey.rpName}; defaults to the RP ID. */
        public Builder rpName(String value) {
            this.rpName = Objects.requireNonNull(value, RP_NAME).trim();
            return this;
        }

        /** {@code passkey.origins}: when set, exactly these origins (and not {@code baseURL}'s) are allowed. */
        public Builder origins(List<String> values) {
            this.origins = List.copyOf(values);
            return this;
        }

        /** The relying party, or a {@link ConfigException} naming the setting to fix. */
        public RelyingParty build() {
            Optional<String> base = Optional.empty();
            if (baseUrl != null) {
                base = Origins.of(baseUrl);
                if (base.isEmpty()) {
                    throw new ConfigException("baseURL: '" + baseUrl + "' is not an absolute http(s) URL");
                }
            }
            List<String> explicit = origins == null ? null : canonicalOrigins(origins);
            String id = rpId != null ? rpId : derivedId(base, explicit);
            checkId(id);
            List<String> allowed;
            if (explicit != null) {
                for (String origin : explicit) {
                    checkOrigin(id, origin, ORIGINS);
                }
                allowed = explicit;
            } else {
                allowed = derivedOrigins(id, base);
            }
            return new RelyingParty(id, rpName != null ? rpName : id, allowed);
        }

        private static List<String> canonicalOrigins(List<String> values) {
            Set<String> out = new LinkedHashSet<>();
            for (String value : values) {
                String v = value.trim();
                if (v.isEmpty()) {
                    continue;
                }
                Optional<String> origin = Origins.of(v).filter(o -> isOriginOnly(v, true));
                if (origin.isEmpty()) {
                    throw new ConfigException(ORIGINS + ": '" + v + "' is not an origin: write scheme://host[:port] "
                            + "with no path, e.g. https://app.example.com");
                }
                out.add(origin.get());
            }
            if (out.isEmpty()) {
                throw new ConfigException(ORIGINS + " is set but empty: name the origin(s) browsers use the app at, "
                        + "or leave it out to use baseURL");
            }
            return List.copyOf(out);
        }

        /** baseURL's host, else the first explicit origin's host, as Better Auth takes baseURL's hostname. */
        private static String derivedId(Optional<String> base, List<String> explicit) {
            Optional<String> from = base.or(() -> explicit == null ? Optional.empty() : Optional.of(explicit.get(0)));
            if (from.isEmpty()) {
                throw new ConfigException("passkey.enabled needs to know where the app is served: set baseURL "
                        + "(e.g. https://app.example.com, or http://localhost:8080 for development), or set "
                        + RP_ID + " and " + ORIGINS + " (for development on any port: " + RP_ID + "=localhost)");
            }
            String host = URI.create(from.get()).getHost();
            if (host.startsWith("[")) {
                host = host.substring(1, host.length() - 1);
            }
            if (isIpAddress(host)) {
                throw new ConfigException(RP_ID + " is not set and " + (base.isPresent() ? "baseURL" : ORIGINS)
                        + "'s host " + host + " is an IP address, which cannot be a WebAuthn relying party ID "
                        + "(browsers refuse passkeys there). Set " + RP_ID + " to a domain name the app is served "
                        + "under; for development open the app at http://localhost");
            }
            return host;
        }

        /** baseURL's origin (which must fit) and the trusted origins that fit. */
        private List<String> derivedOrigins(String id, Optional<String> base) {
            List<String> out = new ArrayList<>();
            if (base.isPresent()) {
                checkBaseOrigin(id, base.get());
                out.add(base.get());
            }
            for (String trusted : trustedOrigins) {
                Optional<String> origin = Origins.of(trusted);
                if (origin.isPresent() && fits(id, origin.get()) && !out.contains(origin.get())) {
                    out.add(origin.get());
                }
            }
            if (out.isEmpty() && id.equals(LOCALHOST)) {
                // Development: the port is the one the app happens to run on.
                return List.of();
            }
            if (out.isEmpty()) {
                throw new ConfigException(ORIGINS + " is not set and neither baseURL nor trustedOrigins has an origin "
                        + "under the RP ID '" + id + "': set " + ORIGINS + " (e.g. https://" + id + ") or baseURL");
            }
            return List.copyOf(out);
        }

        private static void checkBaseOrigin(String id, String origin) {
            try {
                checkOrigin(id, origin, "baseURL");
            } catch (ConfigException e) {
                throw new ConfigException(e.getMessage() + " (or set " + ORIGINS + " to the origins passkeys are "
                        + "used at)");
            }
        }

        private static boolean fits(String id, String origin) {
            URI uri = URI.create(origin);
            return isUnder(uri.getHost(), id) && (uri.getScheme().equals("https") || isLocalhost(uri.getHost()));
        }
    }
}
