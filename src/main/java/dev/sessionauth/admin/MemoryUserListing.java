package dev.sessionauth.admin;

import dev.sessionauth.Session;
import dev.sessionauth.User;
import dev.sessionauth.engine.OwnSessions;
import dev.sessionauth.spi.UserEnumeration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Lists users of a store without SQL (the in-memory one, or an app's own that implements
 * {@link UserEnumeration}) with the same rules as {@link JdbcUserListing}: for tests of the rules and small stores.
 */
final class MemoryUserListing implements UserListing {
    private final UserEnumeration users;
    private final OwnSessions sessions;
    private final String defaultRole;

    MemoryUserListing(UserEnumeration users, OwnSessions sessions, String defaultRole) {
        this.users = users;
        this.sessions = sessions;
        this.defaultRole = defaultRole;
    }

    @Override
    public UserPage page(UserQuery query, Instant now) {
        Predicate<User> match = u -> true;
        if (query.search().isPresent()) {
            UserQuery.Search s = query.search().get();
            match = match.and(u -> like(text(u, s.field()), s.operator(), s.value()));
        }
        if (query.filter().isPresent()) {
            UserQuery.Filter f = query.filter().get();
            match = match.and(u -> matches(u, f, now));
        }
        Comparator<User> order = Comparator.comparing(sortKey(query.sortBy().field()));
        order = order.thenComparing(User::getId);
        if (query.sortBy().descending()) {
            order = order.reversed();
        }
        List<User> all = users.allUsers().stream().filter(match).sorted(order).toList();
        int from = Math.min(query.offset(), all.size());
        int to = Math.min(from + query.limit(), all.size());
        return new UserPage(all.subList(from, to), all.size(), query.limit(), query.offset());
    }

    private Function<User, String> sortKey(UserQuery.Field field) {
        return switch (field) {
            case EMAIL -> User::getEmail;
            case NAME -> User::getName;
            case ROLE -> this::role;
            case UPDATED_AT -> u -> AdminFields.timestamp(u.getUpdatedAt());
            default -> u -> AdminFields.timestamp(u.getCreatedAt());
        };
    }

    private String role(User u) {
        return u.get(AdminFields.ROLE, String.class).orElse(defaultRole);
    }

    private String text(User u, UserQuery.Field field) {
        return switch (field) {
            case ID -> u.getId();
            case EMAIL -> u.getEmail();
            case ROLE -> role(u);
            default -> u.getName();
        };
    }

    private boolean matches(User u, UserQuery.Filter f, Instant now) {
        boolean eq = f.operator() == UserQuery.Operator.EQ;
        return switch (f.field()) {
            case BANNED -> AdminFields.Ban.of(u).holdsAt(now) == (eq == f.flag());
            case EMAIL_VERIFIED -> u.isEmailVerified() == (eq == f.flag());
            default -> f.operator().isPattern() ? like(text(u, f.field()), f.operator(), f.value())
                    : text(u, f.field()).equals(f.value()) == eq;
        };
    }

    private static boolean like(String text, UserQuery.Operator operator, String value) {
        String t = text.toLowerCase(Locale.ROOT);
        String v = value.toLowerCase(Locale.ROOT);
        return switch (operator) {
            case STARTS_WITH -> t.startsWith(v);
            case ENDS_WITH -> t.endsWith(v);
            default -> t.contains(v);
        };
    }

    @Override
    public Optional<String> ownerOfSession(String sessionId) {
        for (User u : users.allUsers()) {
            for (Session s : sessions.list(u.getId())) {
                if (s.getId().equals(sessionId)) {
                    return Optional.of(u.getId());
                }
            }
        }
        return Optional.empty();
    }
}
