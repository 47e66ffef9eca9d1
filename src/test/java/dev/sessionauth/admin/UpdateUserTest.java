package dev.sessionauth.admin;

import static dev.sessionauth.admin.AdminKit.HAS_PERMISSION;
import static dev.sessionauth.admin.AdminKit.IMPERSONATE_USER;
import static dev.sessionauth.admin.AdminKit.newAdmin;
import static dev.sessionauth.admin.AdminKit.ok;
import static dev.sessionauth.admin.AdminKit.refused;
import static dev.sessionauth.admin.AdminKit.userId;
import static dev.sessionauth.testing.Accounts.PASSWORD;
import static dev.sessionauth.testing.Accounts.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.AdminAction;
import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.SessionListener;
import dev.sessionauth.User;
import dev.sessionauth.spi.Mail;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.Assertions;

/**
 * {@code POST /admin/update-user {userId, data}} on Better Auth's wire: the bare user afterwards; every key checked
 * before anything is written; an address change that leaves no link to the old address working; a ban that ends
 * every session at once; the same who-may rules and audit as the single-purpose endpoints.
 */
class UpdateUserTest {
    private static final String UPDATE_USER = AdminKit.BASE + "update-user";
    private static final Pattern RESET_LINK = Pattern.compile("/api/auth/reset-password/([A-Za-z0-9_-]{43})(\\?.*)?");

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Reply update(TestClient browser, String userId, Map<String, ?> data) {
        return browser.post(UPDATE_USER, json("userId", userId, "data", data));
    }

    private static Map<String, Object> data(Object... nameValuePairs) {
        Map<String, Object> data = new HashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            data.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return data;
    }

    private JsonNode stored(SignedInUser admin, String id) {
        return ok(admin.browser().get(AdminKit.GET_USER + "?id=" + id));
    }

    @Test
    void updateUserChangesTheGivenFieldsAndAnswersTheBareUserAsStored() {
        AdminKit.AuditTrail audit = new AdminKit.AuditTrail();
        server = AdminKit.server("user.fields", "nickname:string,shoeSize:number").listener(audit).start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser user = Accounts.signUp(server, "user");

        JsonNode answer = ok(update(admin.browser(), user.userId(), data("name", "  Renamed  ",
                "image", "https://img.example/a.png", "role", List.of("user", "editor"), "nickname", "Ren",
                "shoeSize", 44, "emailVerified", true)));

        assertThat(answer.has("user")).as("the user itself, not {user}").isFalse();
        assertThat(answer.path("id").asText()).isEqualTo(user.userId());
        assertThat(answer.path("name").asText()).isEqualTo("Renamed");
        assertThat(answer.path("image").asText()).isEqualTo("https://img.example/a.png");
        assertThat(answer.path("role").asText()).isEqualTo("user,editor");
        assertThat(answer.path("nickname").asText()).isEqualTo("Ren");
        assertThat(answer.path("shoeSize").asInt()).isEqualTo(44);
        assertThat(answer.path("emailVerified").asBoolean()).isTrue();
        assertThat(answer.path("banned").asBoolean()).isFalse();
        assertThat(answer.has("passwordHash")).isFalse();
        assertThat(stored(admin, user.userId())).isEqualTo(answer);
        assertThat(user.browser().getSession().json().path("user").path("name").asText()).isEqualTo("Renamed");

        AdminAction updated = audit.next(AdminAction.Kind.UPDATE_USER);
        assertThat(updated.actorId()).contains(admin.userId());
        assertThat(updated.targetUserId()).isEqualTo(user.userId());
        assertThat(updated.details().get("fields").split(",")).contains("name", "role", "nickname");
        AdminAction role = audit.next(AdminAction.Kind.SET_ROLE);
        assertThat(role.details()).containsEntry("role", "user,editor").containsEntry("previousRole", "user");

        JsonNode cleared = ok(update(admin.browser(), user.userId(), data("image", null, "nickname", null)));
        assertThat(cleared.path("image").isNull()).as(cleared.toString()).isTrue();
        assertThat(cleared.path("nickname").isNull() || cleared.path("nickname").isMissingNode()).isTrue();
        assertThat(cleared.path("name").asText()).as("what was not named stays").isEqualTo("Renamed");
    }

    @Test
    void theDataMustBeANonEmptyObjectOfKeysUpdateUserTakes() {
        server = AdminKit.server().start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser user = Accounts.signUp(server, "user");
        TestClient b = admin.browser();

        Reply empty = update(b, user.userId(), Map.of());
        refused(empty, 400, "NO_DATA_TO_UPDATE");
        assertThat(empty.json().path("message").asText()).isEqualTo("No data to update");
        Reply password = update(b, user.userId(), data("password", "a whole new password"));
        refused(password, 400, "PASSWORD_CANNOT_BE_UPDATED_VIA_UPDATE_USER");
        assertThat(password.json().path("message").asText()).isEqualTo("Password cannot be updated through"
                + " update-user. Use the set-user-password endpoint instead");
        refused(update(b, user.userId(), data("id", "another-id")), 400, "USER_ID_CANNOT_BE_UPDATED");
        for (String key : List.of("twoFactorEnabled", "createdAt", "updatedAt", "phoneNumber", "shoeSize")) {
            Reply r = update(b, user.userId(), data(key, "x"));
            refused(r, 400, "INVALID_REQUEST_BODY");
            assertThat(r.json().path("message").asText()).contains(key);
        }
        refused(b.post(UPDATE_USER, json("userId", user.userId(), "data", "name")), 400, "INVALID_REQUEST_BODY");
        refused(b.post(UPDATE_USER, json("userId", user.userId())), 400, "INVALID_REQUEST_BODY");
        refused(b.post(UPDATE_USER, json("userId", user.userId(), "data", data("name", "X"), "role", "admin")), 400,
                "INVALID_REQUEST_BODY");
        refused(update(b, "nobody", data("name", "X")), 404, "USER_NOT_FOUND");
        refused(update(b, user.userId(), data("role", List.of("user", 7))), 400, "INVALID_ROLE_TYPE");
        refused(update(b, user.userId(), data("emailVerified", "yes")), 400, "INVALID_REQUEST_BODY");
        refused(update(b, user.userId(), data("name", "   ")), 400, "INVALID_REQUEST_BODY");

        JsonNode unchanged = stored(admin, user.userId());
        assertThat(unchanged.path("name").asText()).isNotEqualTo("X");
        assertThat(unchanged.path("role").asText()).isEqualTo("user");
    }

    @Test
    void oneBadKeyWritesNothingOfTheOthers() {
        AdminKit.AuditTrail audit = new AdminKit.AuditTrail();
        server = AdminKit.server("user.fields", "shoeSize:number").listener(audit).start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser user = Accounts.signUp(server, "user");
        audit.next(AdminAction.Kind.SET_ROLE);
        JsonNode before = stored(admin, user.userId());

        refused(update(admin.browser(), user.userId(), data("name", "Half Done", "email", "not-an-address")), 400,
                "INVALID_EMAIL");
        refused(update(admin.browser(), user.userId(), data("email", Accounts.uniqueEmail("moved"),
                "shoeSize", "forty-four")), 400, "INVALID_REQUEST_BODY");
        refused(update(admin.browser(), user.userId(), data("name", "Half Done", "banned", true,
                "banExpires", "tomorrow")), 400, "INVALID_REQUEST_BODY");
        refused(update(admin.browser(), user.userId(), data("role", "editor", "banReason", "spam")), 400,
                "INVALID_REQUEST_BODY");

        assertThat(stored(admin, user.userId())).isEqualTo(before);
        assertThat(user.browser().getSession().json().path("user").path("id").asText()).isEqualTo(user.userId());
        assertThat(server.client().signIn(user.email(), PASSWORD).status()).isEqualTo(200);
        ok(admin.browser().post(AdminKit.SET_ROLE, json("userId", user.userId(), "role", "auditor")));
        AdminAction next = audit.next();
        assertThat(next.kind()).as("nothing refused was audited").isEqualTo(AdminAction.Kind.SET_ROLE);
        assertThat(next.targetUserId()).isEqualTo(user.userId());
    }

    @Test
    void anAddressChangeIsNormalisedUnverifiedAndNoLinkMailedToTheOldAddressStillWorks() {
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        server = AdminKit.server("mail.sender", AdminMailbox.class.getName(), "emailVerification.sendOnSignUp", "true")
                .listener(new SessionListener() {
                    @Override
                    public void emailChanged(User user, String previousEmail) {
                        heard.add(previousEmail + " -> " + user.getEmail());
                    }
                }).start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser user = Accounts.signUp(server, "user");
        String verifyOld = AdminMailbox.next(user.email(), Mail.Kind.VERIFY_EMAIL).link();
        assertThat(server.client().post(Accounts.REQUEST_RESET, json("email", user.email())).status()).isEqualTo(200);
        Matcher reset = RESET_LINK.matcher(Accounts.pathOf(server, AdminMailbox.next(user.email(),
                Mail.Kind.RESET_PASSWORD).link()));
        assertThat(reset.matches()).isTrue();
        String newEmail = Accounts.uniqueEmail("moved");

        JsonNode moved = ok(update(admin.browser(), user.userId(), data("email", "  " + newEmail.toUpperCase() + " ")));

        assertThat(moved.path("email").asText()).isEqualTo(newEmail.toLowerCase());
        assertThat(moved.path("emailVerified").asBoolean()).isFalse();
        Reply oldReset = server.client().post(Accounts.RESET, json("newPassword", "the thief's new password",
                "token", reset.group(1)));
        refused(oldReset, 401, "INVALID_TOKEN");
        server.client().get(Accounts.pathOf(server, verifyOld));
        assertThat(stored(admin, user.userId()).path("emailVerified").asBoolean())
                .as("the old address's verification link verifies nothing").isFalse();
        assertThat(server.client().signIn(newEmail, PASSWORD).status()).isEqualTo(200);
        refused(server.client().signIn(user.email(), PASSWORD), 401, "INVALID_EMAIL_OR_PASSWORD");
        assertThat(poll(heard)).isEqualTo(user.email() + " -> " + newEmail.toLowerCase());

        JsonNode verified = ok(update(admin.browser(), user.userId(), data("emailVerified", true)));
        assertThat(verified.path("emailVerified").asBoolean()).isTrue();
        assertThat(verified.path("email").asText()).isEqualTo(newEmail.toLowerCase());
    }

    private static String poll(BlockingQueue<String> queue) {
        try {
            return queue.poll(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void anAddressAnotherUserHasIsRefusedAndNothingElseChanges() {
        server = AdminKit.server().start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser user = Accounts.signUp(server, "user");
        SignedInUser other = Accounts.signUp(server, "other");

        Reply taken = update(admin.browser(), user.userId(), data("name", "Not Applied",
                "email", other.email().toUpperCase()));

        refused(taken, 422, "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL");
        JsonNode after = stored(admin, user.userId());
        assertThat(after.path("email").asText()).isEqualTo(user.email());
        assertThat(after.path("name").asText()).isNotEqualTo("Not Applied");
        assertThat(ok(update(admin.browser(), user.userId(), data("email", user.email(), "name", "Same Address")))
                .path("name").asText()).as("the user's own address is no conflict").isEqualTo("Same Address");
    }

    @Test
    void aBanThroughUpdateUserEndsEverySessionAtOnceAndBannedFalseLiftsIt() {
        AdminKit.AuditTrail audit = new AdminKit.AuditTrail();
        server = AdminKit.server().listener(audit).start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser user = Accounts.signUp(server, "user");
        TestClient phone = Accounts.signIn(server, user.email()).browser();
        Instant end = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        JsonNode banned = ok(update(admin.browser(), user.userId(), data("banned", true, "banReason", "spam",
                "banExpires", end.toString())));

        assertThat(banned.path("banned").asBoolean()).isTrue();
        assertThat(banned.path("banReason").asText()).isEqualTo("spam");
        assertThat(Instant.parse(banned.path("banExpires").asText())).isEqualTo(end);
        assertThat(user.browser().getSession().body()).isEqualTo("null");
        assertThat(phone.get("/app/x").status()).isEqualTo(401);
        assertThat(server.count("SELECT COUNT(*) FROM sa_session WHERE user_id = ?", user.userId())).isZero();
        refused(server.client().signIn(user.email(), PASSWORD), 403, "BANNED_USER");
        AdminAction ban = audit.next(AdminAction.Kind.BAN);
        assertThat(ban.details()).containsEntry("banReason", "spam").containsEntry("sessionsEnded", "2");

        JsonNode reason = ok(update(admin.browser(), user.userId(), data("banReason", "abuse")));
        assertThat(reason.path("banReason").asText()).isEqualTo("abuse");
        assertThat(Instant.parse(reason.path("banExpires").asText())).as("the end stays").isEqualTo(end);

        JsonNode lifted = ok(update(admin.browser(), user.userId(), data("banned", false)));
        assertThat(lifted.path("banned").asBoolean()).isFalse();
        assertThat(lifted.path("banReason").isNull()).isTrue();
        assertThat(server.client().signIn(user.email(), PASSWORD).status()).isEqualTo(200);
        audit.next(AdminAction.Kind.UNBAN);
        refused(update(admin.browser(), user.userId(), data("banReason", "not banned")), 400, "INVALID_REQUEST_BODY");
    }

    @Test
    void anAdminCannotBanThemselvesThroughUpdateUser() {
        server = AdminKit.server().start();
        SignedInUser admin = newAdmin(server, "admin");

        refused(update(admin.browser(), admin.userId(), data("banned", true, "name", "Gone")), 400,
                "YOU_CANNOT_BAN_YOURSELF");

        assertThat(admin.browser().getSession().json().path("user").path("name").asText()).isNotEqualTo("Gone");
        assertThat(ok(update(admin.browser(), admin.userId(), data("name", "Still Here"))).path("name").asText())
                .isEqualTo("Still Here");
    }

    @Test
    void anotherAdminIsNoTargetUnlessAllowAdminTargets() {
        server = AdminKit.server().start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser colleague = newAdmin(server, "colleague");

        refused(update(admin.browser(), colleague.userId(), data("email", Accounts.uniqueEmail("taken-over"))), 403,
                "YOU_CANNOT_CHANGE_ADMINS");
        refused(update(admin.browser(), colleague.userId(), data("role", "user")), 403, "YOU_CANNOT_CHANGE_ADMINS");
        assertThat(stored(admin, colleague.userId()).path("email").asText()).isEqualTo(colleague.email());
        server.close();

        server = AdminKit.server("admin.allowAdminTargets", "true").start();
        SignedInUser boss = newAdmin(server, "boss");
        SignedInUser deputy = newAdmin(server, "deputy");
        assertThat(ok(update(boss.browser(), deputy.userId(), data("role", "user"))).path("role").asText())
                .isEqualTo("user");
    }

    @Test
    void anImpersonatedSessionCannotUpdateUsersNorCanANonAdmin() {
        server = AdminKit.server().start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser target = Accounts.signUp(server, "target");
        SignedInUser bystander = Accounts.signUp(server, "bystander");

        refused(update(target.browser(), bystander.userId(), data("name", "Mallory Was Here")), 403,
                "YOU_ARE_NOT_ALLOWED_TO_UPDATE_USERS");
        refused(server.client().post(UPDATE_USER, json("userId", bystander.userId(), "data", data("name", "X"))), 401,
                "UNAUTHORIZED");
        ok(admin.browser().post(IMPERSONATE_USER, userId(target.userId())));
        refused(update(admin.browser(), bystander.userId(), data("name", "Viewed As")), 403,
                "NOT_ALLOWED_WHILE_IMPERSONATING");

        assertThat(bystander.browser().getSession().json().path("user").path("name").asText())
                .isNotIn("Mallory Was Here", "X", "Viewed As");
    }

    @Test
    void hasPermissionGrantsAdminsUpdateAndSetEmailAsBetterAuthsAdminRoleDoes() {
        server = AdminKit.server().start();
        SignedInUser admin = newAdmin(server, "admin");
        SignedInUser user = Accounts.signUp(server, "user");
        String asked = "{\"permissions\":{\"user\":[\"update\",\"set-email\",\"set-phone\"]}}";

        assertThat(ok(admin.browser().post(HAS_PERMISSION, asked)).path("success").asBoolean()).isTrue();
        assertThat(ok(user.browser().post(HAS_PERMISSION, asked)).path("success").asBoolean()).isFalse();
        assertThat(ok(admin.browser().post(HAS_PERMISSION, "{\"permissions\":{\"user\":[\"impersonate-admins\"]}}"))
                .path("success").asBoolean()).isFalse();
    }

    @Test
    void theOperatorsJavaApiUpdatesUnderNoWhoMayRuleButWithTheSameChecks() {
        server = AdminKit.server().start();
        SignedInUser colleague = newAdmin(server, "colleague");
        Admin operator = AdminKit.admin(server);

        User changed = operator.updateUser(colleague.userId(), data("name", "By The App", "role", "user,admin"));

        assertThat(changed.getName()).isEqualTo("By The App");
        assertThat(changed.get("role", String.class)).contains("user,admin");
        Assertions.assertThatThrownBy(() -> operator.updateUser(colleague.userId(), Map.of()))
                .isInstanceOfSatisfying(AuthException.class, e ->
                        assertThat(e.code()).isEqualTo(ErrorCode.NO_DATA_TO_UPDATE));
    }
}
