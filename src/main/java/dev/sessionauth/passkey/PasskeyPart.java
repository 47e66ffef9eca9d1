package dev.sessionauth.passkey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.Session;
import dev.sessionauth.User;
import dev.sessionauth.engine.AddressLimits;
import dev.sessionauth.engine.BrowserUpdate;
import dev.sessionauth.engine.Caller;
import dev.sessionauth.engine.FeatureContext;
import dev.sessionauth.engine.FeaturePart;
import dev.sessionauth.engine.Resolution;
import dev.sessionauth.engine.ResolveMode;
import dev.sessionauth.engine.SignInGate;
import dev.sessionauth.engine.SignInOutcome;
import dev.sessionauth.engine.SignedIn;
import dev.sessionauth.spi.DuplicateEmailException;
import dev.sessionauth.passkey.Challenges.Ceremony;
import dev.sessionauth.passkey.Challenges.Pending;
import dev.sessionauth.web.ApiExchange;
import dev.sessionauth.web.ApiRoutes;
import dev.sessionauth.web.Endpoint;
import dev.sessionauth.web.JsonBody;
import dev.sessionauth.web.UrlEncoded;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The started passkey way in: Better Auth's {@code /passkey/*} endpoints (register a passkey to the signed-in user,
 * or with {@code passkey.signUp} to a new account that has no password, Better Auth's passkey-first registration;
 * sign in with one; list, rename and delete them), its challenge cookie, the count of ways in it holds for a user,
 * and the Java API ({@link Passkeys}).
 *
 * <p>Rules beyond Better Auth's (each in the docs, {@code docs/passkeys.md}): user verification is required in both
 * ceremonies (a passkey sign-in is then two factors, so the two-factor gate lets it through); the expected origins
 * are the configured ones, never the request's {@code Origin} header; every sign-in attempt and every anonymous
 * options call takes from the address's strict allowance ({@code rateLimit.strict.*}); a passkey that is the user's
 * last way in is not deleted; registration errors are 400, not 500.
 */
final class PasskeyPart implements FeaturePart, ApiRoutes, Passkeys {
    private static final System.Logger LOG = System.getLogger(PasskeyPart.class.getName());

    /** Longest label, as the column holds it. */
    static final int MAX_NAME = 255;
    /** WebAuthn caps credential ids at 1023 bytes: 1364 characters of base64url. */
    private static final int MAX_CREDENTIAL_ID = 1364;
    /** The column's width; an RSA-4096 COSE key is about 740 characters. */
    private static final int MAX_PUBLIC_KEY = 4096;

    private final FeatureContext context;
    private final RelyingParty relyingParty;
    private final PasskeyOptions options;
    private final PasskeyVerifiers verifiers;
    private final PasskeyStore store;
    private final Challenges challenges;
    private final Optional<AddressLimits> anonymousOptions;
    private final Optional<AddressLimits> signInAttempts;
    private final Optional<AddressLimits> signUps;
    private final boolean signUp;
    /** Set while this thread asks the engine for the user's ways in other than passkeys (see {@link #remove}). */
    private final ThreadLocal<Boolean> countingOtherWaysIn = ThreadLocal.withInitial(() -> false);

    PasskeyPart(FeatureContext context, RelyingParty relyingParty, PasskeyVerifiers verifiers, PasskeyStore store,
            boolean signUp) {
        this.context = context;
        this.signUp = signUp;
        this.relyingParty = relyingParty;
        this.options = new PasskeyOptions(relyingParty, new SecureRandom());
        this.verifiers = verifiers;
        this.store = store;
        this.challenges = new Challenges(context.verifications(), context.signer(), context.tokens(), context.clock());
        boolean throttled = context.config().rateLimitEnabled();
        // The strict allowance, counted apart for each of the two anonymous actions, as the core counts sign-ups.
        this.anonymousOptions = throttled ? Optional.of(strictAllowance()) : Optional.empty();
        this.signInAttempts = throttled ? Optional.of(strictAllowance()) : Optional.empty();
        this.signUps = throttled ? Optional.of(strictAllowance()) : Optional.empty();
    }

    private AddressLimits strictAllowance() {
        return new AddressLimits(context.config().strictMax(), context.config().strictWindow(), context.clock());
    }

    @Override
    public Set<String> cookies() {
        return Set.of(Challenges.COOKIE);
    }

    @Override
    public int waysIn(String userId) {
        return countingOtherWaysIn.get() ? 0 : store.countOf(userId);
    }

    @Override
    public Map<String, Endpoint> endpoints(ApiExchange api) {
        return Map.of(
                "/passkey/generate-register-options",
                Endpoint.get((request, response, query) -> answer(api, response,
                        () -> registrationOptions(api, request, response, query))),
                "/passkey/verify-registration",
                Endpoint.post((request, response) -> answer(api, response,
                        () -> verifyRegistration(api, request, response))),
                "/passkey/generate-authenticate-options",
                Endpoint.getWithoutQuery((request, response) -> answer(api, response,
                        () -> authenticationOptions(api, request, response))),
                "/passkey/verify-authentication",
                Endpoint.post((request, response) -> answer(api, response,
                        () -> verifyAuthentication(api, request, response))),
                "/passkey/list-user-passkeys",
                Endpoint.getWithoutQuery((request, response) -> answer(api, response,
                        () -> listUserPasskeys(api, request, response))),
                "/passkey/delete-passkey",
                Endpoint.post((request, response) -> answer(api, response,
                        () -> deletePasskey(api, request, response))),
                "/passkey/update-passkey",
                Endpoint.post((request, response) -> answer(api, response,
                        () -> updatePasskey(api, request, response))));
    }

    /** An endpoint's work, which answers the request itself. */
    @FunctionalInterface
    private interface Work {
        void run() throws IOException;
    }

    /**
     * Runs {@code work}; a passkey refusal is answered with its Better Auth code, message and status (which, unlike
     * an {@link ErrorCode}'s, depends on the endpoint: {@code PASSKEY_NOT_FOUND} is 401 at sign-in, 404 elsewhere).
     * Every other failure goes on to the API's own answers.
     */
    private static void answer(ApiExchange api, HttpServletResponse response, Work work) throws IOException {
        try {
            work.run();
        } catch (PasskeyException e) {
            ObjectNode body = api.json().object();
            body.put("code", e.code().name());
            body.put("message", e.getMessage());
            byte[] bytes = api.mapper().writeValueAsBytes(body);
            response.setStatus(e.status());
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("application/json;charset=utf-8");
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        }
    }

    // ---- registration: a signed-in user adds a passkey, or (passkey.signUp) a new account gets its first ----

    private void registrationOptions(ApiExchange api, HttpServletRequest request, HttpServletResponse response,
            UrlEncoded query) throws IOException {
        Optional<AuthenticatorAttachment> attachment = query.single("authenticatorAttachment")
                .filter(v -> !v.isEmpty())
                .map(v -> AuthenticatorAttachment.parse(v).orElseThrow(() -> new AuthException(
                        ErrorCode.INVALID_REQUEST_BODY, "authenticatorAttachment must be platform or cross-platform")));
        Resolution current = session(api, request, response);
        if (!current.isValid()) {
            // Better Auth's passkey-first registration: no session, the account to create named in `context`.
            Optional<String> context = query.single("context").filter(c -> !c.isBlank());
            if (!signUp || context.isEmpty()) {
                throw new AuthException(current.failure());
            }
            signUpOptions(api, request, response, SignUpAccount.parse(api.mapper(), context.get()), attachment);
            return;
        }
        User user = current.user().orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
        requireFresh(api, current.session().orElseThrow());
        // The account as the authenticator will show it: the e-mail address to pick it by, the name to greet by.
        PasskeyUser account = new PasskeyUser(user.getId(), user.getEmail(),
                user.getName() == null || user.getName().isBlank() ? user.getEmail() : user.getName());
        List<CredentialDescriptor> existing = store.listOf(user.getId()).stream().map(Passkey::descriptor).toList();
        CeremonyOptions issued = registration(account, existing, attachment);
        api.apply(request, response, BrowserUpdate.features(
                challenges.issue(Ceremony.REGISTRATION, Optional.of(user.getId()), issued.challenge())));
        api.write(response, issued.json());
    }

    private CeremonyOptions registration(PasskeyUser account, List<CredentialDescriptor> existing,
            Optional<AuthenticatorAttachment> attachment) {
        return attachment.map(a -> options.registration(account, existing, UserVerification.REQUIRED, a))
                .orElseGet(() -> options.registration(account, existing, UserVerification.REQUIRED));
    }

    /**
     * The options of a passkey sign-up: for an account not yet made (its id chosen now), the address and name kept
     * for the verify call in the challenge cookie. An address that has an account is refused here already (it would
     * be at the end too), before the browser asks the user for anything.
     */
    private void signUpOptions(ApiExchange api, HttpServletRequest request, HttpServletResponse response,
            SignUpAccount account, Optional<AuthenticatorAttachment> attachment) throws IOException {
        Caller caller = api.caller(request);
        signUps.ifPresent(limits -> caller.client().ipAddress().ifPresent(limits::take));
        if (context.users().findCredentials(account.email()).isPresent()) {
            throw new AuthException(ErrorCode.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL);
        }
        String newUserId = context.tokens().newId();
        CeremonyOptions issued = registration(new PasskeyUser(newUserId, account.email(), account.name()), List.of(),
                attachment);
        api.apply(request, response, BrowserUpdate.features(challenges.issue(Ceremony.SIGN_UP,
                Optional.of(newUserId), issued.challenge(), Optional.of(account.encode(api.mapper())))));
        api.write(response, issued.json());
    }

    /** The caller's session, if any, as {@link ApiExchange#requireSession} reads it, without requiring one. */
    private static Resolution session(ApiExchange api, HttpServletRequest request, HttpServletResponse response) {
        Resolution r = api.auth().resolve(api.presented(request), ResolveMode.STORE.requireOneSession());
        api.apply(request, response, r.browser());
        return r;
    }

    private void verifyRegistration(ApiExchange api, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        JsonBody body = api.body(request, false).allowOnly(Set.of("response", "name", "createSession"));
        Optional<ObjectNode> credential = body.optionalObjectNode("response");
        Optional<String> name = body.optionalString("name").map(String::trim).filter(n -> !n.isEmpty());
        name.ifPresent(PasskeyPart::checkName);
        boolean createSession = body.optionalBoolean("createSession").orElse(false);
        Resolution current = session(api, request, response);
        if (!current.isValid()) {
            if (!signUp) {
                throw new AuthException(current.failure());
            }
            verifySignUp(api, request, response, credential, name, createSession);
            return;
        }
        User user = current.user().orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
        Session session = current.session().orElseThrow();
        requireFresh(api, session);

        Pending pending = challenges.take(api.presented(request), Ceremony.REGISTRATION);
        if (!pending.userId().equals(Optional.of(user.getId()))) {
            // Issued while another user was signed in in this browser: that user's ceremony, not this one's.
            throw new PasskeyException(PasskeyErrorCode.YOU_ARE_NOT_ALLOWED_TO_REGISTER_THIS_PASSKEY);
        }
        NewPasskey verified = verifyNew(credential, pending);
        Passkey passkey = Passkey.registered(context.tokens().newId(), name, user.getId(), verified,
                context.clock().instant());
        try {
            store.add(passkey);
        } catch (PasskeyStore.DuplicateCredentialException e) {
            LOG.log(Level.INFO, () -> "passkey registration refused: credential " + verified.credentialId()
                    + " is registered already");
            throw new PasskeyException(PasskeyErrorCode.FAILED_TO_VERIFY_REGISTRATION);
        }
        LOG.log(Level.INFO, () -> "passkey " + passkey.id() + " registered for user " + user.getId());
        ObjectNode out = PasskeyJson.of(api.mapper(), passkey);
        if (createSession) {
            // Better Auth's createSession: a new session for the same user, which replaces the one presented.
            SignedIn fresh = context.issuer().issue(user, session.isRemember(), api.caller(request));
            api.apply(request, response, fresh.browser());
            out.set("session", api.json().session(fresh.session()));
            out.set("user", api.json().user(fresh.user()));
        }
        api.write(response, out);
    }

    /** The browser's registration response checked against the challenge, and sizes our columns hold. */
    private NewPasskey verifyNew(Optional<ObjectNode> credential, Pending pending) {
        NewPasskey verified = verifiers.registration().verify(credential.orElse(null), pending.challenge(),
                UserVerification.REQUIRED);
        if (verified.credentialId().length() > MAX_CREDENTIAL_ID || verified.publicKey().length() > MAX_PUBLIC_KEY) {
            LOG.log(Level.INFO, "passkey registration refused: credential id or public key larger than WebAuthn allows");
            throw new PasskeyException(PasskeyErrorCode.FAILED_TO_VERIFY_REGISTRATION);
        }
        return verified;
    }

    /**
     * The end of a passkey sign-up: the response verified, the account made without a password, its first passkey
     * stored (if that fails, the account goes again: it would have no way in), and with {@code createSession} the new
     * user signed in, as a sign-up signs in.
     */
    private void verifySignUp(ApiExchange api, HttpServletRequest request, HttpServletResponse response,
            Optional<ObjectNode> credential, Optional<String> name, boolean createSession) throws IOException {
        Caller caller = api.caller(request);
        Pending pending = challenges.take(caller.presented(), Ceremony.SIGN_UP);
        SignUpAccount account = pending.payload().flatMap(p -> SignUpAccount.decode(api.mapper(), p))
                .orElseThrow(() -> new PasskeyException(PasskeyErrorCode.CHALLENGE_NOT_FOUND));
        String userId = pending.userId().orElseThrow(() -> new PasskeyException(PasskeyErrorCode.CHALLENGE_NOT_FOUND));
        NewPasskey verified = verifyNew(credential, pending);
        if (store.findByCredentialId(verified.credentialId()).isPresent()) {
            LOG.log(Level.INFO, () -> "passkey sign-up refused: credential " + verified.credentialId()
                    + " is registered already");
            throw new PasskeyException(PasskeyErrorCode.FAILED_TO_VERIFY_REGISTRATION);
        }
        Instant now = context.clock().instant();
        try {
            context.users().create(new User(userId, account.name(), account.email(), false, Optional.empty(), now, now,
                    Map.of()), null, Optional.empty());
        } catch (DuplicateEmailException e) {
            throw new AuthException(ErrorCode.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL);
        }
        Passkey passkey = Passkey.registered(context.tokens().newId(), name, userId, verified, now);
        try {
            store.add(passkey);
        } catch (RuntimeException e) {
            context.users().delete(userId);
            if (e instanceof PasskeyStore.DuplicateCredentialException) {
                throw new PasskeyException(PasskeyErrorCode.FAILED_TO_VERIFY_REGISTRATION);
            }
            throw e;
        }
        User user = context.users().findById(userId).orElseThrow(() -> new PasskeyException(
                PasskeyErrorCode.USER_NOT_FOUND));
        LOG.log(Level.INFO, () -> "user " + userId + " signed up with passkey " + passkey.id());
        ObjectNode out = PasskeyJson.of(api.mapper(), passkey);
        if (createSession) {
            SignedIn in = context.issuer().issue(user, true, caller);
            api.apply(request, response, in.browser());
            out.set("session", api.json().session(in.session()));
            out.set("user", api.json().user(in.user()));
        }
        api.write(response, out);
    }

    // ---- sign-in ----

    private void authenticationOptions(ApiExchange api, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Caller caller = api.caller(request);
        anonymousOptions.ifPresent(limits -> caller.client().ipAddress().ifPresent(limits::take));
        // A signed-in caller is offered only their own passkeys, as Better Auth does; anyone else any passkey the
        // browser holds for this RP ID (discoverable, user-name-less sign-in).
        Resolution current = api.auth().resolve(caller.presented(), ResolveMode.PEEK);
        Optional<String> userId = current.isValid() ? current.session().map(Session::getUserId) : Optional.empty();
        List<CredentialDescriptor> allowed = userId.map(store::listOf).orElse(List.of()).stream()
                .map(Passkey::descriptor).toList();
        CeremonyOptions issued = options.authentication(UserVerification.REQUIRED, allowed);
        api.apply(request, response, BrowserUpdate.features(
                challenges.issue(Ceremony.AUTHENTICATION, userId, issued.challenge())));
        api.write(response, issued.json());
    }

    private void verifyAuthentication(ApiExchange api, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        JsonBody body = api.body(request, false).allowOnly(Set.of("response", "rememberMe"));
        ObjectNode credential = body.optionalObjectNode("response")
                .orElseThrow(() -> new AuthException(ErrorCode.INVALID_REQUEST_BODY, "Missing field: response"));
        boolean rememberMe = body.optionalBoolean("rememberMe").orElse(true);
        Caller caller = api.caller(request);
        // Every attempt counts, a failed one too: a guessing client meets the limit whatever it sends.
        signInAttempts.ifPresent(limits -> caller.client().ipAddress().ifPresent(limits::take));

        Pending pending = challenges.take(caller.presented(), Ceremony.AUTHENTICATION);
        JsonNode id = credential.get("id");
        Passkey passkey = (id != null && id.isTextual() ? store.findByCredentialId(id.textValue()) : Optional.<Passkey>empty())
                .orElseThrow(() -> new PasskeyException(PasskeyErrorCode.PASSKEY_NOT_FOUND));
        VerifiedAuthentication verified = verifiers.authentication().verify(credential, passkey.stored(),
                pending.challenge(), UserVerification.REQUIRED);
        if (!store.advanceCounter(passkey.id(), passkey.counter(), verified.newCounter())) {
            // Another sign-in moved the counter since it was read: two copies of the authenticator at once.
            LOG.log(Level.WARNING, () -> "passkey " + passkey.credentialId() + " refused: its signature counter "
                    + "moved during this sign-in; the authenticator may have been cloned");
            throw new PasskeyException(PasskeyErrorCode.AUTHENTICATION_FAILED);
        }
        User user = context.users().findById(passkey.userId())
                .orElseThrow(() -> new PasskeyException(PasskeyErrorCode.PASSKEY_NOT_FOUND));
        if (context.config().emailVerificationRequired() && !user.isEmailVerified()) {
            throw new AuthException(ErrorCode.EMAIL_NOT_VERIFIED, "Please verify your e-mail address first");
        }
        SignInOutcome outcome = context.issuer().signIn(user, SignInGate.PASSKEY, rememberMe, caller);
        if (outcome instanceof SignInOutcome.Issued issued) {
            // Better Auth answers {session, user}; redirect and token are there too, as in every sign-in of ours.
            SignedIn in = issued.signedIn();
            api.apply(request, response, in.browser());
            ObjectNode out = api.json().object();
            out.set("session", api.json().session(in.session()));
            out.set("user", api.json().user(in.user()));
            out.put("redirect", false);
            out.put("token", in.token());
            api.write(response, out);
        } else {
            api.answerSignIn(request, response, body, Optional.empty(), outcome);
        }
    }

    // ---- managing a user's passkeys ----

    private void listUserPasskeys(ApiExchange api, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String userId = signedInUser(api, request, response);
        api.write(response, PasskeyJson.of(api.mapper(), store.listOf(userId)));
    }

    private void deletePasskey(ApiExchange api, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        JsonBody body = api.body(request, false).allowOnly(Set.of("id"));
        String id = requiredId(body);
        String userId = signedInUser(api, request, response);
        switch (remove(userId, id)) {
            case DELETED -> api.status(response);
            case NOT_FOUND -> throw new PasskeyException(PasskeyErrorCode.PASSKEY_NOT_FOUND, null, 404);
            // Better Auth: 401 for another user's passkey.
            case NOT_OWNER -> throw new AuthException(ErrorCode.UNAUTHORIZED, "This passkey is not yours");
            case LAST_WAY_IN -> throw new PasskeyException(PasskeyErrorCode.CANNOT_DELETE_LAST_WAY_IN);
            default -> throw new IllegalStateException();
        }
    }

    private void updatePasskey(ApiExchange api, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        JsonBody body = api.body(request, false).allowOnly(Set.of("id", "name"));
        String id = requiredId(body);
        String name = body.requiredString("name").trim();
        checkName(name);
        String userId = signedInUser(api, request, response);
        Passkey renamed = renameOwn(userId, id, name);
        ObjectNode out = api.json().object();
        out.set("passkey", PasskeyJson.of(api.mapper(), renamed));
        api.write(response, out);
    }

    private Passkey renameOwn(String userId, String id, String name) {
        Passkey passkey = store.find(id)
                .orElseThrow(() -> new PasskeyException(PasskeyErrorCode.PASSKEY_NOT_FOUND, null, 404));
        if (!passkey.userId().equals(userId)) {
            // Better Auth's answer for another user's passkey, its odd wording included.
            throw new PasskeyException(PasskeyErrorCode.YOU_ARE_NOT_ALLOWED_TO_REGISTER_THIS_PASSKEY);
        }
        return store.rename(id, name)
                .orElseThrow(() -> new PasskeyException(PasskeyErrorCode.PASSKEY_NOT_FOUND, null, 404));
    }

    private PasskeyStore.Removal remove(String userId, String id) {
        // The ways in other than passkeys (a password, linked accounts): the engine's count with this part's share
        // left out, rather than the engine's count minus a second read of the passkeys, which a concurrent deletion
        // could fall between. The passkeys themselves are counted under the user's lock, in the store.
        int others;
        countingOtherWaysIn.set(true);
        try {
            others = context.waysIn(userId);
        } finally {
            countingOtherWaysIn.remove();
        }
        PasskeyStore.Removal removal = store.remove(userId, id, others);
        if (removal == PasskeyStore.Removal.DELETED) {
            LOG.log(Level.INFO, () -> "passkey " + id + " of user " + userId + " deleted");
        }
        return removal;
    }

    private static String signedInUser(ApiExchange api, HttpServletRequest request, HttpServletResponse response) {
        return api.requireSession(request, response).session().orElseThrow().getUserId();
    }

    private static String requiredId(JsonBody body) {
        String id = body.requiredString("id");
        if (id.isBlank()) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "Missing field: id");
        }
        return id;
    }

    /** Better Auth asks for a fresh session ({@code session.freshAge}) to register a passkey. */
    private static void requireFresh(ApiExchange api, Session session) {
        if (!api.auth().isFresh(session)) {
            throw new AuthException(ErrorCode.SESSION_NOT_FRESH, "Sign in again to add a passkey");
        }
    }

    /** A label: 1 to {@value #MAX_NAME} characters after trimming, no control characters. */
    private static void checkName(String name) {
        if (name.isEmpty()) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "name must not be empty");
        }
        if (name.length() > MAX_NAME) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "name must be at most " + MAX_NAME
                    + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "name must not contain control characters");
        }
    }

    // ---- the Java API ----

    @Override
    public RelyingParty relyingParty() {
        return relyingParty;
    }

    @Override
    public List<Passkey> list(String userId) {
        return store.listOf(userId);
    }

    @Override
    public Optional<Passkey> rename(String userId, String passkeyId, String name) {
        String trimmed = name.trim();
        checkName(trimmed);
        return store.find(passkeyId).filter(p -> p.userId().equals(userId))
                .flatMap(p -> store.rename(passkeyId, trimmed));
    }

    @Override
    public boolean delete(String userId, String passkeyId) {
        return switch (remove(userId, passkeyId)) {
            case DELETED -> true;
            case NOT_FOUND, NOT_OWNER -> false;
            case LAST_WAY_IN -> throw new PasskeyException(PasskeyErrorCode.CANNOT_DELETE_LAST_WAY_IN);
        };
    }
}
