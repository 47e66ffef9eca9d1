package dev.sessionauth.passkey;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Makes the options JSON of both ceremonies exactly as Better Auth's server does (it calls
 * {@code @simplewebauthn/server} 13's {@code generateRegistrationOptions} / {@code generateAuthenticationOptions}),
 * field for field and in the same order, with a fresh {@link Challenge} each time. Thread-safe.
 *
 * <p>The one deliberate difference: {@code user.id} is the user's own handle ({@link PasskeyUser#handle()}), where
 * Better Auth sends a random one it never reads back.
 */
public final class PasskeyOptions {
    /** How long the browser waits for the user, in the options' {@code timeout}: Better Auth's 60 s. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    /**
     * The algorithms offered, in Better Auth's order of preference: EdDSA, ES256, RS256. Registration verification
     * accepts exactly these.
     */
    static final List<Integer> ALGORITHMS = List.of(-8, -7, -257);

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final RelyingParty relyingParty;
    private final SecureRandom random;

    /** Options for {@code relyingParty}, with challenges from {@code random}. */
    public PasskeyOptions(RelyingParty relyingParty, SecureRandom random) {
        this.relyingParty = Objects.requireNonNull(relyingParty, "relyingParty");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Registration options ({@code PublicKeyCredentialCreationOptionsJSON}) for {@code user}, leaving out the
     * authenticators that hold one of {@code existing} (the user's passkeys) and letting the browser offer any kind
     * of authenticator.
     */
    public CeremonyOptions registration(PasskeyUser user, List<CredentialDescriptor> existing,
            UserVerification userVerification) {
        return registrationOptions(user, existing, userVerification, null);
    }

    /** As {@link #registration(PasskeyUser, List, UserVerification)}, asking for one kind of authenticator. */
    public CeremonyOptions registration(PasskeyUser user, List<CredentialDescriptor> existing,
            UserVerification userVerification, AuthenticatorAttachment attachment) {
        Objects.requireNonNull(attachment, "attachment");
        return registrationOptions(user, existing, userVerification, attachment);
    }

    private CeremonyOptions registrationOptions(PasskeyUser user, List<CredentialDescriptor> existing,
            UserVerification userVerification, AuthenticatorAttachment attachment) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(userVerification, "userVerification");
        Challenge challenge = Challenge.random(random);
        ObjectNode json = JSON.objectNode();
        json.put("challenge", challenge.value());
        ObjectNode rp = json.putObject("rp");
        rp.put("name", relyingParty.name());
        rp.put("id", relyingParty.id());
        ObjectNode u = json.putObject("user");
        u.put("id", user.handle());
        u.put("name", user.name());
        u.put("displayName", user.displayName());
        ArrayNode params = json.putArray("pubKeyCredParams");
        for (int alg : ALGORITHMS) {
            params.addObject().put("alg", alg).put("type", "public-key");
        }
        json.put("timeout", TIMEOUT.toMillis());
        json.put("attestation", "none");
        json.set("excludeCredentials", descriptors(existing));
        ObjectNode selection = json.putObject("authenticatorSelection");
        // Discoverable when the authenticator can (sign-in without a user name), never demanded: security keys
        // with little storage still work.
        selection.put("residentKey", "preferred");
        selection.put("userVerification", userVerification.wire());
        if (attachment != null) {
            selection.put("authenticatorAttachment", attachment.wire());
        }
        // WebAuthn Level 1's spelling of residentKey, for old browsers; simplewebauthn always adds it last.
        selection.put("requireResidentKey", false);
        // credProps tells the client whether the credential came out discoverable; Better Auth always asks.
        json.putObject("extensions").put("credProps", true);
        json.putArray("hints");
        return new CeremonyOptions(challenge, json);
    }

    /**
     * Sign-in options ({@code PublicKeyCredentialRequestOptionsJSON}) with no {@code allowCredentials}: the browser
     * offers any passkey it holds for the RP ID (discoverable, user-name-less sign-in).
     */
    public CeremonyOptions authentication(UserVerification userVerification) {
        return authentication(userVerification, List.of());
    }

    /**
     * Sign-in options limited to {@code allowed} (the known user's passkeys); when that is empty, as
     * {@link #authentication(UserVerification)}: Better Auth leaves {@code allowCredentials} out rather than send
     * {@code []}.
     */
    public CeremonyOptions authentication(UserVerification userVerification, List<CredentialDescriptor> allowed) {
        Objects.requireNonNull(userVerification, "userVerification");
        Challenge challenge = Challenge.random(random);
        ObjectNode json = JSON.objectNode();
        json.put("rpId", relyingParty.id());
        json.put("challenge", challenge.value());
        if (!allowed.isEmpty()) {
            json.set("allowCredentials", descriptors(allowed));
        }
        json.put("timeout", TIMEOUT.toMillis());
        json.put("userVerification", userVerification.wire());
        return new CeremonyOptions(challenge, json);
    }

    /** {@code [{id, transports?, type}]}: simplewebauthn spreads the descriptor, then sets id and type. */
    private static ArrayNode descriptors(List<CredentialDescriptor> credentials) {
        ArrayNode out = JSON.arrayNode();
        for (CredentialDescriptor c : credentials) {
            ObjectNode d = out.addObject();
            d.put("id", c.credentialId());
            if (!c.transports().isEmpty()) {
                ArrayNode transports = d.putArray("transports");
                c.transports().forEach(transports::add);
            }
            d.put("type", "public-key");
        }
        return out;
    }
}
