package dev.sessionauth.twofactor;

/** Whether a second step that holds should remember this browser, so its user signs in without a code for a while. */
public enum DeviceTrust {
    /** Remember it for {@code twoFactor.trustDeviceMaxAge} (Better Auth's {@code trustDevice: true}). */
    TRUST_THIS_DEVICE,
    /** Ask for a code at every sign-in. */
    ASK_EVERY_TIME;

    /** The value of a {@code trustDevice} flag. */
    static DeviceTrust of(boolean trust) {
        return trust ? TRUST_THIS_DEVICE : ASK_EVERY_TIME;
    }
}
