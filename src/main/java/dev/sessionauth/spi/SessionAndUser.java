package dev.sessionauth.spi;

import dev.sessionauth.Session;
import dev.sessionauth.User;

/** A session together with its user, as one indexed read returns them. */
public record SessionAndUser(Session session, User user) {
}
