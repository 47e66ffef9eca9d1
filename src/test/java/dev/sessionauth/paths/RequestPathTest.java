package dev.sessionauth.paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.web.AmbiguousPathException;
import dev.sessionauth.web.RequestPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The agreement check on its own, with the servlet path and path info Jetty and Tomcat were seen to give (see
 * {@link ReportedShapesTest} and {@link OrdinaryPathsTest} for the same requests on the real containers).
 * {@code null} path info is written as {@code -}.
 */
class RequestPathTest {

    private static String pathInfo(String written) {
        return written.equals("-") ? null : written;
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
        assertThat(RequestPath.agreed(uri, context, servletPath, pathInfo(pathInfo))).isEqualTo(agreed);
    }

    @ParameterizedTest(name = "{0} (context \"{1}\", servlet path \"{2}\", path info {3})")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            /api/data              | ""   | /api/protected  | /data
            /api/protected         | ""   | /api/protected  | /data
            /api/protected/data    | ""   | /api/protected  | -
            /dashboard             | ""   | /Dashboard      | -
            /dashboard             | ""   | /dashboard      | /..
            /x/y                   | ""   | /x              | /./y
            /                      | ""   | /dashboard      | -
            /dashboard             | ""   | ""              | /
            /appx/dashboard        | /app | /dashboard      | -
            /other/dashboard       | /app | /dashboard      | -
            """)
    void viewsThatNameDifferentPathsAreRefused(String uri, String context, String servletPath, String pathInfo) {
        assertThatThrownBy(() -> RequestPath.agreed(uri, context, servletPath, pathInfo(pathInfo)))
                .isInstanceOf(AmbiguousPathException.class);
    }
}
