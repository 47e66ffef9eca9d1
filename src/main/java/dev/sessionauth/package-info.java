/**
 * What an app touches: the entry point {@code SessionAuth} (built by {@code SessionAuthBuilder}, or by the filter from
 * web.xml, and found in a servlet with {@code SessionAuth.of(request)}), the values it hands out ({@code User},
 * {@code Session}, {@code AuthContext}, {@code SessionValidation}, {@code SignInResult}, …), the errors
 * ({@code ErrorCode}, {@code AuthException}) and the events ({@code SessionListener}). Values have no mutators and one
 * bean getter per property (JSP EL reads them). No public type here hands out a bearer token or an engine type;
 * {@code PublicApiTest} keeps that true.
 *
 * <p>Layer: the API. The entry point is abstract; the engine ({@code engine.Engine}) implements it. A new way in
 * adds its Java API as a type of its own package, found with {@code SessionAuth.feature(Type.class)}, never as
 * methods here.
 */
package dev.sessionauth;
