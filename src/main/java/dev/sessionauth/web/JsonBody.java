package dev.sessionauth.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.config.AdditionalField;
import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A request body read for the API: JSON object, or a urlencoded form where the endpoint allows it, capped in
 * size, with typed accessors whose failures are 4xx {@link AuthException}s that name the field.
 */
public final class JsonBody {
    private final ObjectNode fields;
    private final boolean form;

    private JsonBody(ObjectNode fields, boolean form) {
        this.fields = fields;
        this.form = form;
    }

    public static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return mapper;
    }

    /**
     * The body of {@code request}, as {@link RequestBodies} read it (whole, in time, capped in size). Every way a body
     * can be bad (not UTF-8, not JSON, the wrong media type) is an {@link AuthException} with our own message: never
     * the container's or the parser's. A body whose media type is a form is a form, empty or not, so it is asked for
     * the form's CSRF token like any other.
     *
     * @param formAllowed whether {@code application/x-www-form-urlencoded} is accepted
     */
    public static JsonBody read(HttpServletRequest request, ObjectMapper mapper, boolean formAllowed) {
        byte[] bytes = RequestBodies.of(request);
        // The header itself: a container's getContentType() may parse the charset and throw on a bad one.
        String contentType = Optional.ofNullable(request.getHeader("Content-Type")).orElse("").toLowerCase(Locale.ROOT);
        String mediaType = contentType.split(";", 2)[0].trim();
        if (formAllowed && mediaType.equals("application/x-www-form-urlencoded")) {
            return new JsonBody(isBlank(bytes) ? JsonNodeFactory.instance.objectNode() : parseForm(bytes), true);
        }
        if (bytes.length == 0 || isBlank(bytes)) {
            if (mediaType.isEmpty() || mediaType.equals("application/json")) {
                return new JsonBody(JsonNodeFactory.instance.objectNode(), false);
            }
            throw unsupported(formAllowed);
        }
        if (mediaType.equals("application/json")) {
            // JSON on the wire is UTF-8 (RFC 8259); decoding it ourselves stops Jackson guessing UTF-16/32.
            JsonNode node = parseJson(mapper, utf8(bytes, "The body"));
            if (node instanceof ObjectNode object) {
                return new JsonBody(object, false);
            }
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "The body must be a JSON object");
        }
        throw unsupported(formAllowed);
    }

    private static AuthException unsupported(boolean formAllowed) {
        return new AuthException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send Content-Type: application/json"
                + (formAllowed ? " or application/x-www-form-urlencoded" : ""));
    }

    /**
     * One JSON value, every fault reported in our words with at most a line and column: Jackson's messages name
     * its classes and features, which tell an attacker what runs here and a user nothing useful.
     */
    private static JsonNode parseJson(ObjectMapper mapper, String text) {
        try {
            checkStructure(mapper, text);
            return mapper.readTree(text);
        } catch (StreamConstraintsException e) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY,
                    "The body's JSON is nested too deeply or holds a number or string that is too long");
        } catch (JsonProcessingException e) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "The body is not valid JSON" + at(e.getLocation()));
        } catch (IOException e) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "The body is not valid JSON");
        }
    }

    /**
     * Streams through the tokens once, so a repeated field and content after the value get their own messages
     * (Jackson's strict modes would report both in its own words); syntax errors surface here too.
     */
    private static void checkStructure(ObjectMapper mapper, String text) throws IOException {
        try (JsonParser parser = mapper.getFactory().createParser(text)) {
            parser.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            Deque<Set<String>> objects = new ArrayDeque<>();
            int depth = 0;
            boolean complete = false;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (complete) {
                    throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "The body must be a single JSON value;"
                            + " more follows" + at(parser.currentTokenLocation()));
                }
                if (token == JsonToken.START_OBJECT) {
                    objects.push(new HashSet<>());
                } else if (token == JsonToken.END_OBJECT) {
                    objects.pop();
                } else if (token == JsonToken.FIELD_NAME && !objects.element().add(parser.currentName())) {
                    String name = parser.currentName();
                    throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "The field " + shown(name)
                            + " appears twice" + at(parser.currentTokenLocation()));
                }
                depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
                complete = depth == 0;
            }
        }
    }

    /** A field name as an error message shows it: cut, so an answer never echoes an attacker's 60 KB name. */
    private static String shown(String name) {
        return name.length() <= 64 ? name : name.substring(0, 64) + "...";
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static String utf8(byte[] bytes, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, what + " is not valid UTF-8");
        }
    }

    private static ObjectNode parseForm(byte[] bytes) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        UrlEncoded.parse(utf8(bytes, "The form"), "form field").singles().forEach(node::put);
        return node;
    }

    /** Whether the body came as a urlencoded form (so the answer is a redirect rather than JSON). */
    public boolean isForm() {
        return form;
    }

    /**
     * The values of the declared additional fields present in the body, as plain Java values (JSON null stays
     * null); their types are checked by the engine. In a form every value is text, read by the field's type.
     */
    public Map<String, Object> fieldValues(List<AdditionalField> declared, ObjectMapper mapper) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (AdditionalField f : declared) {
            JsonNode node = fields.get(f.name());
            if (node == null) {
                continue;
            }
            if (node.isTextual() && hasLoneSurrogate(node.textValue())) {
                throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, f.name() + " is not valid Unicode");
            }
            values.put(f.name(), form ? fromFormText(f, node.textValue(), mapper) : mapper.convertValue(node, Object.class));
        }
        return values;
    }

    private static Object fromFormText(AdditionalField f, String text, ObjectMapper mapper) {
        try {
            return switch (f.type()) {
                case STRING -> text;
                case BOOLEAN -> switch (text.toLowerCase(Locale.ROOT)) {
                    case "true", "on", "1" -> Boolean.TRUE;
                    case "false", "off", "0", "" -> Boolean.FALSE;
                    default -> text;
                };
                case NUMBER -> text.isBlank() ? null : Double.valueOf(text.trim());
                case JSON -> mapper.readValue(text, Object.class);
            };
        } catch (NumberFormatException | JsonProcessingException e) {
            // Left as text: the engine's type check names the field and the type it wants.
            return text;
        }
    }

    /** Refuses fields the endpoint does not know: a typo must not be silently ignored. */
    public JsonBody allowOnly(Set<String> names) {
        Iterator<String> it = fields.fieldNames();
        while (it.hasNext()) {
            String name = it.next();
            if (!names.contains(name)) {
                // Named, but the fields it could have been are not listed: that would tell a prober what is settable.
                throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "Unknown field: " + shown(name));
            }
        }
        return this;
    }

    public String requiredString(String name) {
        return optionalString(name).orElseThrow(
                () -> new AuthException(ErrorCode.INVALID_REQUEST_BODY, "Missing field: " + name));
    }

    /** A string field; absent and JSON {@code null} are both empty. */
    public Optional<String> optionalString(String name) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, name + " must be a string");
        }
        String value = node.textValue();
        if (hasLoneSurrogate(value)) {
            // JSON escapes can spell half a character; UTF-8 cannot encode it, so two passwords would collide.
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, name + " is not valid Unicode");
        }
        return Optional.of(value);
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A field that holds a JSON object, as a body of its own (so its fields are checked the same way: Better Auth's
     * {@code idToken: {token, nonce}}); absent and JSON {@code null} are both empty.
     */
    public Optional<JsonBody> optionalObject(String name) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!(node instanceof ObjectNode object)) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, name + " must be an object");
        }
        return Optional.of(new JsonBody(object, false));
    }

    /** A field that holds an array of strings (Better Auth's {@code scopes}); absent and {@code null} are empty. */
    public Optional<List<String>> optionalStrings(String name) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, name + " must be an array of strings");
        }
        List<String> values = new java.util.ArrayList<>(node.size());
        for (JsonNode element : node) {
            if (!element.isTextual() || hasLoneSurrogate(element.textValue())) {
                throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, name + " must be an array of strings");
            }
            values.add(element.textValue());
        }
        return Optional.of(values);
    }

    /** The names of the fields present, in order (for a body whose names are the caller's, like a map). */
    public List<String> names() {
        List<String> names = new java.util.ArrayList<>();
        fields.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * An object field, copied as a JSON tree (a browser's WebAuthn response, which a way in hands on whole to its
     * verifier); absent and JSON {@code null} are both empty.
     */
    public Optional<ObjectNode> optionalObjectNode(String name) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, name + " must be an object");
        }
        return Optional.of(((ObjectNode) node).deepCopy());
    }

    /** A field as the JSON node it is (a list, an object, a number); absent and JSON {@code null} are both empty. */
    public Optional<JsonNode> node(String name) {
        JsonNode node = fields.get(name);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node);
    }

    /** Whether the field is present at all, even as {@code null}. */
    public boolean has(String name) {
        return fields.has(name);
    }

    /** A boolean field; a form sends {@code true}/{@code false}/{@code on}. */
    public Optional<Boolean> optionalBoolean(String name) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isBoolean()) {
            return Optional.of(node.booleanValue());
        }
        if (form && node.isTextual()) {
            switch (node.textValue().toLowerCase(Locale.ROOT)) {
                case "true", "on", "1" -> {
                    return Optional.of(true);
                }
                case "false", "off", "0", "" -> {
                    return Optional.of(false);
                }
                default -> {
                }
            }
        }
        throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, name + " must be true or false");
    }
}
