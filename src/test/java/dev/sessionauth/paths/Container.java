package dev.sessionauth.paths;

import dev.sessionauth.testing.TestServer;
import org.apache.catalina.util.ServerInfo;
import org.eclipse.jetty.util.Jetty;

/**
 * The real servlet containers the path tests deploy the filter in, each with its connector's defaults except where
 * named: what a request path means is decided by these parsers, not by a model of them.
 */
enum Container {
    /** Embedded Jetty 12 (ee10) with its default URI compliance, which refuses ambiguous segments itself. */
    JETTY("Jetty " + Jetty.VERSION) {
        @Override
        TestServer.Builder configure(TestServer.Builder server) {
            return server.jettyDefaults();
        }
    },
    /**
     * Jetty as {@code TestServer} runs it: {@code UriCompliance.UNSAFE} and ambiguous URIs decoded, so encoded
     * slashes, dot segments and the like reach the filter instead of being refused by Jetty: the hardest case.
     */
    JETTY_UNSAFE("Jetty " + Jetty.VERSION + " (UriCompliance.UNSAFE)") {
        @Override
        TestServer.Builder configure(TestServer.Builder server) {
            return server;
        }
    },
    /** Embedded Tomcat 10.1 with its connector's defaults (no backslash as separator, encoded '/' refused). */
    TOMCAT("Tomcat " + ServerInfo.getServerNumber()) {
        @Override
        TestServer.Builder configure(TestServer.Builder server) {
            return server.tomcat();
        }
    };

    private final String label;

    Container(String label) {
        this.label = label;
    }

    /** Product and version, e.g. "Tomcat 10.1.62.0". */
    String label() {
        return label;
    }

    /**
     * Sets {@code server} up to run in this container: Jetty with its defaults, Jetty as {@code TestServer} runs it by
     * default, or Tomcat.
     */
    abstract TestServer.Builder configure(TestServer.Builder server);
}
