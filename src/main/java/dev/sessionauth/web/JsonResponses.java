package dev.sessionauth.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes the API's JSON answers: {@code Cache-Control: no-store} on every one, errors as {@code {code, message}}. */
final class JsonResponses {
    private final ObjectMapper mapper;

    JsonResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void write(HttpServletResponse response, int status, JsonNode body) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json;charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    void error(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        ObjectNode body = mapper.createObjectNode();
        body.put("code", code.name());
        body.put("message", message);
        if (code == ErrorCode.TOO_MANY_REQUESTS && !response.containsHeader("Retry-After")) {
            response.setHeader("Retry-After", "60");
        }
        write(response, code.status(), body);
    }

    void error(HttpServletResponse response, ErrorCode code) throws IOException {
        error(response, code, code.defaultMessage());
    }
}
