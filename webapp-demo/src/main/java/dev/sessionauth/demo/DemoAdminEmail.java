package dev.sessionauth.demo;

import dev.sessionauth.Session;
import dev.sessionauth.SessionAuth;
import dev.sessionauth.SessionListener;
import dev.sessionauth.User;
import dev.sessionauth.admin.Admin;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Development only: whoever signs up (or signs in) with the address in the environment variable
 * {@code DEMO_ADMIN_EMAIL} (or the system property {@code demo.adminEmail}) is made an admin through the admin tools'
 * Java API, so the demo's admin pages can be tried at once. A real app names its first admin in {@code admin.userIds}
 * or calls {@code Admin.of(auth).setRole(userId, "admin")} from an operator's tool.
 */
final class DemoAdminEmail implements SessionListener {
    private static final System.Logger LOG = System.getLogger(DemoAdminEmail.class.getName());

    private final Supplier<SessionAuth> auth;

    private DemoAdminEmail(Supplier<SessionAuth> auth) {
        this.auth = auth;
    }

    /** The listener, when development pages are on. */
    static Optional<DemoAdminEmail> of(boolean development, Supplier<SessionAuth> auth) {
        return development ? Optional.of(new DemoAdminEmail(auth)) : Optional.empty();
    }

    /** The address named now (read at each sign-in, so a test can name one after the demo started). */
    private static Optional<String> named() {
        return Optional.ofNullable(System.getProperty("demo.adminEmail", System.getenv("DEMO_ADMIN_EMAIL")))
                .map(e -> e.strip().toLowerCase(Locale.ROOT)).filter(e -> !e.isEmpty());
    }

    @Override
    public void created(Session session, User user) {
        Optional<String> email = named();
        if (email.isEmpty() || !user.getEmail().equals(email.get())) {
            return;
        }
        Admin admin = Admin.of(auth.get());
        if (!admin.isAdmin(user)) {
            admin.setRole(user.getId(), "admin");
            LOG.log(System.Logger.Level.INFO, "DEMO_ADMIN_EMAIL: " + email.get() + " is an admin now");
        }
    }
}
