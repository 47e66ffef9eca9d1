package dev.sessionauth.fields;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.testing.TestClient.Reply;

/** What the custom-field tests share: the declared fields and the error shape (paths, bodies: {@code Accounts}). */
final class Fields {
    /** The seed's CustomUser { role; preferences } plus one field of every other type. */
    static final String USER_FIELDS = "role:string:default=user, preferences:json:input:default={\"theme\":\"light\"},"
            + " age:number:input, newsletter:boolean:input:required, nickname:string:input";
    static final String SESSION_FIELDS = "device:string:input, trusted:boolean:default=false, score:number:input";

    private Fields() {
    }

    static void assertBadRequest(Reply r, String... messageParts) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("INVALID_REQUEST_BODY");
        assertThat(r.json().path("message").asText()).contains(messageParts);
    }

    /** Better Auth's refusal of a field its schema marks {@code input: false}: 400, naming the field. */
    static void assertFieldNotAllowed(Reply r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("FIELD_NOT_ALLOWED");
        assertThat(r.json().path("message").asText()).isEqualTo(field + " is not allowed to be set");
    }

    static JsonNode ok(Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }
}
