package dev.sessionauth.browser;

import dev.sessionauth.testing.TestServer;

/** The server the browser tests' pages run against. */
final class BrowserPages {
    private BrowserPages() {
    }

    /**
     * The filter on {@code /*} and the container's default servlet serving the test pages
     * ({@code src/test/resources/browser}) together with the library's own {@code META-INF/resources}, so pages load
     * the real {@code /sessionauth/client.js} as a Servlet container serves it from the jar; every request is counted
     * by method and path.
     */
    static TestServer.Builder pages(TestServer.Builder b) {
        return b.staticFiles("browser", "META-INF/resources").countRequests();
    }
}
