package dev.sessionauth.twofactor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.engine.BrowserUpdate;
import dev.sessionauth.engine.Caller;
import dev.sessionauth.engine.Resolution;
import dev.sessionauth.engine.ResolveMode;
import dev.sessionauth.engine.SignInOutcome;
import dev.sessionauth.engine.SignedIn;
import dev.sessionauth.web.ApiExchange;
import dev.sessionauth.web.Endpoint;
import dev.sessionauth.web.JsonBody;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Better Auth's {@code twoFactor} plugin on the wire, under {@code basePath}: every request and answer shaped as its
 * {@code plugins/two-factor} endpoints shape them, so its npm client's {@code twoFactor.*} calls work unchanged. The
 * verify endpoints also take a plain HTML form ({@code callbackURL}, {@code errorCallbackURL}), as sign-in does.
 */
final class TwoFactorEndpoints {
    private static final Set<String> PASSWORD_ONLY = Set.of("password");
    private static final Set<String> VERIFY_FIELDS = ApiExchange.withFormFields(Set.of("code", "trustDevice"));
    private static final Set<String> VERIFY_BACKUP_FIELDS = ApiExchange.withFormFields(
            Set.of("code", "trustDevice", "disableSession"));

    private final ApiExchange api;
    private final TwoFactorService service;

    TwoFactorEndpoints(ApiExchange api, TwoFactorService service) {
        this.api = api;
        this.service = service;
    }

    Map<String, Endpoint> endpoints() {
        return Map.of(
                "/two-factor/enable", Endpoint.post(this::enable),
                "/two-factor/get-totp-uri", Endpoint.post(this::totpUri),
                "/two-factor/disable", Endpoint.post(this::disable),
                "/two-factor/generate-backup-codes", Endpoint.post(this::generateBackupCodes),
                "/two-factor/verify-totp", Endpoint.post((q, r) -> verify(q, r, TwoFactorService.Factor.TOTP)),
                "/two-factor/verify-backup-code",
                Endpoint.post((q, r) -> verify(q, r, TwoFactorService.Factor.BACKUP_CODE)),
                "/two-factor/send-otp", Endpoint.post(this::otpNotOffered),
                "/two-factor/verify-otp", Endpoint.post(this::otpNotOffered));
    }

    /** {@code {password, issuer?, method?}} → {@code {method: "totp", totpURI, backupCodes}}. */
    private void enable(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = api.body(request, false).allowOnly(Set.of("password", "issuer", "method"));
        Resolution current = api.requireSession(request, response);
        Optional<String> method = body.optionalString("method");
        if (method.isPresent() && !method.get().equals("totp") && !method.get().equals("otp")) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "method must be totp or otp");
        }
        if (method.filter("otp"::equals).isPresent()) {
            throw new AuthException(ErrorCode.OTP_NOT_CONFIGURED);
        }
        TotpEnrolment enrolment = service.enable(current, body.optionalString("password"),
                body.optionalString("issuer"), api.caller(request));
        ObjectNode out = api.json().object();
        out.put("method", "totp");
        out.put("totpURI", enrolment.totpUri());
        out.set("backupCodes", codes(enrolment.backupCodes()));
        api.write(response, out);
    }

    /** {@code {password}} → {@code {totpURI}}. */
    private void totpUri(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = api.body(request, false).allowOnly(PASSWORD_ONLY);
        Resolution current = api.requireSession(request, response);
        ObjectNode out = api.json().object();
        out.put("totpURI", service.totpUri(current, body.optionalString("password"), api.caller(request)));
        api.write(response, out);
    }

    /** {@code {password}} → {@code {status: true}}, a new session cookie, and this browser's trusted device gone. */
    private void disable(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = api.body(request, false).allowOnly(PASSWORD_ONLY);
        Resolution current = api.requireSession(request, response);
        SignedIn in = service.disable(current, body.optionalString("password"), api.caller(request));
        api.apply(request, response, in.browser());
        api.status(response);
    }

    /** {@code {password}} → {@code {status: true, backupCodes}}. */
    private void generateBackupCodes(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = api.body(request, false).allowOnly(PASSWORD_ONLY);
        Resolution current = api.requireSession(request, response);
        List<String> codes = service.generateBackupCodes(current, body.optionalString("password"),
                api.caller(request));
        ObjectNode out = api.json().object();
        out.put("status", true);
        out.set("backupCodes", codes(codes));
        api.write(response, out);
    }

    /**
     * {@code {code, trustDevice?}} → answered as a sign-in ({@code token}, {@code user} and the session cookie), for
     * a pending sign-in or a signed-in user. {@code disableSession} (Better Auth: spend a backup code without signing
     * in) is refused: a code that holds signs in.
     */
    private void verify(HttpServletRequest request, HttpServletResponse response, TwoFactorService.Factor factor)
            throws IOException {
        JsonBody body = api.body(request, true).allowOnly(factor == TwoFactorService.Factor.TOTP ? VERIFY_FIELDS
                : VERIFY_BACKUP_FIELDS);
        Optional<String> callback = api.callbackUrl(body, request, "callbackURL");
        Optional<String> errorCallback = api.callbackUrl(body, request, "errorCallbackURL");
        try {
            if (body.optionalBoolean("disableSession").orElse(false)) {
                throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "disableSession is not supported: a backup"
                        + " code that holds signs in");
            }
            String code = body.requiredString("code");
            DeviceTrust trust = DeviceTrust.of(body.optionalBoolean("trustDevice").orElse(false));
            Caller caller = api.caller(request);
            Optional<Resolution> current = signedIn(request, response);
            if (current.isPresent()) {
                api.checkFormToken(body, request, current.get());
            }
            TwoFactorService.Verification done = service.verify(factor, code, trust, current, caller);
            api.apply(request, response, done.browser());
            if (done instanceof TwoFactorService.Verification.Refused refused) {
                throw refused.refusal();
            }
            SignedIn in = ((TwoFactorService.Verification.Passed) done).signedIn();
            // The browser was told already; the answer is the sign-in's.
            api.answerSignIn(request, response, body, callback, new SignInOutcome.Issued(
                    new SignedIn(in.user(), in.session(), in.token(), BrowserUpdate.KEEP)));
        } catch (AuthException e) {
            ApiExchange.redirectOnFormError(body, errorCallback, e, response);
        }
    }

    /** Codes by e-mail or SMS are not offered: Better Auth's answer when {@code otpOptions.sendOTP} is missing. */
    private void otpNotOffered(HttpServletRequest request, HttpServletResponse response) {
        throw new AuthException(ErrorCode.OTP_NOT_CONFIGURED, "otp isn't configured");
    }

    /** The caller's live session, read from the store, if it has one; two different ones are refused. */
    private Optional<Resolution> signedIn(HttpServletRequest request, HttpServletResponse response) {
        Resolution r = api.auth().resolve(api.presented(request), ResolveMode.STORE.requireOneSession());
        api.apply(request, response, r.browser());
        if (r.status() == Resolution.Status.CONFLICT) {
            throw new AuthException(r.failure());
        }
        return r.isValid() ? Optional.of(r) : Optional.empty();
    }

    private ArrayNode codes(List<String> codes) {
        ArrayNode array = api.mapper().createArrayNode();
        codes.forEach(array::add);
        return array;
    }
}
