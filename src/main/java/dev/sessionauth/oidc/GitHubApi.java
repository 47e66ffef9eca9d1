package dev.sessionauth.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who signed in at GitHub, which has no ID token: the user ({@code GET /user}: numeric {@code id} as the account id,
 * {@code name} or else {@code login}, {@code avatar_url}) and the primary, verified address among
 * {@code GET /user/emails} (the profile's public {@code email} may be any address the user typed, so it is not used).
 * The access token is used for these two calls and then dropped.
 */
final class GitHubApi {
    private static final System.Logger LOG = System.getLogger(GitHubApi.class.getName());

    private final String providerId;
    private final Protocol.GitHub endpoints;
    private final OidcHttp http;

    GitHubApi(String providerId, Protocol.GitHub endpoints, OidcHttp http) {
        this.providerId = providerId;
        this.endpoints = endpoints;
        this.http = http;
    }

    /**
     * The identity the access token belongs to.
     *
     * @throws OidcException {@link OidcFailure#USER_INFO_FAILED} if GitHub's API fails or answers unexpectedly,
     *     {@link OidcFailure#EMAIL_NOT_FOUND} if the user has no primary, verified address
     */
    IdentityClaims identity(String accessToken) {
        JsonNode user = call(endpoints.userEndpoint(), accessToken).flatMap(Json::object)
                .orElseThrow(() -> failed("the user is not a JSON object"));
        JsonNode id = user.get("id");
        if (id == null || !id.isIntegralNumber() || !id.canConvertToLong() || id.asLong() <= 0) {
            throw failed("the user has no numeric id");
        }
        List<JsonNode> emails = call(endpoints.emailsEndpoint(), accessToken).flatMap(Json::array)
                .orElseThrow(() -> failed("the e-mail addresses are not a JSON array"));
        String email = emails.stream()
                .filter(e -> e.path("primary").asBoolean(false) && e.path("primary").isBoolean())
                .filter(e -> e.path("verified").asBoolean(false) && e.path("verified").isBoolean())
                .map(e -> Json.text(e, "email"))
                .flatMap(Optional::stream)
                .filter(e -> e.indexOf('@') > 0 && e.length() <= 320)
                .findFirst()
                .orElseThrow(() -> new OidcException(OidcFailure.EMAIL_NOT_FOUND));
        Optional<String> name = Json.text(user, "name").or(() -> Json.text(user, "login"));
        return new IdentityClaims(providerId, "local:oauth:" + providerId, Long.toString(id.asLong()), email, true, name,
                IdentityClaims.httpUrl(Json.text(user, "avatar_url").orElse(null)), Optional.empty());
    }

    /**
     * GitHub's user of the access token, which must be {@code subject} (the account's numeric id), with its
     * primary, verified address when it has one (Better Auth's GitHub {@code getUserInfo}).
     *
     * @throws OidcException {@link OidcFailure#USER_INFO_FAILED} if GitHub refuses the token, answers for another user
     *     or cannot be reached
     */
    ProviderProfile profile(String accessToken, String subject) {
        ObjectNode user = call(endpoints.userEndpoint(), accessToken).flatMap(Json::object)
                .orElseThrow(() -> failed("the user is not a JSON object"));
        if (!subject.equals(user.path("id").asText())) {
            throw failed("the token belongs to another user");
        }
        Optional<String> email = Json.text(user, "email");
        boolean verified = false;
        try {
            email = Optional.of(identity(accessToken).email());
            verified = true;
        } catch (OidcException noVerifiedAddress) {
            LOG.log(System.Logger.Level.DEBUG, "GitHub user " + subject + " has no primary, verified address");
        }
        return new ProviderProfile(subject, Json.text(user, "name").or(() -> Json.text(user, "login")), email,
                Json.text(user, "avatar_url"), verified, user);
    }

    private Optional<String> call(URI uri, String accessToken) {
        OidcHttp.Answer answer;
        try {
            answer = http.get(uri, Map.of("Authorization", "Bearer " + accessToken,
                    "Accept", "application/vnd.github+json", "X-GitHub-Api-Version", "2022-11-28"));
        } catch (OidcHttp.CallFailed e) {
            LOG.log(System.Logger.Level.WARNING, "GitHub API of " + providerId + ": " + e.getMessage());
            throw new OidcException(OidcFailure.USER_INFO_FAILED);
        }
        if (answer.status() != 200) {
            LOG.log(System.Logger.Level.WARNING, "GitHub API of " + providerId + ": " + Urls.withoutQuery(uri)
                    + " answered HTTP " + answer.status());
            LOG.log(System.Logger.Level.DEBUG, () -> "GitHub API answer: " + Urls.forLog(answer.body(), 300));
            throw new OidcException(OidcFailure.USER_INFO_FAILED);
        }
        return Optional.of(answer.body());
    }

    private OidcException failed(String why) {
        LOG.log(System.Logger.Level.WARNING, "GitHub API of " + providerId + ": " + why);
        return new OidcException(OidcFailure.USER_INFO_FAILED);
    }
}
