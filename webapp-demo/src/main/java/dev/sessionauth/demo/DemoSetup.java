package dev.sessionauth.demo;

import dev.sessionauth.SessionAuth;
import dev.sessionauth.SessionAuthBuilder;
import dev.sessionauth.web.SessionAuthFilter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.time.Clock;

/**
 * Starts the demo's parts when the app starts and closes them when it stops: the notes database, the dev mailbox
 * and SessionAuth itself. web.xml declares the {@code sessionauth} filter with its settings but without a class;
 * this listener completes it with an engine built in code, because the dev mailbox and the notes clean-up are
 * objects the app must keep a hold of (the page shows the mailbox; the clean-up needs the notes database), which a
 * class named in a setting could not reach. It also says, on the console, where to open the demo.
 */
public final class DemoSetup implements ServletContextListener {
    static final String NOTES = NotesStore.class.getName();
    static final String MAILBOX = DevMailbox.class.getName();
    private static final String FILTER = "sessionauth";
    private static final String URL_PROPERTY = "demo.notes.jdbcUrl";
    /** The port the demo's server listens on, which the pom hands over (jetty:run's systemProperties). */
    static final String PORT_PROPERTY = "demo.port";

    private SessionAuth auth;
    private DevProvider devProvider;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        String url = System.getProperty(URL_PROPERTY, context.getInitParameter(URL_PROPERTY));
        NotesStore notes = new NotesStore(url);
        context.setAttribute(NOTES, notes);
        DevMailbox mailbox = new DevMailbox(Clock.systemUTC());
        context.setAttribute(MAILBOX, mailbox);

        FilterRegistration declared = context.getFilterRegistration(FILTER);
        if (declared == null) {
            throw new IllegalStateException("web.xml must declare the filter " + FILTER + " (its settings live there)");
        }
        // The same sources the filter would read: its init-params, then sessionauth.* system properties and
        // SESSIONAUTH_* environment variables (the builder adds those two).
        SessionAuthBuilder builder = SessionAuth.builder();
        declared.getInitParameters().forEach(builder::set);
        // Social sign-in with no account anywhere: see DevProvider (SESSIONAUTH_DEMO_OIDC=dev).
        builder.environment(DevProvider.environmentForSessionAuth());
        if (DevProvider.requested()) {
            devProvider = DevProvider.start();
            devProvider.settings().forEach(builder::set);
            context.log("SessionAuth demo: development OpenID provider at " + devProvider.issuer());
        }
        builder.mailSender(mailbox).listener(new NotesCleanup(notes));
        // Admin tools (issue 26): in development, DEMO_ADMIN_EMAIL's sign-up becomes an admin.
        DemoAdminEmail.of("true".equals(context.getInitParameter("demo.devPages")), () -> auth)
                .ifPresent(builder::listener);
        auth = builder.build();
        context.addFilter(FILTER, new SessionAuthFilter(auth));
        announce(context);
    }

    /**
     * One line on standard output that says which URL to open: {@code mvn -q jetty:run} hides every line Jetty logs
     * (they go through Maven's logger), so without it the quiet run says nothing at all. Nothing when no port was
     * handed over (the war deployed in some other container, which says where it listens itself).
     */
    private static void announce(ServletContext context) {
        String port = System.getProperty(PORT_PROPERTY);
        if (port != null && !port.isBlank()) {
            System.out.println("SessionAuth demo: open http://localhost:" + port.strip() + context.getContextPath() + "/");
            System.out.flush();
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        // Filters are destroyed before this runs; the filter does not own an engine it was given.
        if (auth != null) {
            auth.close();
        }
        if (devProvider != null) {
            devProvider.close();
        }
        if (event.getServletContext().getAttribute(NOTES) instanceof NotesStore notes) {
            notes.close();
        }
    }
}
