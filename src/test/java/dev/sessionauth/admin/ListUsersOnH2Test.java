package dev.sessionauth.admin;

import static dev.sessionauth.admin.AdminKit.LIST_USERS;
import static dev.sessionauth.admin.AdminKit.ok;
import static dev.sessionauth.admin.AdminKit.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Listing users with SQL on H2, and the list-users query as the HTTP API reads it. */
class ListUsersOnH2Test extends ListUsersContract {
    private TestServer server;

    @Override
    Admin admin() {
        if (server == null) {
            server = AdminKit.server().clock(clock).start();
        }
        return AdminKit.admin(server);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** An admin's browser, signed in now (the clock moved on while the users were made). */
    private TestClient adminBrowser() {
        SignedInUser admin = dev.sessionauth.testing.Accounts.signIn(server, "ada@example.com");
        return admin.browser();
    }

    @Test
    void listUsersAnswersBetterAuthsShapeForTheQueryString() {
        JsonNode page = ok(adminBrowser().get(LIST_USERS + "?searchValue=example.org&searchField=email"
                + "&searchOperator=ends_with&sortBy=email&sortDirection=desc&limit=1&offset=1"));

        assertThat(page.path("total").asInt()).isEqualTo(2);
        assertThat(page.path("limit").asInt()).isEqualTo(1);
        assertThat(page.path("offset").asInt()).isEqualTo(1);
        assertThat(page.path("users")).hasSize(1);
        JsonNode user = page.path("users").get(0);
        assertThat(user.path("email").asText()).isEqualTo("alan@example.org");
        assertThat(user.path("role").asText()).isEqualTo("editor");
        assertThat(user.path("banned").asBoolean()).isFalse();
        assertThat(user.has("banReason")).isTrue();
    }

    @Test
    void theFilterAndTheNameSearchComeFromTheQueryStringToo() {
        TestClient admin = adminBrowser();
        JsonNode banned = ok(admin.get(LIST_USERS + "?filterField=banned&filterValue=true"));
        assertThat(banned.path("total").asInt()).isOne();
        assertThat(banned.path("users").get(0).path("banReason").asText()).isEqualTo("goto");
        JsonNode named = ok(admin.get(LIST_USERS + "?searchValue=grace&searchField=name"));
        assertThat(named.path("users").get(0).path("name").asText()).isEqualTo("Grace Hopper");
        JsonNode everyone = ok(admin.get(LIST_USERS + "?limit=100000"));
        assertThat(everyone.path("limit").asInt()).as("capped").isEqualTo(UserQuery.MAX_LIMIT);
        assertThat(ok(admin.get(LIST_USERS + "?limit=0")).path("limit").asInt()).isEqualTo(UserQuery.DEFAULT_LIMIT);
    }

    @Test
    void aQueryStringOutsideTheAllowListIsA400ThatNamesIt() {
        TestClient admin = adminBrowser();
        String[][] cases = {
                {"sortBy=passwordHash", "sortBy"}, {"sortDirection=sideways", "sortDirection"},
                {"searchField=role&searchValue=x", "role"}, {"filterField=password_hash&filterValue=x", "filterField"},
                {"filterOperator=lt&filterValue=x", "filterOperator"}, {"offset=-1", "offset"},
                {"limit=ten", "limit"}, {"searchOperator=regex&searchValue=x", "searchOperator"},
                {"filterField=banned&filterValue=yes", "banned"}};
        for (String[] bad : cases) {
            TestClient.Reply r = admin.get(LIST_USERS + "?" + bad[0]);
            refused(r, 400, "INVALID_REQUEST_BODY");
            assertThat(r.json().path("message").asText()).as(bad[0]).contains(bad[1]);
        }
    }
}
