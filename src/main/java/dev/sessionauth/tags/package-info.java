/**
 * The JSP tag library ({@code META-INF/sessionauth.tld}): {@code <auth:user>}, {@code <auth:ifSignedIn>},
 * {@code <auth:csrfInput>} and the rest. Values are HTML-escaped by default.
 *
 * <p>The conditional tags ({@code ifSignedIn}, {@code ifSignedOut}, {@code ifVerified}, {@code hasRole}) have
 * {@code scriptless} bodies: HTML, EL and other tags, but no scriptlets ({@code <% ... %>} inside them does not
 * compile). Use EL, which reads the same {@code AuthContext} the tags read:
 * <pre>{@code
 * <auth:ifSignedIn>
 *   Hello <auth:user property="name"/> (${auth.user.email}),
 *   <a href="${pageContext.request.contextPath}/account">your account</a>
 * </auth:ifSignedIn>
 * }</pre>
 * EL does not escape: print user-supplied values with {@code <auth:user/>} or {@code <c:out/>}.
 *
 * <p>Layer: beside {@code web}. Reads the request's {@code AuthContext}; never the database or {@code store}.
 */
package dev.sessionauth.tags;
