package dev.sessionauth.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A provider's signing keys (its {@code jwks_uri}), cached. The first verification fetches them; a token whose key
 * is not in the cache (a {@code kid} never seen: the provider rotated) fetches them again, at most once per
 * {@code minRefetchInterval} (60 s by default) whatever the tokens say, so made-up {@code kid}s cannot make
 * SessionAuth hammer the provider. Only asymmetric keys and algorithms are kept, and of those only the ones the
 * provider advertises: {@code alg: none} and HMAC ({@code HS*}, whose "key" would be the client secret) never verify.
 * EdDSA is left out: nimbus-jose-jwt verifies it only with Google Tink on the class path.
 */
public final class Jwks {
    /** How often an unknown key may cause a fetch, unless configured. */
    public static final Duration DEFAULT_MIN_REFETCH_INTERVAL = Duration.ofSeconds(60);

    /** The algorithms SessionAuth ever accepts for ID tokens. */
    public static final Set<JWSAlgorithm> ASYMMETRIC_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private static final System.Logger LOG = System.getLogger(Jwks.class.getName());
    private static final int MIN_RSA_BITS = 2048;

    private final String providerId;
    private final URI jwksUri;
    private final Set<JWSAlgorithm> acceptedAlgorithms;
    private final OidcHttp http;
    private final Clock clock;
    private final Duration minRefetchInterval;
    private final Object fetchLock = new Object();

    // null until the first fetch succeeds; replaced whole, never changed in place.
    private volatile List<JWK> keys;
    // guarded by fetchLock: when the last fetch was started, successful or not
    private Instant lastFetch;

    /**
     * The keys at {@code jwksUri} of provider {@code providerId}, of which only those fit for
     * {@code acceptedAlgorithms} (see {@link #acceptedAlgorithms(List)}) are used.
     */
    public Jwks(String providerId, URI jwksUri, Set<JWSAlgorithm> acceptedAlgorithms, OidcHttp http, Clock clock,
            Duration minRefetchInterval) {
        this.providerId = providerId;
        this.jwksUri = jwksUri;
        this.acceptedAlgorithms = Set.copyOf(acceptedAlgorithms);
        this.http = http;
        this.clock = clock;
        this.minRefetchInterval = minRefetchInterval;
    }

    /**
     * The algorithms SessionAuth accepts from a provider that advertises {@code advertised}
     * ({@code id_token_signing_alg_values_supported}): the asymmetric ones among them.
     */
    public static Set<JWSAlgorithm> acceptedAlgorithms(List<String> advertised) {
        Set<JWSAlgorithm> accepted = new LinkedHashSet<>();
        for (String name : advertised) {
            JWSAlgorithm algorithm = JWSAlgorithm.parse(name);
            if (ASYMMETRIC_ALGORITHMS.contains(algorithm)) {
                accepted.add(algorithm);
            }
        }
        return Set.copyOf(accepted);
    }

    /** The algorithms a token may be signed with. */
    public Set<JWSAlgorithm> acceptedAlgorithms() {
        return acceptedAlgorithms;
    }

    /**
     * The provider's keys that may have signed a token with {@code header}: matching its {@code kid} (when it has
     * one), its algorithm's key type and curve, and meant for signatures. Fetches the keys when none are cached yet,
     * and once more (rate-limited) when none matches. Empty when the algorithm is not accepted or no key fits.
     *
     * @throws ProviderUnavailableException if the keys are needed and cannot be fetched
     */
    public List<JWK> keysFor(JWSHeader header) {
        if (!acceptedAlgorithms.contains(header.getAlgorithm())) {
            return List.of();
        }
        List<JWK> current = keys;
        if (current == null) {
            current = firstFetch();
        }
        List<JWK> matching = matching(current, header);
        if (matching.isEmpty()) {
            List<JWK> refreshed = refetchIfAllowed(current);
            if (refreshed != current) {
                matching = matching(refreshed, header);
            }
        }
        return matching;
    }

    private List<JWK> firstFetch() {
        synchronized (fetchLock) {
            List<JWK> current = keys;
            return current != null ? current : fetch();
        }
    }

    private List<JWK> refetchIfAllowed(List<JWK> seen) {
        synchronized (fetchLock) {
            if (keys != seen) {
                // Another thread fetched while this one waited: use what it got.
                return keys;
            }
            if (lastFetch != null && clock.instant().isBefore(lastFetch.plus(minRefetchInterval))) {
                LOG.log(System.Logger.Level.DEBUG, () -> "keys of " + providerId
                        + ": unknown key, but fetched less than " + minRefetchInterval.toSeconds() + " s ago");
                return seen;
            }
            return fetch();
        }
    }

    // Called with fetchLock held.
    private List<JWK> fetch() {
        lastFetch = clock.instant();
        String where = "socialProviders." + providerId + ": the keys at " + jwksUri;
        OidcHttp.Answer answer;
        try {
            answer = http.get(jwksUri, Map.of("Accept", "application/jwk-set+json, application/json"));
        } catch (OidcHttp.CallFailed e) {
            throw new ProviderUnavailableException(providerId, where + " could not be fetched: " + e.getMessage());
        }
        if (answer.status() != 200) {
            throw new ProviderUnavailableException(providerId, where + " answered HTTP " + answer.status());
        }
        JWKSet set;
        try {
            set = JWKSet.parse(answer.body());
        } catch (ParseException e) {
            throw new ProviderUnavailableException(providerId, where + " are not a JSON Web Key Set");
        }
        List<JWK> usable = new ArrayList<>();
        for (JWK key : set.getKeys()) {
            if (usable(key)) {
                usable.add(key.toPublicJWK());
            }
        }
        List<JWK> fetched = List.copyOf(usable);
        keys = fetched;
        LOG.log(System.Logger.Level.INFO, () -> "keys of " + providerId + " fetched: "
                + fetched.stream().map(k -> String.valueOf(k.getKeyID())).toList());
        return fetched;
    }

    private static boolean usable(JWK key) {
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            return false;
        }
        if (key instanceof RSAKey rsa) {
            return rsa.size() >= MIN_RSA_BITS;
        }
        return key instanceof ECKey;
    }

    private static List<JWK> matching(List<JWK> keys, JWSHeader header) {
        JWKMatcher matcher = JWKMatcher.forJWSHeader(header);
        if (matcher == null) {
            return List.of();
        }
        Set<Curve> curves = Curve.forJWSAlgorithm(header.getAlgorithm());
        List<JWK> matching = new ArrayList<>();
        for (JWK key : keys) {
            // JWKMatcher does not compare an EC key's curve with the algorithm's; ES256 must not verify with P-384.
            boolean curveFits = !(key instanceof ECKey ec) || (curves != null && curves.contains(ec.getCurve()));
            if (curveFits && matcher.matches(key)) {
                matching.add(key);
            }
        }
        return matching;
    }
}
