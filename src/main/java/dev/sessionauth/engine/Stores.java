package dev.sessionauth.engine;

import dev.sessionauth.store.AttemptStore;
import dev.sessionauth.store.MetaStore;
import dev.sessionauth.store.SessionStore;
import dev.sessionauth.store.UserStore;
import dev.sessionauth.store.VerificationStore;

/**
 * The stores one engine works on, and how to let go of what backs them (a pool the engine opened, or nothing when
 * the caller owns it).
 */
record Stores(UserStore users, SessionStore sessions, VerificationStore verifications, AttemptStore attempts,
                     MetaStore meta, AutoCloseable closer) {
}
