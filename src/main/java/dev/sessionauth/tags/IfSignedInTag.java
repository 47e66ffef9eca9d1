package dev.sessionauth.tags;

import dev.sessionauth.AuthContext;
import java.util.Optional;

/** {@code <auth:ifSignedIn>}: shows its body only when the request has a valid session. */
public final class IfSignedInTag extends ConditionalTag {
    @Override
    boolean test(Optional<AuthContext> auth) {
        return auth.filter(AuthContext::isSignedIn).isPresent();
    }
}
