package dev.sessionauth.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which request methods an endpoint answers, as its {@code Allow} list names them. */
class EndpointTest {
    private static Endpoint answering(String methods) {
        return new Endpoint(methods, (request, response, query) -> { });
    }

    @Test
    void aGetEndpointAnswersGetAndHeadOnly() {
        Endpoint get = answering("GET");
        assertThat(get.allows("GET")).isTrue();
        assertThat(get.allows("HEAD")).isTrue();
        assertThat(get.allows("POST")).isFalse();
        assertThat(get.allows("GE")).isFalse();
        assertThat(get.allows("GETS")).isFalse();
        assertThat(get.allows("get")).isFalse();
        assertThat(get.allows("")).isFalse();
    }

    @Test
    void aPostEndpointDoesNotAnswerHead() {
        Endpoint post = answering("POST");
        assertThat(post.allows("POST")).isTrue();
        assertThat(post.allows("HEAD")).isFalse();
        assertThat(post.allows("GET")).isFalse();
    }

    @Test
    void anEndpointListingSeveralMethodsAnswersEachAndNothingElse() {
        Endpoint callback = answering("GET, POST");
        assertThat(callback.allows("GET")).isTrue();
        assertThat(callback.allows("POST")).isTrue();
        assertThat(callback.allows("HEAD")).isTrue();
        assertThat(callback.allows("PUT")).isFalse();
        assertThat(callback.allows("GET, POST")).isFalse();
        assertThat(callback.allows("POS")).isFalse();
        assertThat(callback.allows(" POST")).isFalse();
    }
}
