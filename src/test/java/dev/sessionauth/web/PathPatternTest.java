package dev.sessionauth.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathPatternTest {

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /dashboard              | /dashboard          | true
            /dashboard              | /dashboard/x        | false
            /dashboard              | /dash               | false
            /dashboard              | /dashboardx         | false
            /dashboard              | /                   | false
            /dashboard              | /Dashboard          | false
            /a/b                    | /a/b                | true
            /a/b                    | /a                  | false
            /a/b                    | /a/bc               | false
            /dashboard/             | /dashboard          | true
            """)
    void literalSegmentsMatchExactly(String pattern, String path, boolean expected) {
        assertMatch(pattern, path, expected);
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /                       | /                   | true
            /                       | /a                  | false
            /**                     | /                   | true
            /**                     | /a/b/c              | true
            /:path*                 | /                   | true
            /:path*                 | /a/b/c              | true
            /*                      | /                   | false
            /*                      | /a                  | true
            /:path+                 | /                   | false
            /:path+                 | /a                  | true
            /:id?                   | /                   | true
            /:id?                   | /a                  | true
            /:id?                   | /a/b                | false
            """)
    void rootPatternsMatchAsDocumented(String pattern, String path, boolean expected) {
        assertMatch(pattern, path, expected);
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /x/*                    | /x/a                | true
            /x/*                    | /x                  | false
            /x/*                    | /x/a/b              | false
            /x/*/edit               | /x/a/edit           | true
            /x/*/edit               | /x/edit             | false
            /x/*/*                  | /x/a/b              | true
            """)
    void singleStarMatchesExactlyOneSegment(String pattern, String path, boolean expected) {
        assertMatch(pattern, path, expected);
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /admin/**               | /admin              | true
            /admin/**               | /admin/a            | true
            /admin/**               | /admin/a/b          | true
            /admin/**               | /administrator      | false
            /admin/**               | /                   | false
            /admin/**               | /other/admin        | false
            """)
    void doubleStarMatchesZeroOrMoreSegments(String pattern, String path, boolean expected) {
        assertMatch(pattern, path, expected);
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /users/:id              | /users/42           | true
            /users/:id              | /users              | false
            /users/:id              | /users/42/edit      | false
            /users/:id/edit         | /users/42/edit      | true
            /users/:id/edit         | /users/42           | false
            /users/:_id2            | /users/42           | true
            """)
    void namedParamMatchesExactlyOneSegment(String pattern, String path, boolean expected) {
        assertMatch(pattern, path, expected);
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /users/:id?             | /users              | true
            /users/:id?             | /users/42           | true
            /users/:id?             | /users/42/edit      | false
            /users/:id?             | /usersx             | false
            """)
    void optionalParamMatchesZeroOrOneSegment(String pattern, String path, boolean expected) {
        assertMatch(pattern, path, expected);
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /api/protected/:path*   | /api/protected     | true
            /api/protected/:path*   | /api/protected/a   | true
            /api/protected/:path*   | /api/protected/a/b | true
            /api/protected/:path*   | /api/protectedx    | false
            /api/protected/:path*   | /api               | false
            """)
    void starParamMatchesZeroOrMoreSegments(String pattern, String path, boolean expected) {
        assertMatch(pattern, path, expected);
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /docs/:path+            | /docs               | false
            /docs/:path+            | /docs/a             | true
            /docs/:path+            | /docs/a/b/c         | true
            """)
    void plusParamMatchesOneOrMoreSegments(String pattern, String path, boolean expected) {
        assertMatch(pattern, path, expected);
    }

    @Test
    void ignoreCaseAppliesToLiteralSegments() {
        PathPattern pattern = PathPattern.parse("/admin/:id/Edit");
        assertThat(pattern.matches("/ADMIN/42/edit", true)).isTrue();
        assertThat(pattern.matches("/ADMIN/42/edit", false)).isFalse();
        assertThat(pattern.matches("/admin/42/Edit", false)).isTrue();
        assertThat(PathPattern.parse("/café").matches("/CAFÉ", true)).isTrue();
    }

    @Test
    void ignoreCaseIsLocaleIndependent() {
        // Under a Turkish locale "I".toLowerCase() is a dotless i; matching must not depend on it.
        Locale previous = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertThat(PathPattern.parse("/admin/list").matches("/ADMIN/LIST", true)).isTrue();
            assertThat(PathPattern.parse("/ADMIN/LIST").matches("/admin/list", true)).isTrue();
        } finally {
            Locale.setDefault(previous);
        }
    }

    @Test
    void decodedCharactersInLiteralsMatch() {
        assertThat(PathPattern.parse("/a b/?x:y").matches("/a b/?x:y", false)).isTrue();
    }

    @Test
    void unnormalizedPathIsRejected() {
        PathPattern pattern = PathPattern.parse("/**");
        assertThatThrownBy(() -> pattern.matches("admin", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> pattern.matches("", true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringReturnsTheSource() {
        assertThat(PathPattern.parse("/api/:path*")).hasToString("/api/:path*");
        assertThat(PathPattern.parse("/admin/")).hasToString("/admin/");
    }

    @Test
    void patternsWithTheSameSourceAreEqual() {
        assertThat(PathPattern.parse("/a/*")).isEqualTo(PathPattern.parse("/a/*"))
                .hasSameHashCodeAs(PathPattern.parse("/a/*"))
                .isNotEqualTo(PathPattern.parse("/a/**"));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""                  | must start with '/'
            admin               | must start with '/'
            *                   | must start with '/'
            /a//b               | empty segment
            //                  | empty segment
            //a                 | empty segment
            /a/**/b             | '**' is only allowed as the last segment
            /a/:rest*/b         | ':rest*' is only allowed as the last segment
            /a/:rest+/b         | ':rest+' is only allowed as the last segment
            /a/:id?/b           | ':id?' is only allowed as the last segment
            /a/b**              | '*' and '**' are only allowed as a whole segment
            /a/**b              | '*' and '**' are only allowed as a whole segment
            /admin*             | '*' and '**' are only allowed as a whole segment
            /a/***              | '*' and '**' are only allowed as a whole segment
            /:                  | parameter ':' must be ':' plus a name
            /:1id               | parameter ':1id' must be ':' plus a name
            /:id-x              | parameter ':id-x' must be ':' plus a name
            /:*                 | parameter ':*' must be ':' plus a name
            /:id**              | parameter ':id**' must be ':' plus a name
            /:id?+              | parameter ':id?+' must be ':' plus a name
            /:café              | parameter ':café' must be ':' plus a name
            /a/..               | '..' segment can never match a normalized path
            /a/./b              | '.' segment can never match a normalized path
            /caf%C3%A9          | contains a character that never appears in a normalized path
            /admin;x            | contains a character that never appears in a normalized path
            /a\\b               | contains a character that never appears in a normalized path
            """)
    void malformedPatternsAreRefusedWithTheirProblem(String pattern, String problem) {
        assertThatThrownBy(() -> PathPattern.parse(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid path pattern '" + pattern + "': ")
                .hasMessageContaining(problem);
    }

    private static void assertMatch(String pattern, String path, boolean expected) {
        assertThat(PathPattern.parse(pattern).matches(path, false)).isEqualTo(expected);
    }
}
