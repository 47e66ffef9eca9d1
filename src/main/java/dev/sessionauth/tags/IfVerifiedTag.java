package dev.sessionauth.tags;

import dev.sessionauth.AuthContext;
import dev.sessionauth.User;
import java.util.Optional;

/** {@code <auth:ifVerified>}: shows its body only to a signed-in user whose e-mail address is verified. */
public final class IfVerifiedTag extends ConditionalTag {
    @Override
    boolean test(Optional<AuthContext> auth) {
        return auth.map(AuthContext::getUser).filter(User::isEmailVerified).isPresent();
    }
}
