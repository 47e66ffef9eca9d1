package dev.sessionauth.passkey;

/**
 * Whether a passkey may be synced to other devices, from the authenticator's backup-eligible (BE) flag at
 * registration. Better Auth stores it as {@code deviceType}.
 */
public enum DeviceType {
    /** BE not set: the key never leaves this authenticator (most security keys). */
    SINGLE_DEVICE("singleDevice"),
    /** BE set: a synced passkey (iCloud Keychain, Google Password Manager, a password manager). */
    MULTI_DEVICE("multiDevice");

    private final String wire;

    DeviceType(String wire) {
        this.wire = wire;
    }

    /** Better Auth's stored and JSON value. */
    public String wire() {
        return wire;
    }

    /** The device type a stored value names; anything unknown is read as single-device, the narrower claim. */
    static DeviceType of(String wire) {
        return MULTI_DEVICE.wire.equals(wire) ? MULTI_DEVICE : SINGLE_DEVICE;
    }
}
