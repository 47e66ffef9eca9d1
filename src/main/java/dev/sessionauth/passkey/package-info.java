/**
 * Passkeys (WebAuthn), the verification core of the {@code passkey} way in (DESIGN section 10): the relying party
 * ({@link dev.sessionauth.passkey.RelyingParty}, from {@code passkey.rpId}, {@code passkey.rpName},
 * {@code passkey.origins}, {@code baseURL} and {@code trustedOrigins}), the options JSON that Better Auth's client hands
 * to the browser ({@link dev.sessionauth.passkey.PasskeyOptions}), and the verification of what the browser posts back
 * ({@link dev.sessionauth.passkey.RegistrationVerifier}, {@link dev.sessionauth.passkey.AuthenticationVerifier}), with
 * failures named by Better Auth's {@code PASSKEY_ERROR_CODES} ({@link dev.sessionauth.passkey.PasskeyErrorCode}).
 * The {@code /passkey/*} endpoints, the challenge's storage and the passkey table are the integration's, not this
 * package's: it deals in values and JSON, never in requests, cookies or rows.
 *
 * <p>Layer: a way in, above {@code config} (it throws {@code ConfigException}) and below the engine and {@code web}.
 * Imports Jackson 2 (the JSON it produces and reads) and, in the verifiers only, webauthn4j; never the servlet API,
 * {@code store}, {@code web}, {@code tags} or the engine.
 *
 * <p>webauthn4j is an optional dependency. Only {@code RegistrationVerifier}, {@code AuthenticationVerifier} and the
 * package-private {@code Webauthn4j} touch its classes, and they are created only by
 * {@link dev.sessionauth.passkey.PasskeySupport#verifiers(RelyingParty)} after it has found webauthn4j on the class
 * path; every other class here (and in the rest of the library) loads without it.
 */
package dev.sessionauth.passkey;
