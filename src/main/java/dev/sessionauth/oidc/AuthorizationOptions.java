package dev.sessionauth.oidc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the caller may add to one authorization request (fields of Better Auth's {@code POST /sign-in/social}): a
 * {@code login_hint}, a {@code prompt}, scopes beyond the provider's (appended, as Better Auth does) and further
 * parameters ({@code additionalParams}: {@code hd}, {@code domain_hint}, {@code access_type}…), never one that the
 * request itself sets (state, nonce, PKCE, redirect). These come from the client, so each is checked; a wrong one is
 * an {@link IllegalArgumentException} whose message names the field and is safe to show.
 */
public record AuthorizationOptions(Optional<String> loginHint, Optional<String> prompt, List<String> extraScopes,
        Map<String, String> extraParameters) {

    /** No hint, no prompt, no extra scopes, no further parameters. */
    public static final AuthorizationOptions NONE =
            new AuthorizationOptions(Optional.empty(), Optional.empty(), List.of(), Map.of());

    /**
     * The parameters the authorization request sets itself (Better Auth's reserved list, plus those this request
     * sets or must not be steered: the response mode and the hint and prompt, which have fields of their own).
     */
    public static final Set<String> RESERVED_PARAMETERS = Set.of("state", "client_id", "redirect_uri",
            "response_type", "code_challenge", "code_challenge_method", "nonce", "scope", "response_mode",
            "login_hint", "prompt", "request", "request_uri", "client_secret");
    private static final int MAX_EXTRA_PARAMETERS = 10;
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final int MAX_PARAMETER_VALUE = 512;

    private static final int MAX_LOGIN_HINT = 320;
    private static final int MAX_EXTRA_SCOPES = 20;
    private static final Set<String> PROMPTS = Set.of("none", "login", "consent", "select_account");
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,200}");

    /** Checks each value. */
    public AuthorizationOptions {
        Objects.requireNonNull(loginHint, "loginHint");
        Objects.requireNonNull(prompt, "prompt");
        loginHint.ifPresent(AuthorizationOptions::checkLoginHint);
        prompt.ifPresent(AuthorizationOptions::checkPrompt);
        extraScopes = List.copyOf(Objects.requireNonNull(extraScopes, "extraScopes"));
        if (extraScopes.size() > MAX_EXTRA_SCOPES) {
            throw new IllegalArgumentException("scopes: at most " + MAX_EXTRA_SCOPES + " scopes");
        }
        for (String scope : extraScopes) {
            if (!SCOPE_TOKEN.matcher(scope).matches()) {
                throw new IllegalArgumentException("scopes: a scope is printable ASCII without space, '\"' or '\\'");
            }
        }
        extraParameters = Map.copyOf(Objects.requireNonNull(extraParameters, "extraParameters"));
        if (extraParameters.size() > MAX_EXTRA_PARAMETERS) {
            throw new IllegalArgumentException("additionalParams: at most " + MAX_EXTRA_PARAMETERS + " parameters");
        }
        extraParameters.forEach((name, value) -> {
            if (!PARAMETER_NAME.matcher(name).matches() || RESERVED_PARAMETERS.contains(name)) {
                throw new IllegalArgumentException("additionalParams: " + (RESERVED_PARAMETERS.contains(name)
                        ? name + " is set by the sign-in itself" : "a name is 1 to 64 letters, digits, '_', '.' or '-'"));
            }
            if (value.length() > MAX_PARAMETER_VALUE || value.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("additionalParams: " + name + " must be at most "
                        + MAX_PARAMETER_VALUE + " characters without control characters");
            }
        });
    }

    /** These options with {@code login_hint} set to {@code loginHint} (an e-mail address or the provider's user name). */
    public AuthorizationOptions withLoginHint(String loginHint) {
        return new AuthorizationOptions(Optional.of(loginHint), prompt, extraScopes, extraParameters);
    }

    /** These options with {@code prompt} set ({@code none}, {@code login}, {@code consent}, {@code select_account}). */
    public AuthorizationOptions withPrompt(String prompt) {
        return new AuthorizationOptions(loginHint, Optional.of(prompt), extraScopes, extraParameters);
    }

    /** These options asking for {@code scopes} beyond the provider's configured ones. */
    public AuthorizationOptions withExtraScopes(List<String> scopes) {
        return new AuthorizationOptions(loginHint, prompt, scopes, extraParameters);
    }

    /** These options with further authorization parameters (names not in {@link #RESERVED_PARAMETERS}). */
    public AuthorizationOptions withExtraParameters(Map<String, String> parameters) {
        return new AuthorizationOptions(loginHint, prompt, extraScopes, parameters);
    }

    private static void checkLoginHint(String hint) {
        if (hint.isBlank() || hint.length() > MAX_LOGIN_HINT || hint.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("loginHint: 1 to " + MAX_LOGIN_HINT
                    + " characters without control characters");
        }
    }

    private static void checkPrompt(String prompt) {
        List<String> values = new ArrayList<>(List.of(prompt.strip().split(" +")));
        if (prompt.isBlank() || !PROMPTS.containsAll(values) || (values.contains("none") && values.size() > 1)) {
            throw new IllegalArgumentException("prompt: none, or any of login, consent and select_account separated"
                    + " by spaces");
        }
    }
}
