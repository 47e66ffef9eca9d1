package dev.sessionauth.engine;

import dev.sessionauth.SessionListener;
import dev.sessionauth.VerificationSender;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Creates the listener and sender classes a setting names, from the app's class loader. */
final class ConfiguredClasses {
    private ConfiguredClasses() {
    }

    /** The listeners given in code, then one of each class the {@code listeners} setting names. */
    public static List<SessionListener> listeners(AuthConfig config, List<SessionListener> given) {
        List<SessionListener> all = new ArrayList<>(given);
        config.listeners().forEach(name -> all.add(instantiate("listeners", name, SessionListener.class)));
        return all;
    }

    /** The sender the {@code emailVerification.sender} setting names, else the fallback. */
    public static VerificationSender verificationSender(AuthConfig config, Supplier<VerificationSender> fallback) {
        return config.verificationSender()
                .map(name -> instantiate("emailVerification.sender", name, VerificationSender.class))
                .orElseGet(fallback);
    }

    /**
     * A new instance of {@code className}, which must implement {@code type} and have a public no-argument
     * constructor.
     *
     * @throws ConfigException naming {@code setting} when it cannot be created
     */
    public static <T> T instantiate(String setting, String className, Class<T> type) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : ConfiguredClasses.class.getClassLoader();
        try {
            Class<?> c = Class.forName(className, true, loader);
            if (!type.isAssignableFrom(c)) {
                throw new ConfigException(setting + ": " + className + " does not implement " + type.getName());
            }
            return type.cast(c.getConstructor().newInstance());
        } catch (ClassNotFoundException e) {
            throw new ConfigException(setting + ": no class " + className + " on the app's classpath");
        } catch (ReflectiveOperationException e) {
            throw new ConfigException(setting + ": cannot create " + className
                    + " (it needs a public no-argument constructor): " + e);
        }
    }
}
