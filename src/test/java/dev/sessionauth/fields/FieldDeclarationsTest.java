package dev.sessionauth.fields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.config.AdditionalField;
import dev.sessionauth.config.AdditionalField.Type;
import dev.sessionauth.SessionAuth;
import dev.sessionauth.SessionAuthBuilder;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.config.ConfigException;
import dev.sessionauth.config.ConfigSource;
import dev.sessionauth.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code user.fields} / {@code session.fields} declarations: {@code name:type} plus {@code required},
 * {@code input}, {@code default=<value>}; a bad declaration stops start-up naming the setting.
 */
class FieldDeclarationsTest {

    private static AuthConfig load(String setting, String value) {
        return AuthConfig.load(List.of(ConfigSource.of("builder setting", Map.of(setting, value))));
    }

    private static AdditionalField field(List<AdditionalField> fields, String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no field " + name + " in " + fields));
    }

    @Test
    void theSeedsDeclarationsParseIntoTypedFieldsWithTheirFlags() {
        List<AdditionalField> fields = load("user.fields", "role:string:default=user,"
                + " preferences:json:input:default={\"theme\":\"light\"}, age:number:input,"
                + " newsletter:boolean:input:required").userFields();

        assertThat(fields).extracting(AdditionalField::name).containsExactly("role", "preferences", "age", "newsletter");
        assertThat(field(fields, "role")).isEqualTo(new AdditionalField("role", Type.STRING, false, Optional.of("user"), false));
        assertThat(field(fields, "preferences")).isEqualTo(new AdditionalField("preferences", Type.JSON, false,
                Optional.of(Map.of("theme", "light")), true));
        assertThat(field(fields, "age")).isEqualTo(new AdditionalField("age", Type.NUMBER, false, Optional.empty(), true));
        assertThat(field(fields, "newsletter"))
                .isEqualTo(new AdditionalField("newsletter", Type.BOOLEAN, true, Optional.empty(), true));
    }

    @Test
    void aDefaultMayHoldCommasColonsAndNestedJson() {
        List<AdditionalField> fields = load("user.fields", "prefs:json:input:default={\"theme\":\"light\",\"sizes\":[1,2],"
                + "\"note\":\"a, b: c\"}, homepage:string:default=https://example.com:8443/a?b=c").userFields();

        assertThat(fields).extracting(AdditionalField::name).containsExactly("prefs", "homepage");
        assertThat(field(fields, "prefs").defaultValue()).contains(Map.of("theme", "light", "sizes", List.of(1, 2),
                "note", "a, b: c"));
        assertThat(field(fields, "homepage").defaultValue()).contains("https://example.com:8443/a?b=c");
    }

    @Test
    void numberAndBooleanDefaultsAreTyped() {
        List<AdditionalField> fields = load("session.fields",
                "limit:number:default=42, ratio:number:default=0.5, beta:boolean:default=true").sessionFields();
        assertThat(field(fields, "limit").defaultValue()).containsInstanceOf(Long.class).contains(42L);
        assertThat(field(fields, "ratio").defaultValue()).contains(0.5);
        assertThat(field(fields, "beta").defaultValue()).contains(Boolean.TRUE);
    }

    @Test
    void aRequiredFieldThatClientsCannotSetIsAcceptedWithADefault() {
        AdditionalField plan = field(load("user.fields", "plan:string:required:default=free").userFields(), "plan");
        assertThat(plan.required()).isTrue();
        assertThat(plan.input()).isFalse();
        assertThat(plan.defaultValue()).contains("free");
    }

    @Test
    void noDeclarationMeansNoFields() {
        AuthConfig config = AuthConfig.load(List.of());
        assertThat(config.userFields()).isEmpty();
        assertThat(config.sessionFields()).isEmpty();
    }

    @Test
    void theColumnIsThePrefixedLowerCaseName() {
        List<AdditionalField> fields = load("user.fields", "isAdmin:boolean, order:number").userFields();
        assertThat(fields).extracting(AdditionalField::column).containsExactly("f_isadmin", "f_order");
    }

    @ParameterizedTest(name = "user.fields={0}")
    @ValueSource(strings = {
            "email:string",
            "id:string",
            "emailVerified:boolean",
            "NAME:string",
            "createdAt:string",
            "password:string",
            "role",
            "role:text",
            "role:string:optional",
            "role:string:default",
            "age:number:default=many",
            "flag:boolean:default=yes",
            "prefs:json:default={broken",
            "plan:string:required",
            "role:string, Role:string",
            "1st:string",
            "my-field:string",
            "f:string:input, drop table:string",
    })
    void aBadUserFieldDeclarationStopsStartUpNamingTheSetting(String declaration) {
        assertThatThrownBy(() -> load("user.fields", declaration))
                .isInstanceOf(ConfigException.class).hasMessageContaining("user.fields");
    }

    @ParameterizedTest(name = "session.fields={0}")
    @ValueSource(strings = {"token:string", "userId:string", "expiresAt:string", "ipAddress:string",
            "userAgent:string", "device:blob", "trusted:boolean:required"})
    void aBadSessionFieldDeclarationStopsStartUpNamingTheSetting(String declaration) {
        assertThatThrownBy(() -> load("session.fields", declaration))
                .isInstanceOf(ConfigException.class).hasMessageContaining("session.fields");
    }

    @Test
    void theMessageSaysWhatIsWrong() {
        assertThatThrownBy(() -> load("user.fields", "email:string")).hasMessageContaining("email")
                .hasMessageContaining("built-in");
        assertThatThrownBy(() -> load("user.fields", "plan:string:required")).hasMessageContaining("default");
        assertThatThrownBy(() -> load("user.fields", "role:text")).hasMessageContaining("string, boolean, number or json");
    }

    @Test
    void theEngineRefusesToBuildWithABadDeclaration() {
        SessionAuthBuilder builder = SessionAuth.builder().systemProperties(new Properties()).environment(Map.of())
                .set("secret", TestServer.SECRET)
                .set("jdbc.url", "jdbc:h2:mem:fields-bad-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                .set("user.fields", "role:string, email:string:input");
        assertThatThrownBy(builder::build).isInstanceOf(ConfigException.class).hasMessageContaining("user.fields")
                .hasMessageContaining("email");
    }

    @Test
    void aFilterConfiguredByInitParamsDoesNotStartWithABadDeclaration() {
        assertThatThrownBy(() -> TestServer.builder().viaInitParams().set("user.fields", "id:string").start().close())
                .hasStackTraceContaining("user.fields");
    }
}
