package dev.sessionauth.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathNormalizerTest {

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""                                | /
            /                                 | /
            /a                                | /a
            /a/b                              | /a/b
            /a/b/                             | /a/b
            //a//b//                          | /a/b
            ///                               | /
            /a/./b/.                          | /a/b
            /a/b/../c                         | /a/c
            /a/..                             | /
            /a/b/../..                        | /
            /Admin/X                          | /Admin/X
            /a%20b                            | "/a b"
            """)
    void normalizesStructure(String raw, String expected) {
        assertThat(PathNormalizer.normalize(raw)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            /a/%2e/b                          | /a/b
            /a/%2E/b                          | /a/b
            /a/b/%2e%2e/c                     | /a/c
            /a/b/%2E%2E/c                     | /a/c
            /a/b/.%2e/c                       | /a/c
            /a/b/%2e./c                       | /a/c
            """)
    void encodedDotsCountAsDots(String raw, String expected) {
        assertThat(PathNormalizer.normalize(raw)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            /admin;jsessionid=1/secret        | /admin/secret
            /admin;jsessionid=ABC123          | /admin
            /admin/x/%2e%2e/y;jsessionid=1    | /admin/y
            /a/;x/b                           | /a/b
            /;x                               | /
            /a;b%2Fc                          | /a
            /a;b;c/d                          | /a/d
            """)
    void pathParametersAreStrippedBeforeDecoding(String raw, String expected) {
        assertThat(PathNormalizer.normalize(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/protected;x/../data", "/api/protected;x/%2e%2e/data", "/a;x/./b", "/a;x/b/c/..",
            "/a/;x/%2e%2e/b", "/a;x/.%2e", "/admin;jsessionid=1/x/%2e%2e/y", "/admin;x=y/..;/secret",
            "/public/..;/admin", "/a/.;/b", "/a/%2e%2e;x/b", "/..;/admin"})
    void dotSegmentCarryingOrFollowingAParameterIsRefused(String raw) {
        assertRefused(raw, "dot segment after a ';' path parameter");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/protected//..", "/a//../b", "/a/.//../b", "/a//%2e%2e", "/a/b///.."})
    void dotDotRightAfterAnEmptySegmentIsRefused(String raw) {
        assertRefused(raw, "'..' after an empty segment");
    }

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            /a//./b                           | /a/b
            /a/b/..//c                        | /a/c
            /a//b/../c                        | /a/c
            """)
    void otherDotSegmentsNearEmptyOnesStillResolve(String raw, String expected) {
        assertThat(PathNormalizer.normalize(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/a", "/api/protected/data", "/caf\u00e9/x.jsp", "/a.b/..c/c..", "/a b"})
    void anAlreadyCanonicalPathIsReturnedAsItIsWithoutCopying(String raw) {
        assertThat(PathNormalizer.normalize(raw)).isSameAs(raw);
    }

    @Test
    void validUtf8IsDecoded() {
        assertThat(PathNormalizer.normalize("/caf%C3%A9")).isEqualTo("/café");
        assertThat(PathNormalizer.normalize("/caf%c3%a9;x/%E2%82%AC")).isEqualTo("/café/€");
    }

    @Test
    void caseIsPreserved() {
        assertThat(PathNormalizer.normalize("/ADMIN/Secret/%2E")).isEqualTo("/ADMIN/Secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a%2Fb", "/a%2fb", "/a/..%2f/b", "/a/..%2F..%2Fetc", "/%2F"})
    void encodedSlashIsRefused(String raw) {
        assertRefused(raw, "encoded '/' in path segment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a%5Cb", "/a%5cb", "/..%5c..%5cetc"})
    void encodedBackslashIsRefused(String raw) {
        assertRefused(raw, "encoded '\\' in path segment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a\\b", "/a/..\\secret", "/\\", "/a;x\\y"})
    void rawBackslashIsRefused(String raw) {
        assertRefused(raw, "backslash in path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/..", "/../admin", "/%2e%2e", "/%2E%2E/admin", "/.%2e", "/a/../..",
            "/a/b/%2e%2e/%2e%2e/%2e%2e"})
    void dotDotEscapingTheRootIsRefused(String raw) {
        assertRefused(raw, "'..' would escape the root");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%252e%252e/admin", "/%252F", "/a%25b"})
    void doubleEncodingIsRefused(String raw) {
        assertRefused(raw, "encoded '%' in path segment (double encoding)");
    }

    @Test
    void encodedSemicolonIsRefused() {
        assertRefused("/admin%3Bx", "encoded ';' in path segment");
        assertRefused("/admin%3bx", "encoded ';' in path segment");
    }

    @Test
    void nulIsRefused() {
        assertRefused("/a%00b", "NUL character in path segment");
        assertRefused("/secret.jsp%00.png", "NUL character in path segment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a%0Ab", "/a%0db", "/a%09", "/a%7F", "/a%C2%85", "/a\tb", "/a\u0001"})
    void controlCharactersAreRefused(String raw) {
        assertRefused(raw, "control character in path segment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%", "/a%", "/%2", "/a%2/b", "/%zz", "/%g0", "/%0g", "/%%41", "/%\uFF11\uFF11"})
    void malformedEscapesAreRefused(String raw) {
        assertRefused(raw, "malformed percent-escape in path segment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%C3%28", "/%C3", "/caf%C3", "/%FF", "/%80", "/%C0%AE%C0%AE", "/%ED%A0%80",
            "/%E2%82"})
    void invalidUtf8IsRefused(String raw) {
        assertRefused(raw, "invalid UTF-8 in path segment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "admin", "%2Fadmin", ";x/a", "\\admin"})
    void pathNotStartingWithSlashIsRefused(String raw) {
        assertRefused(raw, "path does not start with '/'");
    }

    @Test
    void nullIsRejected() {
        assertThatThrownBy(() -> PathNormalizer.normalize(null)).isInstanceOf(NullPointerException.class);
    }

    private static void assertRefused(String raw, String message) {
        assertThatThrownBy(() -> PathNormalizer.normalize(raw))
                .isInstanceOf(AmbiguousPathException.class)
                .hasMessage(message);
    }
}
