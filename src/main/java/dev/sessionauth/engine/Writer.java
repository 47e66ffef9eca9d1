package dev.sessionauth.engine;

/**
 * Who writes additional-field values: the app's own code may set every declared field; a client (through the
 * HTTP API) only those declared {@code input}.
 */
public enum Writer {
    /** The app's own Java code. */
    APP,
    /** A browser or other client, through the HTTP API. */
    CLIENT
}
