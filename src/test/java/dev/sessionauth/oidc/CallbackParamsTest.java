package dev.sessionauth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading the callback's parameters as they arrive from the browser. */
class CallbackParamsTest {

    @Test
    void theFiveParametersAreReadAndBlankOnesAreAbsent() {
        CallbackParams params = CallbackParams.fromParameters(Map.of("code", List.of("c"), "state", List.of("s"),
                "iss", List.of(""), "user", List.of("{\"name\":{}}")));
        assertThat(params.code()).contains("c");
        assertThat(params.state()).contains("s");
        assertThat(params.iss()).isEmpty();
        assertThat(params.error()).isEmpty();
    }

    @Test
    void aRepeatedParameterIsAMalformedCallback() {
        assertThatThrownBy(() -> CallbackParams.fromParameters(Map.of("state", List.of("a", "b"))))
                .isInstanceOf(OidcException.class)
                .extracting(e -> ((OidcException) e).callbackError()).isEqualTo("invalid_callback_request");
    }

    @Test
    void anOversizedParameterIsAMalformedCallback() {
        assertThatThrownBy(() -> CallbackParams.fromParameters(Map.of("code", List.of("c".repeat(5000)))))
                .isInstanceOf(OidcException.class)
                .extracting(e -> ((OidcException) e).failure()).isEqualTo(OidcFailure.INVALID_CALLBACK_REQUEST);
    }

    @Test
    void toStringHidesTheCodeAndTheState() {
        CallbackParams params = new CallbackParams(Optional.of("the-code"), Optional.of("the-state"),
                Optional.of("https://idp"), Optional.empty(), Optional.empty());
        assertThat(params.toString()).doesNotContain("the-code").doesNotContain("the-state").contains("https://idp");
    }
}
