package dev.sessionauth.tags;

import dev.sessionauth.AuthContext;
import java.util.Optional;

/** {@code <auth:ifSignedOut>}: shows its body only when the request has no valid session (or no filter ran). */
public final class IfSignedOutTag extends ConditionalTag {
    @Override
    boolean test(Optional<AuthContext> auth) {
        return auth.filter(AuthContext::isSignedIn).isEmpty();
    }
}
