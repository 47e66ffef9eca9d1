package dev.sessionauth.fields;

import static dev.sessionauth.fields.Fields.ok;
import static dev.sessionauth.testing.Accounts.signedUp;
import static dev.sessionauth.testing.Accounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.ServerExtension;
import dev.sessionauth.testing.TestClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code request.isUserInRole(r)} reads the user's {@code role} field: one role or a comma-separated list. */
class RoleFieldTest {
    @RegisterExtension
    static final ServerExtension server = ServerExtension.with(b -> b.set("user.fields", Fields.USER_FIELDS));

    private static void setRole(String email, String role) throws Exception {
        try (Connection c = server.database();
             PreparedStatement ps = c.prepareStatement("UPDATE sa_user SET f_role = ? WHERE email = ?")) {
            ps.setString(1, role);
            ps.setString(2, email);
            assertThat(ps.executeUpdate()).isOne();
        }
    }

    @ParameterizedTest(name = "role \"{0}\" ⇒ isUserInRole(admin) = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            user                 | false
            admin                | true
            editor,admin         | true
            editor, admin        | true
            ' admin , auditor'   | true
            administrator        | false
            Admin                | false
            editor               | false
            ''                   | false
            """)
    void isUserInRoleFollowsTheRoleField(String role, boolean admin) throws Exception {
        String email = uniqueEmail("role");
        TestClient browser = signedUp(server.get(), email, "newsletter", true);
        if (!role.equals("user")) {
            setRole(email, role);
        }
        assertThat(ok(browser.get("/app/page")).path("isAdmin").asBoolean()).isEqualTo(admin);
    }

    @ParameterizedTest(name = "anonymous isUserInRole(admin) = false ({0})")
    @CsvSource({"/app/page"})
    void aVisitorHasNoRole(String path) {
        assertThat(ok(server.client().get(path)).path("isAdmin").asBoolean()).isFalse();
    }
}
