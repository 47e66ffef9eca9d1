package dev.sessionauth.passkey;

import java.util.List;
import java.util.Optional;

/**
 * The passkey way in for the app's own code, found with {@code SessionAuth.feature(Passkeys.class)} when
 * {@code passkey.enabled=true}: a user's passkeys to show, rename or delete, with the rules of the HTTP API (a name is
 * 1 to 255 characters; the last way in is never deleted). Registering and signing in need the browser's WebAuthn API,
 * so they happen over HTTP ({@code /passkey/*}, Better Auth's client or the demo's script).
 */
public interface Passkeys {
    /** The relying party passkeys are bound to: its RP ID, name and the origins allowed to use them. */
    RelyingParty relyingParty();

    /** The user's passkeys, oldest first. */
    List<Passkey> list(String userId);

    /**
     * Gives the user's passkey {@code passkeyId} a new label (trimmed); the passkey afterwards, empty when the user has
     * no passkey with that id.
     *
     * @throws dev.sessionauth.AuthException {@code INVALID_REQUEST_BODY} for an empty, over-long or control-character
     *                                       name
     */
    Optional<Passkey> rename(String userId, String passkeyId, String name);

    /**
     * Deletes the user's passkey {@code passkeyId}; false when the user has no passkey with that id.
     *
     * @throws PasskeyException {@code CANNOT_DELETE_LAST_WAY_IN} when the user could then no longer sign in
     */
    boolean delete(String userId, String passkeyId);
}
