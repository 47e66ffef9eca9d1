/**
 * Passkeys (WebAuthn), the {@code passkey} way in (DESIGN section 10), in two layers.
 *
 * <p>The verification core deals in values and JSON, never in requests, cookies or rows: the relying party
 * ({@link dev.sessionauth.passkey.RelyingParty}, from {@code passkey.rpId}, {@code passkey.rpName},
 * {@code passkey.origins}, {@code baseURL} and {@code trustedOrigins}), the options JSON that Better Auth's client hands
 * to the browser ({@link dev.sessionauth.passkey.PasskeyOptions}), and the verification of what the browser posts back
 * ({@link dev.sessionauth.passkey.RegistrationVerifier}, {@link dev.sessionauth.passkey.AuthenticationVerifier}), with
 * failures named by Better Auth's {@code PASSKEY_ERROR_CODES} ({@link dev.sessionauth.passkey.PasskeyErrorCode}).
 * It imports {@code config} and Jackson 2 and, in the verifiers only, webauthn4j.
 *
 * <p>The way in on top of it: the feature ({@link dev.sessionauth.passkey.PasskeyFeature}, registered through the
 * extension point), its started part with Better Auth's {@code /passkey/*} endpoints and the Java API
 * ({@link dev.sessionauth.passkey.Passkeys}), the single-use challenges, and the {@code sa_passkey} table (or memory).
 * It imports the engine's feature API, the web layer's {@code ApiExchange} and the stores' SPI, as every way in does;
 * never {@code tags}.
 *
 * <p>webauthn4j is an optional dependency. Only {@code RegistrationVerifier}, {@code AuthenticationVerifier} and the
 * package-private {@code Webauthn4j} touch its classes, and they are created only by
 * {@link dev.sessionauth.passkey.PasskeySupport#verifiers(RelyingParty)} after it has found webauthn4j on the class
 * path; every other class here (and in the rest of the library) loads without it, so the feature is registered
 * always and is merely off until {@code passkey.enabled=true}.
 */
package dev.sessionauth.passkey;
