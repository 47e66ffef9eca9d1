package dev.sessionauth.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.User;
import dev.sessionauth.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What listing users does, whatever holds them (H2, PostgreSQL, memory): search by e-mail or name (ignoring case,
 * wildcards taken literally), filters (the role, the ban as it holds now), orders with a stable tie-break, and pages
 * that never overlap with a total of every match. Each store's test gives the engine; the users are made here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ListUsersContract {
    static final String PASSWORD = "correct horse battery staple";
    final MutableClock clock = new MutableClock();

    /** The admin tools of an engine over the store under test, on {@link #clock}, with no users yet. */
    abstract Admin admin();

    /** The people the listing is searched for, made through the operator's API in this order. */
    private static final String[][] PEOPLE = {
            {"Ada Lovelace", "ada@example.com"},
            {"Alan Turing", "alan@example.org"},
            {"Grace Hopper", "grace@navy.example.net"},
            {"Barbara Liskov", "barbara@mit.example.edu"},
            {"Edsger Dijkstra", "edsger@example.com"},
            {"Donald Knuth", "don@stanford.example.edu"},
            {"50% Off_Deals", "deals@shop.example.com"},
            {"Under_score", "under@shop.example.com"},
            {"Zed Zulu", "zed@example.org"},
    };

    @BeforeAll
    void makeUsers() {
        Admin admin = admin();
        for (String[] p : PEOPLE) {
            admin.createUser(NewUser.of(p[1], p[0], PASSWORD));
            clock.advance(Duration.ofSeconds(1));
        }
        admin.setRole(id("ada@example.com"), "admin");
        admin.setRole(id("alan@example.org"), "editor");
        admin.ban(id("edsger@example.com"), "goto");
        admin.ban(id("don@stanford.example.edu"), "typo", Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(2));
    }

    private String id(String email) {
        return emails(admin().listUsers(UserQuery.all())).contains(email)
                ? admin().listUsers(UserQuery.all().search(UserQuery.Field.EMAIL, UserQuery.Operator.STARTS_WITH,
                        email)).users().get(0).getId()
                : "missing " + email;
    }

    private static List<String> emails(UserPage page) {
        return page.users().stream().map(User::getEmail).toList();
    }

    private static List<String> names(UserPage page) {
        return page.users().stream().map(User::getName).toList();
    }

    private UserPage list(UserQuery query) {
        return admin().listUsers(query);
    }

    @Test
    void everyoneIsListedOldestFirstByDefault() {
        UserPage all = list(UserQuery.all());
        assertThat(all.total()).isEqualTo(PEOPLE.length);
        assertThat(emails(all)).containsExactly(java.util.Arrays.stream(PEOPLE).map(p -> p[1]).toArray(String[]::new));
        assertThat(all.limit()).isEqualTo(100);
        assertThat(all.offset()).isZero();
    }

    @Test
    void searchingTheAddressContainsStartsOrEndsWithTheText() {
        assertThat(emails(list(UserQuery.all().search(UserQuery.Field.EMAIL, UserQuery.Operator.CONTAINS,
                "EXAMPLE.COM")))).containsExactly("ada@example.com", "edsger@example.com", "deals@shop.example.com",
                "under@shop.example.com");
        assertThat(emails(list(UserQuery.all().search(UserQuery.Field.EMAIL, UserQuery.Operator.STARTS_WITH, "a"))))
                .containsExactly("ada@example.com", "alan@example.org");
        assertThat(emails(list(UserQuery.all().search(UserQuery.Field.EMAIL, UserQuery.Operator.ENDS_WITH, ".org"))))
                .containsExactly("alan@example.org", "zed@example.org");
    }

    @Test
    void searchingTheNameIgnoresCase() {
        assertThat(names(list(UserQuery.all().search(UserQuery.Field.NAME, UserQuery.Operator.CONTAINS, "hOPPER"))))
                .containsExactly("Grace Hopper");
        assertThat(names(list(UserQuery.all().search(UserQuery.Field.NAME, UserQuery.Operator.STARTS_WITH, "al"))))
                .containsExactly("Alan Turing");
    }

    @Test
    void wildcardsAndQuotesInTheTextAreTakenLiterally() {
        assertThat(names(list(UserQuery.all().search(UserQuery.Field.NAME, UserQuery.Operator.CONTAINS, "%"))))
                .containsExactly("50% Off_Deals");
        assertThat(names(list(UserQuery.all().search(UserQuery.Field.NAME, UserQuery.Operator.CONTAINS, "_"))))
                .containsExactly("50% Off_Deals", "Under_score");
        assertThat(list(UserQuery.all().search(UserQuery.Field.NAME, UserQuery.Operator.CONTAINS,
                "' OR '1'='1")).total()).isZero();
        assertThat(list(UserQuery.all().search(UserQuery.Field.EMAIL, UserQuery.Operator.CONTAINS, "\\")).total())
                .isZero();
    }

    @Test
    void ordersGoBothWays() {
        List<String> byName = names(list(UserQuery.all().sortBy(UserQuery.Field.NAME, false)));
        assertThat(byName).containsExactly("50% Off_Deals", "Ada Lovelace", "Alan Turing", "Barbara Liskov",
                "Donald Knuth", "Edsger Dijkstra", "Grace Hopper", "Under_score", "Zed Zulu");
        List<String> reversed = new ArrayList<>(byName);
        java.util.Collections.reverse(reversed);
        assertThat(names(list(UserQuery.all().sortBy(UserQuery.Field.NAME, true)))).containsExactlyElementsOf(reversed);
        assertThat(emails(list(UserQuery.all().sortBy(UserQuery.Field.EMAIL, true).page(2, 0))))
                .containsExactly("zed@example.org", "under@shop.example.com");
        assertThat(emails(list(UserQuery.all().sortBy(UserQuery.Field.CREATED_AT, true).page(1, 0))))
                .containsExactly("zed@example.org");
    }

    @Test
    void pagesNeverOverlapAndTheTotalCountsEveryMatch() {
        List<String> seen = new ArrayList<>();
        for (int offset = 0; offset < PEOPLE.length + 2; offset += 2) {
            UserPage page = list(UserQuery.all().sortBy(UserQuery.Field.ROLE, false).page(2, offset));
            assertThat(page.total()).isEqualTo(PEOPLE.length);
            assertThat(page.limit()).isEqualTo(2);
            assertThat(page.offset()).isEqualTo(offset);
            seen.addAll(emails(page));
        }
        assertThat(seen).hasSize(PEOPLE.length).doesNotHaveDuplicates();
        UserPage searched = list(UserQuery.all().search(UserQuery.Field.EMAIL, UserQuery.Operator.CONTAINS, "example")
                .page(3, 3));
        assertThat(searched.total()).isEqualTo(PEOPLE.length);
        assertThat(searched.users()).hasSize(3);
    }

    @Test
    void filtersOnTheRoleCountTheDefaultRole() {
        assertThat(emails(list(UserQuery.all().filter(UserQuery.Field.ROLE, UserQuery.Operator.EQ, "admin"))))
                .containsExactly("ada@example.com");
        assertThat(list(UserQuery.all().filter(UserQuery.Field.ROLE, UserQuery.Operator.EQ, "user")).total())
                .isEqualTo(PEOPLE.length - 2);
        assertThat(emails(list(UserQuery.all().filter(UserQuery.Field.ROLE, UserQuery.Operator.NE, "user"))))
                .containsExactly("ada@example.com", "alan@example.org");
    }

    @Test
    void theBanFilterSeesTheBanAsItHoldsNow() {
        assertThat(emails(list(UserQuery.all().filter(UserQuery.Field.BANNED, UserQuery.Operator.EQ, "true"))))
                .as("Donald's ban ran out a minute ago").containsExactly("edsger@example.com");
        assertThat(list(UserQuery.all().filter(UserQuery.Field.BANNED, UserQuery.Operator.EQ, "false")).total())
                .isEqualTo(PEOPLE.length - 1);
        assertThat(emails(list(UserQuery.all().filter(UserQuery.Field.BANNED, UserQuery.Operator.NE, "false"))))
                .containsExactly("edsger@example.com");
    }

    @Test
    void aSearchAndAFilterMustBothHold() {
        assertThat(emails(list(UserQuery.all().search(UserQuery.Field.EMAIL, UserQuery.Operator.ENDS_WITH, ".org")
                .filter(UserQuery.Field.ROLE, UserQuery.Operator.EQ, "editor")))).containsExactly("alan@example.org");
        assertThat(list(UserQuery.all().filter(UserQuery.Field.EMAIL_VERIFIED, UserQuery.Operator.EQ, "true"))
                .total()).isZero();
    }

    @Test
    void aQueryOutsideTheAllowListIsRefusedBeforeAnyRead() {
        assertThatThrownBy(() -> UserQuery.all().sortBy(UserQuery.Field.BANNED, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserQuery.all().filter(UserQuery.Field.BANNED, UserQuery.Operator.CONTAINS, "t"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserQuery.all().page(UserQuery.MAX_LIMIT + 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserQuery.all().search(UserQuery.Field.ROLE, UserQuery.Operator.CONTAINS, "a"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
