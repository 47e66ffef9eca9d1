/**
 * Configuration: the immutable, validated {@code AuthConfig} and the sources it is read from (builder, init-params,
 * context-params, system properties, environment), plus the origin rules derived from it.
 *
 * Features declare their setting names ({@code SettingNames}) and read them through {@code SettingReader}.
 *
 * <p>Layer: below the engine. Imports only the value types of the root package; never the
 * servlet API, {@code store}, {@code web} or {@code tags}. Every bad value becomes a {@code ConfigException} that
 * names the setting and the fix.
 */
package dev.sessionauth.config;
