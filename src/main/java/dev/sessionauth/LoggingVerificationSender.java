package dev.sessionauth;

/**
 * The development default: writes verification links to the log instead of mailing them. Replace it before
 * production, where a log line holding a live one-time link is a secret in the wrong place.
 */
public final class LoggingVerificationSender implements VerificationSender {
    private static final System.Logger LOG = System.getLogger(LoggingVerificationSender.class.getName());

    @Override
    public void send(User user, String link) {
        LOG.log(System.Logger.Level.INFO, "E-mail verification link for user " + user.getId() + ": " + link
                + " (development default: configure emailVerification.sender to mail it)");
    }
}
