package dev.sessionauth.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

/** Writes the API's JSON answers: {@code Cache-Control: no-store} on every one, errors as {@code {code, message}}. */
final class JsonResponses {
    private final ObjectMapper mapper;
    // The bodies of errors with their default message never change: serialised once, not on every refusal
    // (a forged cookie or a signed-out visitor on a protected path must cost next to nothing).
    private final Map<ErrorCode, byte[]> defaultErrors = new EnumMap<>(ErrorCode.class);

    JsonResponses(ObjectMapper mapper) {
        this.mapper = mapper;
        for (ErrorCode code : ErrorCode.values()) {
            try {
                defaultErrors.put(code, mapper.writeValueAsBytes(errorBody(code, code.defaultMessage())));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot serialise the error body of " + code, e);
            }
        }
    }

    void write(HttpServletResponse response, int status, JsonNode body) throws IOException {
        write(response, status, mapper.writeValueAsBytes(body));
    }

    void write(HttpServletResponse response, int status, byte[] bytes) throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json;charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    void error(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        retryAfter(response, code);
        write(response, code.status(), errorBody(code, message));
    }

    /** A refusal as its JSON error; a throttle's carries {@code Retry-After} as it says. */
    void error(HttpServletResponse response, AuthException e) throws IOException {
        e.retryAfter().ifPresent(wait -> response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds())));
        error(response, e.code(), e.getMessage());
    }

    void error(HttpServletResponse response, ErrorCode code) throws IOException {
        retryAfter(response, code);
        write(response, code.status(), defaultErrors.get(code));
    }

    private ObjectNode errorBody(ErrorCode code, String message) {
        ObjectNode body = mapper.createObjectNode();
        body.put("code", code.name());
        body.put("message", message);
        return body;
    }

    private static void retryAfter(HttpServletResponse response, ErrorCode code) {
        if (code == ErrorCode.TOO_MANY_REQUESTS && !response.containsHeader("Retry-After")) {
            response.setHeader("Retry-After", "60");
        }
    }
}
