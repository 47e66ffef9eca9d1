package dev.sessionauth.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The demo's pages stay cheap to serve under load: Jasper out of development mode (which locks a page for every
 * request to check its source), and no bare EL name that may be absent (which makes EL try to load it as a class,
 * a class-path scan on every request).
 */
class DemoPagesTest {
    private static final Path PAGES = Path.of("src/main/webapp/WEB-INF/jsp");

    /** Names every page may read bare: EL's implicit objects and operators, and attributes that are always set. */
    private static final Set<String> ALWAYS_PRESENT = Set.of(
            // EL implicit objects and word operators
            "pageContext", "param", "paramValues", "header", "headerValues", "cookie", "initParam", "pageScope",
            "requestScope", "sessionScope", "applicationScope", "empty", "not", "and", "or", "true", "false",
            "null", "eq", "ne", "lt", "gt", "le", "ge", "div", "mod", "instanceof",
            // the filter's AuthContext; header.jspf's context path; each page's title
            "auth", "ctx", "pageTitle",
            // set by the page's servlet before every forward
            "sessions", "messages", "notes");

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");
    // An identifier that does not follow a '.' or a prefix ':' and is not a function call.
    private static final Pattern NAME = Pattern.compile("(?<![.\\w:])([A-Za-z_]\\w*)(?![\\w:]|\\s*\\()");
    private static final Pattern LOOP_VARIABLE = Pattern.compile("<c:forEach[^>]*\\bvar=\"(\\w+)\"");

    @Test
    void pagesAreServedOutOfJaspersDevelopmentMode() throws Exception {
        try (DemoServer demo = DemoServer.start()) {
            assertThat(demo.jspInitParameter("development")).isEqualTo("false");
        }
    }

    @Test
    void pagesReadAttributesThatMayBeAbsentWithTheirScope() throws IOException {
        List<String> bare = new ArrayList<>();
        try (Stream<Path> files = Files.list(PAGES)) {
            for (Path page : files.filter(p -> p.toString().matches(".*\\.jspf?$")).toList()) {
                String source = Files.readString(page);
                Set<String> loopVariables = new TreeSet<>();
                LOOP_VARIABLE.matcher(source).results().forEach(m -> loopVariables.add(m.group(1)));
                Matcher expression = EXPRESSION.matcher(source);
                while (expression.find()) {
                    Matcher name = NAME.matcher(QUOTED.matcher(expression.group(1)).replaceAll(""));
                    while (name.find()) {
                        String n = name.group(1);
                        if (!ALWAYS_PRESENT.contains(n) && !loopVariables.contains(n)) {
                            bare.add(page.getFileName() + ": ${" + expression.group(1) + "}");
                        }
                    }
                }
            }
        }
        assertThat(bare).as("bare names that may be absent; read them as pageScope.x or requestScope.x").isEmpty();
    }
}
