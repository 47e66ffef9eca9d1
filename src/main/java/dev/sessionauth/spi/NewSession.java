package dev.sessionauth.spi;

import dev.sessionauth.Session;

/** A session about to be written, with the SHA-256 of its token (the only form of the token a store ever sees). */
public record NewSession(Session session, String tokenHash) {
}
