package dev.sessionauth.paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.web.AmbiguousPathException;
import dev.sessionauth.web.RequestPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The agreement check on its own, with the servlet path and path info Jetty and Tomcat were seen to give (see
 * {@link ReportedShapesTest}, {@link OrdinaryPathsTest} and {@link WelcomeFilesTest} for the same requests on the
 * real containers). {@code null} path info is written as {@code -}.
 */
class RequestPathTest {

    private static String pathInfo(String written) {
        return written.equals("-") ? null : written;
    }

    /** What the filter does: the path the request names, then the path the container reaches. */
    private static String reached(String uri, String context, String servletPath, String pathInfo) {
        return RequestPath.reached(RequestPath.named(uri, context), uri, servletPath, pathInfo(pathInfo));
    }

    @ParameterizedTest(name = "{0} (context \"{1}\", servlet path \"{2}\", path info {3}) -> {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            /                      | ""   | ""              | /        | /
            /dashboard             | ""   | /dashboard      | -        | /dashboard
            /dashboard/            | ""   | /dashboard/     | -        | /dashboard
            /dashboard;jsessionid=1| ""   | /dashboard      | -        | /dashboard
            /account               | ""   | /account        | -        | /account
            /account/              | ""   | /account        | /        | /account
            /account/x//y/         | ""   | /account        | /x//y/   | /account/x/y
            //dashboard            | ""   | /dashboard      | -        | /dashboard
            /a/b.jsp;x             | ""   | /a/b.jsp        | -        | /a/b.jsp
            /api/protected/%2e     | ""   | /api/protected  | -        | /api/protected
            /api/protected/%2e     | ""   | /api/protected  | /        | /api/protected
            /api/protected/caf%C3%A9 | "" | /api/protected  | /café    | /api/protected/café
            /api/public/../protected/d | "" | /api/protected | /d      | /api/protected/d
            /app                   | /app | ""              | /        | /
            /app/                  | /app | ""              | /        | /
            /app/dashboard         | /app | /dashboard      | -        | /dashboard
            /%61pp/dashboard       | /app | /dashboard      | -        | /dashboard
            /app;x/dashboard       | /app | /dashboard      | -        | /dashboard
            """)
    void viewsThatNameTheSamePathAgreeOnItsCanonicalForm(String uri, String context, String servletPath,
            String pathInfo, String agreed) {
        String named = RequestPath.named(uri, context);
        assertThat(named).isEqualTo(agreed);
        assertThat(RequestPath.reached(named, uri, servletPath, pathInfo(pathInfo))).isSameAs(named);
    }

    @ParameterizedTest(name = "{0} (context \"{1}\", servlet path \"{2}\", path info {3})")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            /api/data              | ""   | /api/protected  | /data
            /api/protected         | ""   | /api/protected  | /data
            /api/protected/data    | ""   | /api/protected  | -
            /dashboard             | ""   | /Dashboard      | -
            /dashboard             | ""   | /dashboard      | /..
            /x/y                   | ""   | /x              | /./y
            /dashboard             | ""   | ""              | /
            /appx/dashboard        | /app | /dashboard      | -
            /other/dashboard       | /app | /dashboard      | -
            """)
    void viewsThatNameDifferentPathsAreRefused(String uri, String context, String servletPath, String pathInfo) {
        assertThatThrownBy(() -> reached(uri, context, servletPath, pathInfo))
                .isInstanceOf(AmbiguousPathException.class);
    }

    /** Tomcat maps a directory request to its welcome file while it maps it (servlet path /index.jsp for /). */
    @ParameterizedTest(name = "{0} (context \"{1}\", servlet path \"{2}\", path info {3}) -> {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            /                      | ""   | /index.jsp         | -     | /index.jsp
            /                      | ""   | /index.html        | -     | /index.html
            /myapp/                | /myapp | /index.jsp       | -     | /index.jsp
            /docs/                 | ""   | /docs/index.html   | -     | /docs/index.html
            /docs/;jsessionid=1    | ""   | /docs/index.html   | -     | /docs/index.html
            /docs;x/               | ""   | /docs/index.html   | -     | /docs/index.html
            /a/b//                 | ""   | /a/b/index.jsp     | -     | /a/b/index.jsp
            /;x/                   | ""   | /index.jsp         | -     | /index.jsp
            /%2e/                  | ""   | /index.jsp         | -     | /index.jsp
            /docs/                 | ""   | /docs              | /index.html | /docs/index.html
            /caf%C3%A9/            | ""   | /café/index.html   | -     | /café/index.html
            /docs/%2e%2e/          | ""   | /index.jsp         | -     | /index.jsp
            """)
    void aDirectoryAgreesWithOneWelcomeFileBelowItAndBothAreJudged(String uri, String context, String servletPath,
            String pathInfo, String welcome) {
        String named = RequestPath.named(uri, context);
        assertThat(RequestPath.reached(named, uri, servletPath, pathInfo(pathInfo))).isEqualTo(welcome);
    }

    @ParameterizedTest(name = "{0} (context \"{1}\", servlet path \"{2}\", path info {3})")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            /docs                  | ""   | /docs/index.html   | -
            /docs/x                | ""   | /docs/x/index.html | -
            /docs/                 | ""   | /docs/a/index.html | -
            /docs/                 | ""   | /index.html        | -
            /docs/                 | ""   | /other/index.html  | -
            /docs/                 | ""   | /docsx/index.html  | -
            /docs/                 | ""   | /docs/..           | -
            /docs/                 | ""   | /docs/.            | -
            /docs/                 | ""   | /docs/../index.jsp | -
            /myapp                 | /myapp | /index.jsp       | -
            """)
    void anythingElseThanOneWelcomeFileBelowTheNamedDirectoryIsRefused(String uri, String context,
            String servletPath, String pathInfo) {
        assertThatThrownBy(() -> reached(uri, context, servletPath, pathInfo))
                .isInstanceOf(AmbiguousPathException.class);
    }
}
