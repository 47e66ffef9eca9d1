package dev.sessionauth.tags;

import dev.sessionauth.AuthContext;
import dev.sessionauth.User;
import java.util.Optional;

/** {@code <auth:ifTwoFactorEnabled>}: shows its body only to a signed-in user who has two-factor sign-in on. */
public final class IfTwoFactorEnabledTag extends ConditionalTag {
    @Override
    boolean test(Optional<AuthContext> auth) {
        return auth.map(AuthContext::getUser).filter(User::isTwoFactorEnabled).isPresent();
    }
}
