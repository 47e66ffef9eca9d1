package dev.sessionauth.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.web.PathRules.Access;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathRulesTest {

    private final PathRules rules = PathRules.of(
            List.of("/admin/**", "/api/protected/:path*", "/users/:id/edit", "/dashboard"),
            List.of("/admin/open", "/admin/login/**", "/api/protected/health"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /admin                   | PROTECTED
            /admin/x                 | PROTECTED
            /admin/x/y               | PROTECTED
            /api/protected           | PROTECTED
            /api/protected/a/b       | PROTECTED
            /users/42/edit           | PROTECTED
            /dashboard               | PROTECTED
            /admin/open              | PUBLIC
            /admin/login             | PUBLIC
            /admin/login/reset       | PUBLIC
            /api/protected/health    | PUBLIC
            /                        | UNMATCHED
            /users/42                | UNMATCHED
            /administrator           | UNMATCHED
            /dashboard2              | UNMATCHED
            /admin/open/more         | PROTECTED
            """)
    void classifiesPaths(String path, Access expected) {
        assertThat(rules.classify(path)).isEqualTo(expected);
    }

    @Test
    void publicWinsOverProtected() {
        PathRules overlapping = PathRules.of(List.of("/**"), List.of("/login", "/static/**"));
        assertThat(overlapping.classify("/login")).isEqualTo(Access.PUBLIC);
        assertThat(overlapping.classify("/static/app.css")).isEqualTo(Access.PUBLIC);
        assertThat(overlapping.classify("/anything/else")).isEqualTo(Access.PROTECTED);
        assertThat(overlapping.classify("/")).isEqualTo(Access.PROTECTED);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /ADMIN                   | PROTECTED
            /ADMIN/x                 | PROTECTED
            /Admin/Secret            | PROTECTED
            /API/Protected/a         | PROTECTED
            /Users/42/EDIT           | PROTECTED
            /DASHBOARD               | PROTECTED
            """)
    void protectedPatternsIgnoreCase(String path, Access expected) {
        assertThat(rules.classify(path)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /ADMIN/open              | PROTECTED
            /admin/OPEN              | PROTECTED
            /Admin/Login             | PROTECTED
            /api/protected/HEALTH    | PROTECTED
            """)
    void publicExceptionsAreCaseSensitive(String path, Access expected) {
        assertThat(rules.classify(path)).isEqualTo(expected);
    }

    @Test
    void publicPatternOutsideAnyProtectedAreaIsStillPublic() {
        PathRules loginOnly = PathRules.of(List.of(), List.of("/login"));
        assertThat(loginOnly.classify("/login")).isEqualTo(Access.PUBLIC);
        assertThat(loginOnly.classify("/LOGIN")).isEqualTo(Access.UNMATCHED);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /ADMIN;jsessionid=1/x        | /ADMIN/x          | PROTECTED
            /admin/open/%2e%2e/secret    | /admin/secret     | PROTECTED
            /admin/x/../open             | /admin/open       | PUBLIC
            /public/../admin             | /admin            | PROTECTED
            /admin/%6Fpen                | /admin/open       | PUBLIC
            /ADMIN/%6Fpen                | /ADMIN/open       | PROTECTED
            """)
    void classifiesWhatTheNormalizerProduces(String raw, String normalized, Access expected) {
        String path = PathNormalizer.normalize(raw);
        assertThat(path).isEqualTo(normalized);
        assertThat(rules.classify(path)).isEqualTo(expected);
    }

    @Test
    void isProtectedIsTrueOnlyForProtected() {
        assertThat(rules.isProtected("/admin/x")).isTrue();
        assertThat(rules.isProtected("/ADMIN/open")).isTrue();
        assertThat(rules.isProtected("/admin/open")).isFalse();
        assertThat(rules.isProtected("/elsewhere")).isFalse();
    }

    @Test
    void noneProtectsNothing() {
        PathRules none = PathRules.none();
        assertThat(none.classify("/")).isEqualTo(Access.UNMATCHED);
        assertThat(none.classify("/admin/x")).isEqualTo(Access.UNMATCHED);
        assertThat(none.isProtected("/admin")).isFalse();
        assertThat(none.protectedPatterns()).isEmpty();
        assertThat(none.publicPatterns()).isEmpty();
    }

    @Test
    void exposesSourcePatternsInOrderAndUnmodifiable() {
        assertThat(rules.protectedPatterns())
                .containsExactly("/admin/**", "/api/protected/:path*", "/users/:id/edit", "/dashboard");
        assertThat(rules.publicPatterns()).containsExactly("/admin/open", "/admin/login/**", "/api/protected/health");
        assertThatThrownBy(() -> rules.protectedPatterns().add("/x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> rules.publicPatterns().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void laterChangesToTheInputListsHaveNoEffect() {
        List<String> protectedPatterns = new ArrayList<>(List.of("/admin/**"));
        PathRules copied = PathRules.of(protectedPatterns, List.of());
        protectedPatterns.add("/other/**");
        assertThat(copied.protectedPatterns()).containsExactly("/admin/**");
        assertThat(copied.isProtected("/other/x")).isFalse();
    }

    @Test
    void badPatternIsRefused() {
        assertThatThrownBy(() -> PathRules.of(List.of("/admin/**", "admin"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid path pattern 'admin': must start with '/'");
        assertThatThrownBy(() -> PathRules.of(List.of(), List.of("/a/**/b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'/a/**/b'");
    }
}
