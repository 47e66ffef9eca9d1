package dev.sessionauth.passkey;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A passkey the options name: one of the user's own in a registration's {@code excludeCredentials} (so the browser
 * does not register the same authenticator twice), or in a sign-in's {@code allowCredentials}.
 *
 * @param credentialId the credential id, base64url without padding, as stored
 * @param transports   how the browser may reach the authenticator ({@code "internal"}, {@code "hybrid"}, {@code "usb"},
 *                     …) as the browser reported them at registration; empty when it reported none
 */
public record CredentialDescriptor(String credentialId, List<String> transports) {
    /** Refuses an id that is not base64url without padding. */
    public CredentialDescriptor {
        Base64Url.requireValid(credentialId, "credentialId");
        transports = List.copyOf(transports);
    }

    /**
     * A descriptor from a stored row whose transports are comma-joined, as Better Auth stores them ({@code ""} when
     * none). Empty entries are dropped: Better Auth sends {@code [""]} for {@code ""}, which browsers ignore anyway.
     */
    public static CredentialDescriptor of(String credentialId, String commaJoinedTransports) {
        Objects.requireNonNull(commaJoinedTransports, "commaJoinedTransports");
        return new CredentialDescriptor(credentialId,
                Arrays.stream(commaJoinedTransports.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList());
    }
}
