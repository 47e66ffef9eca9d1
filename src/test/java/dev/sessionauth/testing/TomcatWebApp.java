package dev.sessionauth.testing;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.webresources.TomcatURLStreamHandlerFactory;
import org.apache.jasper.servlet.JasperInitializer;

/**
 * A real webapp folder (its WEB-INF/web.xml, its JSPs) deployed by embedded Tomcat 10.1 as {@code addWebapp} does
 * for a war, on 127.0.0.1 and a free port: the Tomcat twin of {@link TestServer}'s {@code webapp(folder)}.
 *
 * <p>Tomcat runs in a class loader of its own, as in a real container: on the test class path Jetty's JSP engine
 * (a repackaged Jasper) carries older copies of Tomcat classes ({@code WebXmlParser} among them) that would shadow
 * tomcat-embed-core's. This loader puts tomcat-embed-core first and leaves Jetty out; the JSP engine is that same
 * Jasper, started by hand (it ships no service file for Tomcat to discover its initializer by).
 */
public final class TomcatWebApp {
    private TomcatWebApp() {
    }

    /** Deploys {@code folder} (relative to the project) at {@code contextPath} and starts Tomcat. */
    public static DeployedApp start(String folder, String contextPath) throws Exception {
        // DriverManager registers the drivers it finds through the first caller's context loader, once per JVM: let
        // that be the tests' loader, not Tomcat's (SessionAuth names its driver class, so the app finds its own).
        java.sql.DriverManager.getDrivers();
        URLClassLoader loader = new URLClassLoader("tomcat-webapp", tomcatFirstClassPath(),
                ClassLoader.getPlatformClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            @SuppressWarnings("unchecked")
            Map.Entry<Integer, AutoCloseable> started = (Map.Entry<Integer, AutoCloseable>) loader
                    .loadClass(TomcatWebApp.class.getName()).getMethod("launch", String.class, String.class)
                    .invoke(null, Path.of(folder).toAbsolutePath().toString(), contextPath);
            String origin = "http://127.0.0.1:" + started.getKey();
            return new DeployedApp(origin + contextPath, origin, () -> {
                try {
                    started.getValue().close();
                } finally {
                    loader.close();
                }
            });
        } catch (java.lang.reflect.InvocationTargetException e) {
            loader.close();
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static URL[] tomcatFirstClassPath() throws Exception {
        List<URL> first = new ArrayList<>();
        List<URL> rest = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String path = entry.replace('\\', '/');
            if (path.contains("/org/eclipse/jetty/")) {
                continue;
            }
            (path.contains("/org/apache/tomcat/") ? first : rest).add(Path.of(entry).toUri().toURL());
        }
        first.addAll(rest);
        return first.toArray(URL[]::new);
    }

    /** Runs inside the Tomcat class loader: starts Tomcat with the web app; the port and how to stop it. */
    public static Map.Entry<Integer, AutoCloseable> launch(String folder, String contextPath) throws Exception {
        // A JVM takes one URL stream handler factory; this Tomcat's copy (one per loader) must not claim it.
        TomcatURLStreamHandlerFactory.disable();
        Path baseDir = Files.createTempDirectory("sessionauth-tomcat-webapp");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        tomcat.getHost().setAppBase(baseDir.toString());
        Context context = tomcat.addWebapp(contextPath, folder);
        // The folder has no WEB-INF/lib: our classes, JSTL and H2 come from this loader, as from a container's lib.
        context.setParentClassLoader(TomcatWebApp.class.getClassLoader());
        context.addServletContainerInitializer(new JasperInitializer(), null);
        tomcat.start();
        AutoCloseable stop = () -> {
            tomcat.stop();
            tomcat.destroy();
        };
        return Map.entry(connector.getLocalPort(), stop);
    }
}
