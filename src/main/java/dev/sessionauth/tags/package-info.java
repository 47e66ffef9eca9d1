/**
 * The JSP tag library ({@code META-INF/sessionauth.tld}): {@code <auth:user>}, {@code <auth:ifSignedIn>},
 * {@code <auth:csrfInput>} and the rest. Values are HTML-escaped by default.
 *
 * <p>Layer: beside {@code web}. Reads the request's {@code AuthContext}; never the database or {@code store}.
 */
package dev.sessionauth.tags;
