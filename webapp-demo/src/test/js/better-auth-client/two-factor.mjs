// Drives SessionAuth's two-factor sign-in with Better Auth's own client and its twoFactorClient() plugin, unchanged:
// enable -> verify (turns it on) -> sign-in stops at the second step -> verify-totp / verify-backup-code signs in.
// Usage: node two-factor.mjs http://127.0.0.1:8080
// Outside a browser nothing keeps cookies, so the hooks below play the browser's cookie jar and Origin header, and
// the authenticator app is a few lines of node:crypto (RFC 6238), written apart from the server's Java.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { createAuthClient } from "better-auth/client";
import { twoFactorClient } from "better-auth/client/plugins";

const base = process.argv[2];
assert.ok(base, "usage: node two-factor.mjs <baseURL>");

/** A browser's cookie jar for SessionAuth's cookies (session, pending sign-in, trusted device, ...). */
function jar() {
  const cookies = new Map();
  return {
    cookies,
    onRequest(ctx) {
      const header = [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
      if (header) ctx.headers.set("cookie", header);
      ctx.headers.set("origin", base);
    },
    onResponse(ctx) {
      for (const line of ctx.response.headers.getSetCookie()) {
        const pair = line.split(";")[0];
        const eq = pair.indexOf("=");
        const name = pair.slice(0, eq);
        if (/Max-Age=0/i.test(line)) cookies.delete(name);
        else cookies.set(name, pair.slice(eq + 1));
      }
    },
  };
}

/** RFC 4648 base32 (no padding) to bytes. */
function base32(text) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of text.replace(/=+$/, "").toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** An authenticator app: the RFC 6238 code (SHA-1, 6 digits, 30 s) of the key in an otpauth URI. */
function app(totpURI) {
  const key = base32(new URL(totpURI).searchParams.get("secret"));
  return {
    step: () => Math.floor(Date.now() / 1000 / 30),
    code(step) {
      const counter = Buffer.alloc(8);
      counter.writeBigUInt64BE(BigInt(step));
      const h = createHmac("sha1", key).update(counter).digest();
      const o = h[h.length - 1] & 0x0f;
      const n = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
      return String(n % 1_000_000).padStart(6, "0");
    },
  };
}

let redirected = null;
function client(cookieJar) {
  return createAuthClient({
    baseURL: base,
    fetchOptions: cookieJar,
    plugins: [twoFactorClient({ onTwoFactorRedirect: (context) => { redirected = context; } })],
  });
}

const laptopJar = jar();
const laptop = client(laptopJar);
const email = `two-factor-${Date.now()}@example.com`;
const password = "velvet-otter-42";
assert.equal((await laptop.signUp.email({ name: "Two Factor", email, password })).error, null);

const enabled = await laptop.twoFactor.enable({ password });
assert.equal(enabled.error, null, JSON.stringify(enabled.error));
assert.equal(enabled.data.method, "totp");
assert.match(enabled.data.totpURI, /^otpauth:\/\/totp\/SessionAuth%20demo:two-factor-\d+%40example\.com\?secret=[A-Z2-7]{32}&issuer=SessionAuth\+demo&digits=6&period=30$/);
assert.equal(enabled.data.backupCodes.length, 10);
assert.equal((await laptop.getSession()).data.user.twoFactorEnabled, false, "off until the first code");
const phoneApp = app(enabled.data.totpURI);
const wrongPassword = await laptop.twoFactor.enable({ password: "not the password" });
assert.equal(wrongPassword.error.status, 400);
assert.equal(wrongPassword.error.code, "INVALID_PASSWORD");
console.log("twoFactor.enable ok");

const enrolStep = phoneApp.step();
const confirmed = await laptop.twoFactor.verifyTotp({ code: phoneApp.code(enrolStep) });
assert.equal(confirmed.error, null, JSON.stringify(confirmed.error));
assert.equal((await laptop.getSession()).data.user.twoFactorEnabled, true);
console.log("twoFactor.verifyTotp (enrolment) ok");

const uri = await laptop.twoFactor.getTotpUri({ password });
assert.equal(uri.data.totpURI, enabled.data.totpURI);
console.log("twoFactor.getTotpUri ok");

const phoneJar = jar();
const phone = client(phoneJar);
const challenged = await phone.signIn.email({ email, password });
assert.equal(challenged.error, null, JSON.stringify(challenged.error));
assert.deepEqual(challenged.data, { twoFactorRedirect: true, twoFactorMethods: ["totp"] });
assert.deepEqual(redirected, { twoFactorMethods: ["totp"] }, "the plugin's onTwoFactorRedirect fired");
assert.equal((await phone.getSession()).data, null, "no session before the code");
assert.ok(phoneJar.cookies.has("sessionauth.two_factor"), "the pending sign-in's cookie");
console.log("signIn.email -> twoFactorRedirect ok");

const wrong = await phone.twoFactor.verifyTotp({ code: phoneApp.code(enrolStep) === "000000" ? "111111" : "000000" });
assert.equal(wrong.error.status, 401);
assert.equal(wrong.error.code, "INVALID_CODE");
const replayed = await phone.twoFactor.verifyTotp({ code: phoneApp.code(enrolStep) });
assert.equal(replayed.error.code, "INVALID_CODE", "a code is accepted once, even within its window");
// The app's next code (the server accepts one step either side of its clock).
const verified = await phone.twoFactor.verifyTotp({ code: phoneApp.code(enrolStep + 1), trustDevice: true });
assert.equal(verified.error, null, JSON.stringify(verified.error));
assert.match(verified.data.token, /^[A-Za-z0-9_-]{43}$/);
assert.equal(verified.data.user.email, email);
assert.equal((await phone.getSession()).data.user.email, email);
assert.ok(!phoneJar.cookies.has("sessionauth.two_factor"), "the pending sign-in is over");
assert.ok(phoneJar.cookies.has("sessionauth.trust_device"), "this device is trusted");
console.log("twoFactor.verifyTotp (sign-in) ok");

await phone.signOut();
const trusted = await phone.signIn.email({ email, password });
assert.equal(trusted.error, null, JSON.stringify(trusted.error));
assert.equal(trusted.data.user.email, email, "a trusted device signs in without a code");
console.log("trusted device ok");

const codes = await laptop.twoFactor.generateBackupCodes({ password });
assert.equal(codes.error, null, JSON.stringify(codes.error));
assert.equal(codes.data.status, true);
assert.equal(codes.data.backupCodes.length, 10);
const tabletJar = jar();
const tablet = client(tabletJar);
await tablet.signIn.email({ email, password });
const old = await tablet.twoFactor.verifyBackupCode({ code: enabled.data.backupCodes[0] });
assert.equal(old.error.code, "INVALID_BACKUP_CODE", "new codes replace the old");
const backup = await tablet.twoFactor.verifyBackupCode({ code: codes.data.backupCodes[0] });
assert.equal(backup.error, null, JSON.stringify(backup.error));
assert.equal((await tablet.getSession()).data.user.email, email);
const kiosk = client(jar());
await kiosk.signIn.email({ email, password });
const reused = await kiosk.twoFactor.verifyBackupCode({ code: codes.data.backupCodes[0] });
assert.equal(reused.error.status, 401);
assert.equal(reused.error.code, "INVALID_BACKUP_CODE", "a backup code works once");
console.log("twoFactor.generateBackupCodes + verifyBackupCode ok");

const otp = await kiosk.twoFactor.sendOtp();
assert.equal(otp.error.code, "OTP_NOT_CONFIGURED");

const off = await laptop.twoFactor.disable({ password });
assert.equal(off.error, null, JSON.stringify(off.error));
assert.deepEqual(off.data, { status: true });
assert.equal((await laptop.getSession()).data.user.twoFactorEnabled, false);
const plain = await client(jar()).signIn.email({ email, password });
assert.equal(plain.data.user.email, email, "signing in takes the password alone again");
console.log("twoFactor.disable ok");
console.log("BETTER AUTH TWO-FACTOR CLIENT: ALL OK");
