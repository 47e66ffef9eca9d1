package dev.sessionauth.engine;

import dev.sessionauth.spi.AttemptStore;
import dev.sessionauth.spi.MetaStore;
import dev.sessionauth.spi.SessionStore;
import dev.sessionauth.spi.UserStore;
import dev.sessionauth.spi.VerificationStore;

/**
 * The stores one engine works on, and how to let go of what backs them (a pool the engine opened, or nothing when
 * the caller owns it).
 */
record Stores(UserStore users, SessionStore sessions, VerificationStore verifications, AttemptStore attempts,
                     MetaStore meta, AutoCloseable closer) {
}
