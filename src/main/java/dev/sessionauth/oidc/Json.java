package dev.sessionauth.oidc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reading the JSON providers send: an object or nothing (a parse error's text, which can quote the body, is never
 * kept), duplicate keys refused, and typed reads that treat a value of the wrong type as absent.
 */
final class Json {
    // Duplicate keys: two "issuer" or "id_token" members are a parser-differential trick, never an honest answer.
    // An ObjectReader is immutable and thread-safe, so one is shared.
    private static final ObjectReader READER =
            new ObjectMapper().reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Json() {
    }

    /** {@code text} as a JSON object, or empty if it is not one. */
    static Optional<ObjectNode> object(String text) {
        try {
            JsonNode node = READER.readTree(text);
            return node instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code text} as a JSON array, or empty if it is not one. */
    static Optional<List<JsonNode>> array(String text) {
        try {
            JsonNode node = READER.readTree(text);
            if (node == null || !node.isArray()) {
                return Optional.empty();
            }
            List<JsonNode> items = new ArrayList<>();
            node.forEach(items::add);
            return Optional.of(items);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The non-blank string member {@code name}, if there is one. */
    static Optional<String> text(JsonNode object, String name) {
        JsonNode value = object.get(name);
        return value != null && value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText())
                : Optional.empty();
    }

    /** The strings of the array member {@code name} (other items skipped); empty if absent or not an array. */
    static List<String> texts(JsonNode object, String name) {
        JsonNode value = object.get(name);
        List<String> texts = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(item -> {
                if (item.isTextual()) {
                    texts.add(item.asText());
                }
            });
        }
        return List.copyOf(texts);
    }
}
