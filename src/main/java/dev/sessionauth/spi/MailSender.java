package dev.sessionauth.spi;

/**
 * Delivers every message SessionAuth sends (e-mail verification, password reset, e-mail change, account deletion):
 * plug in your mail service by class name (setting {@code mail.sender}, a public no-argument constructor) or in code
 * ({@code SessionAuth.builder().mailSender(...)}). Called on a background thread; an exception is logged and does
 * not change the API's answer. Without one, messages are written to the log in development and withheld (with a
 * warning that names this setting) when {@code baseURL} is https.
 */
@FunctionalInterface
public interface MailSender {
    /** Sends {@code mail} to {@link Mail#to()}. */
    void send(Mail mail) throws Exception;
}
