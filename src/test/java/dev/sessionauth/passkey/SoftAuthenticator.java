package dev.sessionauth.passkey;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.authenticator.EdDSACOSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.extension.authenticator.AuthenticationExtensionAuthenticatorOutput;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.UUID;

/**
 * A software WebAuthn authenticator and browser in one, for tests that do the real cryptography without a browser:
 * it makes the {@code RegistrationResponseJSON} and {@code AuthenticationResponseJSON} that Chromium plus
 * {@code @simplewebauthn/browser} post through Better Auth's client (research doc section 6), with a real key pair,
 * real authenticator data and a real signature.
 *
 * <p>webauthn4j-test (the library's own emulator) is not published for 0.32.0, so this stands in for it. Binary
 * structures are built with webauthn4j's own converters (its CBOR codec for the attestation object and the COSE key);
 * only the test writes them, never production code.
 */
final class SoftAuthenticator {
    /** The flags of authenticator data. */
    static final int UP = 0x01;
    static final int UV = 0x04;
    static final int BE = 0x08;
    static final int BS = 0x10;
    private static final int AT = 0x40;

    /** Chromium's virtual authenticator's AAGUID, as the research run saw it. */
    static final UUID AAGUID_VALUE = UUID.fromString("01020304-0506-0708-0102-030405060708");

    private static final ObjectConverter CONVERTER = new ObjectConverter();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    /** The key types the tests use: the two Chromium offers first, and one we do not offer. */
    enum Algorithm {
        ES256(-7), EDDSA(-8), ES384(-35);

        final int cose;

        Algorithm(int cose) {
            this.cose = cose;
        }
    }

    private final Algorithm algorithm;
    private final KeyPair keys;
    private final byte[] credentialId;

    SoftAuthenticator(Algorithm algorithm) {
        this(algorithm, randomBytes(32));
    }

    /** An authenticator with its own key but a chosen credential id (to impersonate another one). */
    SoftAuthenticator(Algorithm algorithm, byte[] credentialId) {
        this.algorithm = algorithm;
        this.credentialId = credentialId.clone();
        try {
            KeyPairGenerator generator;
            if (algorithm == Algorithm.EDDSA) {
                generator = KeyPairGenerator.getInstance("Ed25519");
            } else {
                generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec(algorithm == Algorithm.ES256 ? "secp256r1" : "secp384r1"));
            }
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    SoftAuthenticator() {
        this(Algorithm.ES256);
    }

    String credentialId() {
        return B64URL.encodeToString(credentialId);
    }

    byte[] credentialIdBytes() {
        return credentialId.clone();
    }

    /** This authenticator's public key as COSE bytes, standard base64: what a stored passkey holds. */
    String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(CONVERTER.getCborMapper().writeValueAsBytes(coseKey()));
    }

    /** What one ceremony looks like from the browser's side; each knob can be turned to make a bad response. */
    record Ceremony(String type, String challenge, String origin, String rpId, int flags, long counter,
            boolean crossOrigin, String userHandle) {
        static Ceremony registration(String challenge) {
            return new Ceremony("webauthn.create", challenge, "http://localhost:8080", "localhost", UP | UV, 0, false,
                    null);
        }

        static Ceremony signIn(String challenge) {
            return new Ceremony("webauthn.get", challenge, "http://localhost:8080", "localhost", UP | UV, 1, false,
                    null);
        }

        Ceremony type(String v) {
            return new Ceremony(v, challenge, origin, rpId, flags, counter, crossOrigin, userHandle);
        }

        Ceremony origin(String v) {
            return new Ceremony(type, challenge, v, rpId, flags, counter, crossOrigin, userHandle);
        }

        Ceremony rpId(String v) {
            return new Ceremony(type, challenge, origin, v, flags, counter, crossOrigin, userHandle);
        }

        Ceremony flags(int v) {
            return new Ceremony(type, challenge, origin, rpId, v, counter, crossOrigin, userHandle);
        }

        Ceremony counter(long v) {
            return new Ceremony(type, challenge, origin, rpId, flags, v, crossOrigin, userHandle);
        }

        Ceremony inCrossOriginFrame() {
            return new Ceremony(type, challenge, origin, rpId, flags, counter, true, userHandle);
        }

        /** The user handle a discoverable credential returns at sign-in (base64url), as the options' user.id. */
        Ceremony userHandle(String v) {
            return new Ceremony(type, challenge, origin, rpId, flags, counter, crossOrigin, v);
        }
    }

    /** The registration response Better Auth's client posts (clientExtensionResults already stripped). */
    ObjectNode register(Ceremony c) {
        AttestedCredentialData attested = new AttestedCredentialData(new AAGUID(AAGUID_VALUE), credentialId, coseKey());
        AuthenticatorData<RegistrationExtensionAuthenticatorOutput> authData =
                new AuthenticatorData<>(sha256(c.rpId().getBytes(StandardCharsets.UTF_8)), (byte) (c.flags() | AT),
                        c.counter(), attested);
        byte[] authDataBytes = new AuthenticatorDataConverter(CONVERTER).convert(authData);
        byte[] attestationObject = new AttestationObjectConverter(CONVERTER)
                .convertToBytes(new AttestationObject(authData, new NoneAttestationStatement()));
        ObjectNode json = JSON.createObjectNode();
        json.put("id", credentialId());
        json.put("rawId", credentialId());
        ObjectNode response = json.putObject("response");
        response.put("attestationObject", B64URL.encodeToString(attestationObject));
        response.put("clientDataJSON", B64URL.encodeToString(clientData(c)));
        response.putArray("transports").add("internal");
        response.put("publicKeyAlgorithm", algorithm.cose);
        response.put("publicKey", B64URL.encodeToString(keys.getPublic().getEncoded()));
        response.put("authenticatorData", B64URL.encodeToString(authDataBytes));
        json.put("type", "public-key");
        json.put("authenticatorAttachment", "platform");
        return json;
    }

    /** The sign-in response Better Auth's client posts, signed with this authenticator's private key. */
    ObjectNode signIn(Ceremony c) {
        AuthenticatorData<AuthenticationExtensionAuthenticatorOutput> authData =
                new AuthenticatorData<>(sha256(c.rpId().getBytes(StandardCharsets.UTF_8)), (byte) c.flags(),
                        c.counter());
        byte[] authDataBytes = new AuthenticatorDataConverter(CONVERTER).convert(authData);
        byte[] clientData = clientData(c);
        ObjectNode json = JSON.createObjectNode();
        json.put("id", credentialId());
        json.put("rawId", credentialId());
        ObjectNode response = json.putObject("response");
        response.put("authenticatorData", B64URL.encodeToString(authDataBytes));
        response.put("clientDataJSON", B64URL.encodeToString(clientData));
        response.put("signature", B64URL.encodeToString(sign(concat(authDataBytes, sha256(clientData)))));
        if (c.userHandle() != null) {
            response.put("userHandle", c.userHandle());
        }
        json.put("type", "public-key");
        json.put("authenticatorAttachment", "platform");
        return json;
    }

    /** clientDataJSON as Chromium writes it: type, challenge, origin, crossOrigin, in that order. */
    static byte[] clientData(Ceremony c) {
        ObjectNode data = JSON.createObjectNode();
        data.put("type", c.type());
        data.put("challenge", c.challenge());
        data.put("origin", c.origin());
        data.put("crossOrigin", c.crossOrigin());
        if (c.crossOrigin()) {
            data.put("topOrigin", "https://evil.example");
        }
        return data.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code response}'s clientDataJSON, decoded. */
    static String clientDataOf(ObjectNode response) {
        return new String(Base64.getUrlDecoder().decode(response.path("response").path("clientDataJSON").asText()),
                StandardCharsets.UTF_8);
    }

    /** {@code response} with its clientDataJSON replaced (after signing: the signature no longer covers it). */
    static ObjectNode withClientData(ObjectNode response, String clientDataJson) {
        ObjectNode copy = response.deepCopy();
        ((ObjectNode) copy.get("response")).put("clientDataJSON",
                B64URL.encodeToString(clientDataJson.getBytes(StandardCharsets.UTF_8)));
        return copy;
    }

    private COSEKey coseKey() {
        return switch (algorithm) {
            case ES256 -> EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256);
            case ES384 -> EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES384);
            case EDDSA -> EdDSACOSEKey.create((EdECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.EdDSA);
        };
    }

    private byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance(switch (algorithm) {
                case ES256 -> "SHA256withECDSA";
                case ES384 -> "SHA384withECDSA";
                case EDDSA -> "Ed25519";
            });
            signature.initSign(keys.getPrivate());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
