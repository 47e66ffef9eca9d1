package dev.sessionauth.twofactor;

import dev.sessionauth.config.ConfigException;
import dev.sessionauth.config.SettingNames;
import dev.sessionauth.config.SettingReader;
import dev.sessionauth.web.PathRules;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code twoFactor.*} settings, read and checked once at start-up.
 *
 * @param issuer            the name authenticator apps show for the account ({@code twoFactor.issuer}); empty: the
 *                          host of {@code baseURL}, else of the request
 * @param pendingMaxAge     how long a sign-in waits for its code ({@code twoFactor.pendingMaxAge}, 10 minutes)
 * @param page              the app's second-step page, where a form or a provider's callback goes on
 *                          ({@code twoFactor.page})
 * @param trustDeviceMaxAge how long "trust this device" lasts, from the code that granted it
 *                          ({@code twoFactor.trustDeviceMaxAge}, 30 days)
 * @param required          path patterns only users with two-factor on may open ({@code twoFactor.required})
 * @param enrolPage         where an HTML GET to such a path goes for a user without it ({@code twoFactor.enrolPage})
 */
record TwoFactorSettings(Optional<String> issuer, Duration pendingMaxAge, Optional<String> page,
                         Duration trustDeviceMaxAge, List<String> required, Optional<String> enrolPage) {
    static final String ENABLED = "twoFactor.enabled";
    static final String ISSUER = "twoFactor.issuer";
    static final String PENDING_MAX_AGE = "twoFactor.pendingMaxAge";
    static final String PAGE = "twoFactor.page";
    static final String TRUST_DEVICE_MAX_AGE = "twoFactor.trustDeviceMaxAge";
    static final String REQUIRED = "twoFactor.required";
    static final String ENROL_PAGE = "twoFactor.enrolPage";

    /** Every name above: start-up refuses any other {@code twoFactor.} name. */
    static final SettingNames NAMES = SettingNames.of(ENABLED, ISSUER, PENDING_MAX_AGE, PAGE, TRUST_DEVICE_MAX_AGE,
            REQUIRED, ENROL_PAGE);

    /** The longest issuer: authenticator apps show it on one line, and the QR code grows with it. */
    static final int MAX_ISSUER = 64;

    TwoFactorSettings {
        required = List.copyOf(required);
    }

    /** Whether two-factor sign-in is offered at all ({@code twoFactor.enabled}, on by default). */
    static boolean enabled(SettingReader settings) {
        return settings.bool(ENABLED, true);
    }

    static TwoFactorSettings read(SettingReader s) {
        Optional<String> issuer = s.optional(ISSUER, v -> checkIssuer(s, v));
        Duration pending = s.positiveDuration(PENDING_MAX_AGE, "10m");
        if (pending.compareTo(Duration.ofHours(1)) > 0) {
            throw s.bad(PENDING_MAX_AGE, s.value(PENDING_MAX_AGE, "", v -> v),
                    "is too long for a sign-in that waits for a code; use at most 1h (the default is 10m)");
        }
        Optional<String> page = s.optional(PAGE, v -> s.requirePath(PAGE, v));
        Duration trust = s.positiveDuration(TRUST_DEVICE_MAX_AGE, "30d");
        List<String> required = s.list(REQUIRED);
        Optional<String> enrolPage = s.optional(ENROL_PAGE, v -> s.requirePath(ENROL_PAGE, v));
        if (enrolPage.isPresent() && !required.isEmpty() && requires(required, enrolPage.get())) {
            throw s.bad(ENROL_PAGE, enrolPage.get(), "is itself under " + REQUIRED + ", so a user without two-factor"
                    + " could never reach it to turn it on; leave it out of those patterns");
        }
        return new TwoFactorSettings(issuer, pending, page, trust, required, enrolPage);
    }

    private static boolean requires(List<String> patterns, String path) {
        try {
            return PathRules.of(patterns, List.of()).isProtected(path);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(REQUIRED + ": " + e.getMessage());
        }
    }

    private static String checkIssuer(SettingReader s, String v) {
        String issuer = v.trim();
        if (issuer.length() > MAX_ISSUER || issuer.indexOf(':') >= 0 || issuer.chars().anyMatch(Character::isISOControl)) {
            throw s.bad(ISSUER, v, "must be a name of at most " + MAX_ISSUER + " characters without ':' (apps read"
                    + " the colon as the end of the issuer), e.g. My App");
        }
        return issuer;
    }
}
