package dev.sessionauth.events;

import dev.sessionauth.SessionListener;

/** A listener the {@code listeners} setting cannot create: it has no public no-argument constructor. */
public class NoDefaultConstructorListener implements SessionListener {
    public NoDefaultConstructorListener(String required) {
    }
}
