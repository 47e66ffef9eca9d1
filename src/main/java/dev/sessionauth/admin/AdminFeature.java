package dev.sessionauth.admin;

import dev.sessionauth.config.AdditionalField;
import dev.sessionauth.config.AuthConfig;
import dev.sessionauth.config.ConfigException;
import dev.sessionauth.config.SettingNames;
import dev.sessionauth.config.SettingReader;
import dev.sessionauth.engine.Feature;
import dev.sessionauth.engine.FeatureContext;
import dev.sessionauth.engine.FeaturePart;
import dev.sessionauth.spi.UserEnumeration;
import java.util.List;
import java.util.Optional;

/**
 * The admin tools as a {@link Feature}: off unless {@code admin.enabled}; when on, the user fields {@code role}
 * (default {@code admin.defaultRole}), {@code banned}, {@code banReason}, {@code banExpires}, the session field
 * {@code impersonatedBy}, indexes for listing users, and the {@link AdminPart}.
 */
public final class AdminFeature implements Feature {
    @Override
    public String name() {
        return "admin";
    }

    @Override
    public SettingNames settings() {
        return AdminSettings.NAMES;
    }

    @Override
    public List<AdditionalField> userFields(SettingReader settings) {
        return AdminSettings.enabled(settings) ? AdminFields.userFields(AdminSettings.defaultRole(settings)) : List.of();
    }

    @Override
    public List<AdditionalField> sessionFields(SettingReader settings) {
        return AdminSettings.enabled(settings) ? AdminFields.sessionFields() : List.of();
    }

    /** Indexes for list-users' orders (the address has its unique index already). */
    @Override
    public List<Migration> migrations() {
        return List.of(new Migration("admin-1", List.of(
                "CREATE INDEX IF NOT EXISTS sa_user_created_idx ON sa_user (created_at, id)",
                "CREATE INDEX IF NOT EXISTS sa_user_name_idx ON sa_user (name, id)")));
    }

    @Override
    public Optional<FeaturePart> start(AuthConfig config, FeatureContext context) {
        if (!AdminSettings.enabled(config.settings())) {
            return Optional.empty();
        }
        AdminSettings settings = AdminSettings.read(config.settings());
        return Optional.of(new AdminPart(context, settings, listing(config, context, settings)));
    }

    private static UserListing listing(AuthConfig config, FeatureContext context, AdminSettings settings) {
        if (context.dataSource().isPresent()) {
            return new JdbcUserListing(context.dataSource().get(), config.userFields(), settings.defaultRole());
        }
        if (context.users() instanceof UserEnumeration all) {
            return new MemoryUserListing(all, context.sessions(), settings.defaultRole());
        }
        throw new ConfigException(AdminSettings.ENABLED + "=true needs to list users: use the JDBC stores (jdbc.url or"
                + " a DataSource), or give stores(...) a UserStore that also implements "
                + UserEnumeration.class.getName());
    }
}
