/**
 * The engine: {@code Engine}, which implements {@code SessionAuth}, started by {@code EngineFactory} over package-private
 * parts: session resolution with the jwt cache and the sliding refresh ({@code SessionResolver}), the one place
 * sessions are made ({@code SessionIssuer}), the password way in and the account's input checks ({@code Accounts}),
 * a user's own sessions ({@code OwnSessions}), e-mail verification, the account lifecycle ({@code PasswordReset},
 * {@code EmailChange}, {@code AccountDeletion}; mail through {@code Outbox} and {@code MailLinks}), the throttles of
 * every way in ({@code Throttles}: account locks, strict per-address allowances, the fair hashing queue), the
 * background thread ({@code Housekeeping}) and listener delivery ({@code SessionEvents}).
 *
 * <p><b>Where a new way in plugs in.</b> A way in is a {@code Feature} in a package of its own, listed in
 * {@code META-INF/services/dev.sessionauth.engine.Feature}: it declares its settings, the fields it adds to users and
 * sessions, and its tables; at start it gets a {@code FeatureContext} (stores, the issuer, throttles, mail, secrets)
 * and returns a {@code FeaturePart}: a {@code SignInGate} if it stands between a first factor and the session, the
 * cookies it reads, the ways in it holds for a user, and (implementing {@code web.ApiRoutes}) its endpoints. Every
 * sign-in ends in a {@code SignInOutcome} from {@code SessionIssuer.signIn}: a session, a second step, or a redirect.
 *
 * <p>Layer: above {@code config}, {@code crypto}, {@code spi} and the API values; never {@code web}, {@code tags} or the
 * servlet cookie API. It deals in tokens ({@code Presented}) and outcomes ({@code BrowserUpdate}), never in cookies.
 * Its public types are internal (shared with {@code web} and the ways in), not API.
 */
package dev.sessionauth.engine;
