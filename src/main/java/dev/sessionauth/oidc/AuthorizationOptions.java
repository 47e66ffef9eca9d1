package dev.sessionauth.oidc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the caller may add to one authorization request (fields of Better Auth's {@code POST /sign-in/social}): a
 * {@code login_hint}, a {@code prompt} and scopes beyond the provider's (appended, as Better Auth does). These come
 * from the client, so each is checked; a wrong one is an {@link IllegalArgumentException} whose message names the
 * field and is safe to show.
 */
public record AuthorizationOptions(Optional<String> loginHint, Optional<String> prompt, List<String> extraScopes) {

    /** No hint, no prompt, no extra scopes. */
    public static final AuthorizationOptions NONE = new AuthorizationOptions(Optional.empty(), Optional.empty(), List.of());

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
    }

    /** These options with {@code login_hint} set to {@code loginHint} (an e-mail address or the provider's user name). */
    public AuthorizationOptions withLoginHint(String loginHint) {
        return new AuthorizationOptions(Optional.of(loginHint), prompt, extraScopes);
    }

    /** These options with {@code prompt} set ({@code none}, {@code login}, {@code consent}, {@code select_account}). */
    public AuthorizationOptions withPrompt(String prompt) {
        return new AuthorizationOptions(loginHint, Optional.of(prompt), extraScopes);
    }

    /** These options asking for {@code scopes} beyond the provider's configured ones. */
    public AuthorizationOptions withExtraScopes(List<String> scopes) {
        return new AuthorizationOptions(loginHint, prompt, scopes);
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
