package dev.sessionauth.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One way a user signs in besides a password: an account at an identity provider ({@code providerId} as configured,
 * {@code accountId} the provider's stable subject), with the issuer it was verified against and the scopes granted.
 * A provider's tokens are never part of it. The password credential is a row of the same table under the provider
 * id {@code credential}, but stores show it through {@link UserStore}, never as a linked account.
 *
 * @param id the row's handle, which {@code /list-accounts} shows and {@code /unlink-account} names
 */
public record LinkedAccount(String id, String userId, String providerId, String accountId, Optional<String> issuer,
                            List<String> scopes, Instant createdAt, Instant updatedAt) {
    public LinkedAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(issuer, "issuer");
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
