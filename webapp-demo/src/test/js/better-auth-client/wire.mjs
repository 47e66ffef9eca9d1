// Drives a SessionAuth server with Better Auth's own client, unchanged. Usage: node wire.mjs http://127.0.0.1:8080
// Outside a browser nothing keeps cookies, so the hooks below play the browser's cookie jar and Origin header.
import assert from "node:assert/strict";
import { createAuthClient } from "better-auth/client";

const base = process.argv[2];
assert.ok(base, "usage: node wire.mjs <baseURL>");

function jar() {
  let cookie = "";
  return {
    onRequest(ctx) {
      if (cookie) ctx.headers.set("cookie", cookie);
      ctx.headers.set("origin", base);
    },
    onResponse(ctx) {
      for (const line of ctx.response.headers.getSetCookie()) {
        const pair = line.split(";")[0];
        if (pair.startsWith("sessionauth.session_token=")) cookie = /Max-Age=0/i.test(line) ? "" : pair;
      }
    },
  };
}

const laptop = createAuthClient({ baseURL: base, fetchOptions: jar() });
const phone = createAuthClient({ baseURL: base, fetchOptions: jar() });
const email = `better-auth-${Date.now()}@example.com`;

const up = await laptop.signUp.email({ name: "Better Auth Client", email, password: "velvet-otter-42" });
assert.equal(up.error, null, JSON.stringify(up.error));
assert.equal(up.data.user.email, email);
assert.match(up.data.token, /^[A-Za-z0-9_-]{43}$/);
console.log("signUp.email ok");

const session = await laptop.getSession();
assert.equal(session.data.user.email, email);
assert.notEqual(session.data.session.token, up.data.token, "list handles must not be bearer tokens");
console.log("getSession ok");

const wrong = await phone.signIn.email({ email, password: "wrong-password" });
assert.equal(wrong.data, null);
assert.equal(wrong.error.status, 401);
assert.equal(wrong.error.code, "INVALID_EMAIL_OR_PASSWORD");
console.log("signIn.email (wrong password) ok");

const signedIn = await phone.signIn.email({ email, password: "velvet-otter-42" });
assert.equal(signedIn.error, null, JSON.stringify(signedIn.error));
assert.equal(signedIn.data.redirect, false);
console.log("signIn.email ok");

const listed = await laptop.listSessions();
assert.equal(listed.data.length, 2);
console.log("listSessions ok");

const renamed = await laptop.updateUser({ name: "Renamed" });
assert.deepEqual(renamed.data, { status: true });
assert.equal((await phone.getSession()).data.user.name, "Renamed");
console.log("updateUser ok");

const phoneHandle = (await phone.getSession()).data.session.token;
assert.deepEqual((await laptop.revokeSession({ token: phoneHandle })).data, { status: true });
assert.equal((await phone.getSession()).data, null);
console.log("revokeSession ok");

await phone.signIn.email({ email, password: "velvet-otter-42" });
assert.deepEqual((await laptop.revokeOtherSessions()).data, { status: true });
assert.equal((await phone.getSession()).data, null);
assert.equal((await laptop.getSession()).data.user.email, email);
console.log("revokeOtherSessions ok");

const out = await laptop.signOut();
assert.deepEqual(out.data, { success: true });
assert.equal((await laptop.getSession()).data, null);
console.log("signOut ok");

await laptop.signIn.email({ email, password: "velvet-otter-42" });
await phone.signIn.email({ email, password: "velvet-otter-42" });
assert.deepEqual((await phone.revokeSessions()).data, { status: true });
assert.equal((await laptop.getSession()).data, null);
console.log("revokeSessions ok");

// Account lifecycle: change the password (ending the other devices), then forget it and reset it by mail.
await laptop.signIn.email({ email, password: "velvet-otter-42" });
await phone.signIn.email({ email, password: "velvet-otter-42" });
const wrongCurrent = await laptop.changePassword({ currentPassword: "not-the-password", newPassword: "plum tractor lantern" });
assert.equal(wrongCurrent.data, null);
assert.equal(wrongCurrent.error.status, 400);
assert.equal(wrongCurrent.error.code, "INVALID_PASSWORD");
const changed = await laptop.changePassword({
  currentPassword: "velvet-otter-42", newPassword: "plum tractor lantern", revokeOtherSessions: true });
assert.equal(changed.error, null, JSON.stringify(changed.error));
assert.equal(changed.data.user.email, email);
assert.match(changed.data.token, /^[A-Za-z0-9_-]{43}$/, "revokeOtherSessions gives this device a new session");
assert.equal((await phone.getSession()).data, null, "the other device is signed out");
assert.equal((await laptop.getSession()).data.user.email, email, "this device goes on with its new cookie");
assert.equal((await phone.signIn.email({ email, password: "velvet-otter-42" })).error.status, 401);
assert.equal((await phone.signIn.email({ email, password: "plum tractor lantern" })).error, null);
console.log("changePassword (revokeOtherSessions) ok");

/** The newest message of this kind to this address in the demo's dev mailbox (sent on a background thread). */
async function mailTo(address, kind, after = 0) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const box = await (await fetch(`${base}/dev/mail.json`)).json();
    const found = box.filter((m) => m.to === address && m.kind === kind);
    if (found.length > after) return found[0];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ${kind} mail to ${address}`);
}

const stranger = createAuthClient({ baseURL: base, fetchOptions: jar() });
const unknown = await stranger.requestPasswordReset({ email: `nobody-${Date.now()}@example.com`, redirectTo: "/reset-password" });
assert.equal(unknown.error, null, JSON.stringify(unknown.error));
assert.equal(unknown.data.status, true);
const requested = await stranger.requestPasswordReset({ email, redirectTo: "/reset-password" });
assert.deepEqual(requested.data, unknown.data, "a known and an unknown address get the same answer");
const mail = await mailTo(email, "RESET_PASSWORD");
assert.match(mail.link, new RegExp(`^${base}/api/auth/reset-password/[A-Za-z0-9_-]+\\?callbackURL=%2Freset-password$`));
const opened = await fetch(mail.link, { redirect: "manual" });
assert.equal(opened.status, 302);
const landing = new URL(opened.headers.get("location"), base);
assert.equal(landing.pathname, "/reset-password");
const token = landing.searchParams.get("token");
assert.ok(token, `the link lands on the app's page with ?token=: ${landing}`);
const reset = await stranger.resetPassword({ newPassword: "lantern tractor plum", token });
assert.equal(reset.error, null, JSON.stringify(reset.error));
assert.deepEqual(reset.data, { status: true });
assert.equal((await laptop.getSession()).data, null, "a reset ends every session of the user");
assert.equal((await phone.getSession()).data, null, "a reset ends every session of the user");
const again = await stranger.resetPassword({ newPassword: "another fine password", token });
assert.equal(again.error.code, "INVALID_TOKEN", "a reset link works once");
assert.equal((await laptop.signIn.email({ email, password: "plum tractor lantern" })).error.status, 401);
assert.equal((await laptop.signIn.email({ email, password: "lantern tractor plum" })).error, null);
console.log("requestPasswordReset + resetPassword ok");

// The other way outside a browser (docs/http-api.md): the token from the sign-in body as a Bearer token, with no
// cookie jar and no Origin; and the API's full URL as baseURL, which the client takes as it is.
let bearer = "";
const node = createAuthClient({ baseURL: `${base}/api/auth`, fetchOptions: { auth: { type: "Bearer", token: () => bearer } } });
const byToken = await node.signIn.email({ email, password: "lantern tractor plum" });
assert.equal(byToken.error, null, JSON.stringify(byToken.error));
bearer = byToken.data.token;
assert.equal((await node.getSession()).data.user.email, email);
assert.equal((await node.listSessions()).data.length, 2, "the bearer's session and the laptop's");
assert.deepEqual((await node.signOut()).data, { success: true });
assert.equal((await node.getSession()).data, null, "the bearer's session ended");
assert.equal((await laptop.getSession()).data.user.email, email, "the laptop's did not");
console.log("Bearer client with baseURL .../api/auth ok");
console.log("BETTER AUTH CLIENT: ALL OK");
