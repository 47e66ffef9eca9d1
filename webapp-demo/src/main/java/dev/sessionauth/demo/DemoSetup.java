package dev.sessionauth.demo;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/** Opens the demo's notes database when the app starts and closes it when it stops. */
public final class DemoSetup implements ServletContextListener {
    static final String NOTES = NotesStore.class.getName();
    private static final String URL_PROPERTY = "demo.notes.jdbcUrl";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        String url = System.getProperty(URL_PROPERTY, context.getInitParameter(URL_PROPERTY));
        context.setAttribute(NOTES, new NotesStore(url));
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (event.getServletContext().getAttribute(NOTES) instanceof NotesStore notes) {
            notes.close();
        }
    }
}
