/**
 * The admin tools (issue 26), on Better Auth's admin plugin wire: finding users, ending their sessions, banning,
 * setting roles and passwords, removing users and impersonating them, each audited through
 * {@code SessionListener.adminAction}. A {@code Feature} like every way in: its settings ({@code admin.*}), its user
 * fields ({@code role}, {@code banned}, {@code banReason}, {@code banExpires}) and session field
 * ({@code impersonatedBy}), its ban gate, its endpoints under {@code /admin/}, and its Java API ({@link Admin}).
 *
 * <p>Layer: a way in. Imports the engine's extension point ({@code engine}), the web layer's {@code ApiRoutes} and
 * {@code ApiExchange}, the stores' public row mapping ({@code store.jdbc.UserRows}) and the value types; nothing
 * imports it but the service registration.
 */
package dev.sessionauth.admin;
