package dev.sessionauth.web;

/**
 * Thrown when a request path cannot be reduced to one unambiguous canonical form, so the filter
 * must refuse the request rather than guess which resource the container will serve.
 */
public final class AmbiguousPathException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what made the path ambiguous, e.g. "encoded '/' in path segment"
     */
    public AmbiguousPathException(String message) {
        super(message);
    }
}
