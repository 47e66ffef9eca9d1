package dev.sessionauth.engine;

import dev.sessionauth.spi.AccountStore;
import java.util.Optional;
import javax.sql.DataSource;
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
              MetaStore meta, AutoCloseable closer, Optional<DataSource> dataSource,
              Optional<AccountStore> accounts) {
    /** The same stores counting attempts in {@code other}. */
    Stores withAttempts(AttemptStore other) {
        return new Stores(users, sessions, verifications, other, meta, closer, dataSource, accounts);
    }
}
