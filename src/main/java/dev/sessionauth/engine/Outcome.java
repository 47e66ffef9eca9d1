package dev.sessionauth.engine;

/**
 * What an engine call did, and what the browser that asked must be told about it (a new jwt cache, a cleared
 * cookie): the web layer answers with the value and applies the update, once.
 */
public record Outcome<T>(T value, BrowserUpdate browser) {
    /** A value that changes nothing in the browser. */
    public static <T> Outcome<T> of(T value) {
        return new Outcome<>(value, BrowserUpdate.KEEP);
    }
}
