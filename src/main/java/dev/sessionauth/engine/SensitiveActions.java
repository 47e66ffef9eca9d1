package dev.sessionauth.engine;

import dev.sessionauth.Session;
import java.util.List;

/**
 * The started features asked before a {@link SensitiveAction} on a session: any one of them may refuse it.
 * Installed once the features have started (the account lifecycle is wired before them), as the gates are.
 */
final class SensitiveActions {
    private volatile List<FeaturePart> parts = List.of();

    void install(List<FeaturePart> started) {
        parts = List.copyOf(started);
    }

    /**
     * Lets {@code action} on {@code session} go ahead, or throws the refusal of the first feature that has one.
     *
     * @throws dev.sessionauth.AuthException a feature refuses it
     */
    void check(Session session, SensitiveAction action) {
        for (FeaturePart part : parts) {
            part.checkSensitive(session, action);
        }
    }
}
