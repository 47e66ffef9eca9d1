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
console.log("BETTER AUTH CLIENT: ALL OK");
