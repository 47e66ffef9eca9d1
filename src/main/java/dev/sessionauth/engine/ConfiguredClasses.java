package dev.sessionauth.engine;

import dev.sessionauth.spi.Mail;
import dev.sessionauth.spi.MailSender;
import dev.sessionauth.SessionListener;
import dev.sessionauth.spi.VerificationSender;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    /**
     * Who delivers mail: the {@link MailSender} given in code or named by {@code mail.sender}; else a
     * {@link VerificationSender} (given in code or named by {@code emailVerification.sender}) for verification links,
     * with the logging sender for the other kinds; else the logging sender for all.
     *
     * @throws ConfigException when both a mail sender and a verification sender are set
     */
    public static MailSender mailSender(AuthConfig config, Optional<MailSender> givenMail,
                                        Optional<VerificationSender> givenVerification) {
        Optional<MailSender> mail = givenMail.or(() -> config.accounts().mailSender()
                .map(name -> instantiate("mail.sender", name, MailSender.class)));
        boolean verificationSet = givenVerification.isPresent() || config.verificationSender().isPresent();
        if (mail.isPresent() && verificationSet) {
            throw new ConfigException("mail.sender and emailVerification.sender are both set: the mail sender delivers"
                    + " every message, verification links included; remove emailVerification.sender (or the"
                    + " builder's verificationSender(...))");
        }
        if (mail.isPresent()) {
            return mail.get();
        }
        MailSender logging = new LoggingMailSender(config);
        if (!verificationSet) {
            return logging;
        }
        VerificationSender verification = givenVerification.orElseGet(() -> instantiate("emailVerification.sender",
                config.verificationSender().orElseThrow(), VerificationSender.class));
        return m -> {
            if (m.kind() == Mail.Kind.VERIFY_EMAIL) {
                verification.send(m.user(), m.link());
            } else {
                logging.send(m);
            }
        };
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
