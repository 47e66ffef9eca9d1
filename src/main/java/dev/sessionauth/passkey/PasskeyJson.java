package dev.sessionauth.passkey;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.web.ApiJson;
import java.util.List;

/**
 * A passkey on the wire, as Better Auth's client types it ({@code Passkey} in {@code @better-auth/passkey}):
 * {@code {id, name, publicKey, userId, credentialID, counter, deviceType, backedUp, transports, createdAt, aaguid}},
 * {@code transports} the comma-joined string, {@code name} null when unset, {@code createdAt} ISO-8601 like every
 * timestamp of the API.
 */
final class PasskeyJson {
    private PasskeyJson() {
    }

    static ObjectNode of(ObjectMapper mapper, Passkey p) {
        ObjectNode n = mapper.createObjectNode();
        n.put("id", p.id());
        n.put("name", p.name().orElse(null));
        n.put("publicKey", p.publicKey());
        n.put("userId", p.userId());
        n.put("credentialID", p.credentialId());
        n.put("counter", p.counter());
        n.put("deviceType", p.deviceType().wire());
        n.put("backedUp", p.backedUp());
        n.put("transports", p.transports());
        n.put("createdAt", ApiJson.timestamp(p.createdAt()));
        n.put("aaguid", p.aaguid());
        return n;
    }

    static ArrayNode of(ObjectMapper mapper, List<Passkey> passkeys) {
        ArrayNode out = mapper.createArrayNode();
        passkeys.forEach(p -> out.add(of(mapper, p)));
        return out;
    }
}
