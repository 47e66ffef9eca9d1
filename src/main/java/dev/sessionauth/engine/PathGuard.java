package dev.sessionauth.engine;

import dev.sessionauth.ErrorCode;
import dev.sessionauth.User;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a feature demands of the signed-in user on some of the app's paths, beyond a session (two-factor sign-in
 * turned on, for {@code twoFactor.required}): the filter protects the paths, and refuses a signed-in user who does not
 * meet it with {@code refusal}, or sends a browser's page request to {@code page} (with {@code ?redirect=}) to meet it
 * there. Judged on the request's user as it is already read: no store work of its own.
 *
 * @param setting  the setting that names the patterns, for start-up errors
 * @param patterns path patterns as {@code protected} takes them
 * @param met      whether a user meets the demand
 * @param refusal  the answer to one who does not
 * @param page     where a browser goes to meet it, if the app has such a page
 */
public record PathGuard(String setting, List<String> patterns, Predicate<User> met, ErrorCode refusal,
                        Optional<String> page) {
    public PathGuard {
        patterns = List.copyOf(patterns);
        Objects.requireNonNull(met, "met");
        Objects.requireNonNull(refusal, "refusal");
        Objects.requireNonNull(page, "page");
    }
}
