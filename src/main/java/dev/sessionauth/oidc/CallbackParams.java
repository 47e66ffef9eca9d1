package dev.sessionauth.oidc;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The parameters a provider sends the browser back with (query, or form body under {@code form_post}): the
 * authorization {@code code}, the {@code state}, the RFC 9207 {@code iss}, and on failure {@code error} and
 * {@code error_description}. Blank values count as absent. {@link #toString()} hides the code and the state.
 */
public record CallbackParams(Optional<String> code, Optional<String> state, Optional<String> iss,
        Optional<String> error, Optional<String> errorDescription) {

    // Codes and states are well under 1 KB at every provider; anything bigger is not an honest callback.
    private static final int MAX_VALUE_CHARS = 4096;

    /** All are required (as empty when absent). */
    public CallbackParams {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(iss, "iss");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(errorDescription, "errorDescription");
    }

    /**
     * The callback's parameters from the request's parameter map (each name with all its values; other names, such
     * as Apple's {@code user}, are ignored).
     *
     * @throws OidcException {@link OidcFailure#INVALID_CALLBACK_REQUEST} if one of the five is repeated (parameter
     *     pollution: which copy would the provider have meant?) or oversized
     */
    public static CallbackParams fromParameters(Map<String, List<String>> parameters) {
        return new CallbackParams(single(parameters, "code"), single(parameters, "state"), single(parameters, "iss"),
                single(parameters, "error"), single(parameters, "error_description"));
    }

    private static Optional<String> single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw new OidcException(OidcFailure.INVALID_CALLBACK_REQUEST);
        }
        if (values.isEmpty() || values.get(0) == null || values.get(0).isBlank()) {
            return Optional.empty();
        }
        if (values.get(0).length() > MAX_VALUE_CHARS) {
            throw new OidcException(OidcFailure.INVALID_CALLBACK_REQUEST);
        }
        return Optional.of(values.get(0));
    }

    @Override
    public String toString() {
        return "CallbackParams[code=" + (code.isPresent() ? "***" : "none") + ", state="
                + (state.isPresent() ? "***" : "none") + ", iss=" + iss.map(i -> Urls.forLog(i, 200)).orElse("none")
                + ", error=" + error.map(e -> Urls.forLog(e, 60)).orElse("none") + "]";
    }
}
