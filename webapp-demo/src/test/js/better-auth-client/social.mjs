// Better Auth's own client, unchanged, through social sign-in against the demo and its development OpenID provider
// (SESSIONAUTH_DEMO_OIDC=dev). Usage: node social.mjs http://127.0.0.1:8080
// Outside a browser nothing keeps cookies or follows the provider's pages, so this script plays the browser: a cookie
// jar per client, the provider's login form posted as a person would, the provider's redirect back followed by hand.
import assert from "node:assert/strict";
import { createAuthClient } from "better-auth/client";

const base = process.argv[2];
assert.ok(base, "usage: node social.mjs <baseURL>");

/** A browser: Better Auth's client with a cookie jar (every sessionauth.* cookie), plus plain requests with the jar. */
function browser() {
  const cookies = new Map();
  const keep = (response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const name = pair.slice(0, pair.indexOf("="));
      if (/Max-Age=0/i.test(line)) cookies.delete(name); else cookies.set(name, pair);
    }
  };
  const header = () => [...cookies.values()].join("; ");
  const client = createAuthClient({
    baseURL: base,
    fetchOptions: {
      onRequest(ctx) {
        if (cookies.size) ctx.headers.set("cookie", header());
        ctx.headers.set("origin", base);
      },
      onResponse(ctx) {
        keep(ctx.response);
      },
    },
  });
  // Better Auth's client is a proxy that turns any property into an endpoint: the browser's own acts sit beside it.
  return {
    auth: client,
    /** A top-level navigation of this browser to an app URL, not followed: the answer. */
    async navigate(url) {
      const response = await fetch(new URL(url, base), { redirect: "manual", headers: { cookie: header() } });
      keep(response);
      return response;
    },
    cookie: (name) => cookies.get(name),
  };
}

/** A person at the development provider: its login page, the form posted; where the provider sends them back. */
async function atProvider(authorizationUrl, email, verified = true) {
  const page = await fetch(authorizationUrl);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /Local test provider/);
  const form = new URLSearchParams({
    username: `local-${email}`,
    claims: JSON.stringify({ email, name: email.split("@")[0], email_verified: verified }),
  });
  const back = await fetch(authorizationUrl, { method: "POST", body: form, redirect: "manual" });
  assert.equal(back.status, 302, await back.text());
  return back.headers.get("location");
}

const stamp = Date.now();

// signIn.social: the redirect flow, as a browser would go through it.
const alice = browser();
const aliceEmail = `alice-${stamp}@example.com`;
const started = await alice.auth.signIn.social({ provider: "local", callbackURL: "/dashboard", newUserCallbackURL: "/dashboard?new=1" });
assert.equal(started.error, null, JSON.stringify(started.error));
assert.equal(started.data.redirect, true);
assert.match(started.data.url, /\/local\/authorize\?response_type=code&client_id=sessionauth-demo&state=/);
assert.ok(alice.cookie("sessionauth.oauth_state"), "the pending sign-in is bound to this browser by a cookie");
const callback = await atProvider(started.data.url, aliceEmail);
assert.ok(callback.startsWith(`${base}/api/auth/callback/local?`), callback);
const landed = await alice.navigate(callback);
assert.equal(landed.status, 302);
assert.equal(landed.headers.get("location"), "/dashboard?new=1");
const session = await alice.auth.getSession();
assert.equal(session.data.user.email, aliceEmail);
assert.equal(session.data.user.emailVerified, true);
console.log("signIn.social (redirect) ok");

const replay = await alice.navigate(callback);
assert.equal(replay.status, 302);
assert.match(replay.headers.get("location"), /error=state_mismatch$/, "a callback works once");
console.log("signIn.social (replayed callback refused) ok");

// getAccessToken / refreshToken: the provider's tokens, kept (encrypted) by the server since the sign-in.
const issuerOfAlice = started.data.url.slice(0, started.data.url.indexOf("/authorize"));
const providerToken = await alice.auth.getAccessToken({ providerId: "local" });
assert.equal(providerToken.error, null, JSON.stringify(providerToken.error));
assert.match(providerToken.data.accessToken, /^ey/);
assert.ok(providerToken.data.accessTokenExpiresAt instanceof Date, "an expiry, read as a date");
assert.ok(providerToken.data.accessTokenExpiresAt.getTime() > Date.now());
assert.deepEqual(providerToken.data.scopes, ["openid", "email", "profile"]);
assert.match(providerToken.data.idToken, /^ey/);
const userinfo = await fetch(`${issuerOfAlice}/userinfo`,
  { headers: { authorization: `Bearer ${providerToken.data.accessToken}` } });
assert.equal(userinfo.status, 200, "the provider honours the token the app got");
assert.equal((await userinfo.json()).sub, `local-${aliceEmail}`);
const refreshedToken = await alice.auth.refreshToken({ providerId: "local" });
assert.equal(refreshedToken.error, null, JSON.stringify(refreshedToken.error));
assert.notEqual(refreshedToken.data.accessToken, providerToken.data.accessToken);
assert.equal(refreshedToken.data.providerId, "local");
assert.equal((await alice.auth.getAccessToken({ providerId: "local" })).data.accessToken,
  refreshedToken.data.accessToken, "the refreshed token is the one kept");
const notSignedIn = await browser().auth.getAccessToken({ providerId: "local" });
assert.equal(notSignedIn.error.status, 401);
console.log("getAccessToken + refreshToken ok");

const listed = await alice.auth.listAccounts();
assert.equal(listed.error, null, JSON.stringify(listed.error));
assert.equal(listed.data.length, 1);
assert.equal(listed.data[0].providerId, "local");
assert.equal(listed.data[0].accountId, `local-${aliceEmail}`);
assert.ok(listed.data[0].createdAt instanceof Date, "Better Auth's client reads the timestamps as dates");
assert.deepEqual(listed.data[0].scopes, ["openid", "email", "profile"]);
const byAccountId = await alice.auth.getAccessToken({ accountId: listed.data[0].id });
assert.equal(byAccountId.data.accessToken, refreshedToken.data.accessToken, "Better Auth 1.7's selection by account id");
const accountInfo = await alice.auth.accountInfo({ query: { accountId: listed.data[0].id } });
assert.equal(accountInfo.error, null, JSON.stringify(accountInfo.error));
assert.equal(accountInfo.data.user.id, `local-${aliceEmail}`);
assert.equal(accountInfo.data.data.sub, `local-${aliceEmail}`, "the provider's own answer");
assert.deepEqual(accountInfo.data.account, { id: listed.data[0].id, providerId: "local", accountId: `local-${aliceEmail}` });
console.log("accountInfo ok");
const last = await alice.auth.unlinkAccount({ accountId: listed.data[0].id });
assert.equal(last.error.status, 400);
assert.equal(last.error.code, "FAILED_TO_UNLINK_LAST_ACCOUNT");
console.log("listAccounts + unlinkAccount (last account refused) ok");

// linkSocial: a password user links the provider account with their own address, then unlinks it.
const bob = browser();
const bobEmail = `bob-${stamp}@example.com`;
assert.equal((await bob.auth.signUp.email({ name: "Bob", email: bobEmail, password: "velvet-otter-42" })).error, null);
const link = await bob.auth.linkSocial({ provider: "local", callbackURL: "/account" });
assert.equal(link.error, null, JSON.stringify(link.error));
assert.equal(link.data.redirect, true);
const linkedBack = await bob.navigate(await atProvider(link.data.url, bobEmail));
assert.equal(linkedBack.headers.get("location"), "/account");
const bobs = (await bob.auth.listAccounts()).data;
assert.deepEqual(bobs.map((a) => a.providerId), ["credential", "local"]);
assert.deepEqual((await bob.auth.unlinkAccount({ accountId: bobs[1].id })).data, { status: true });
assert.deepEqual((await bob.auth.listAccounts()).data.map((a) => a.providerId), ["credential"]);
console.log("linkSocial + unlinkAccount ok");

const mallory = browser();
assert.equal((await mallory.auth.signUp.email({ name: "M", email: `mallory-${stamp}@example.com`, password: "velvet-otter-42" })).error, null);
const stolen = await mallory.auth.linkSocial({ provider: "local", callbackURL: "/account", errorCallbackURL: "/account" });
const refused = await mallory.navigate(await atProvider(stolen.data.url, `someone-else-${stamp}@example.com`));
assert.equal(refused.headers.get("location"), "/account?error=email_does_not_match");
console.log("linkSocial (another address refused) ok");

// signIn.social with an ID token, as a native app: the app got the token from the provider itself.
const issuer = started.data.url.slice(0, started.data.url.indexOf("/authorize"));
const nonce = `app-nonce-${stamp}`;
const appRedirect = "http://127.0.0.1:9/app-callback";
const authorize = `${issuer}/authorize?` + new URLSearchParams({
  response_type: "code", client_id: "sessionauth-demo", redirect_uri: appRedirect, scope: "openid email",
  state: "app-state", nonce });
const appEmail = `carol-${stamp}@example.com`;
const code = new URL(await atProvider(authorize, appEmail)).searchParams.get("code");
const tokens = await (await fetch(`${issuer}/token`, {
  method: "POST",
  body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: appRedirect,
    client_id: "sessionauth-demo", client_secret: "development-only-secret" }),
})).json();
const carol = browser();
const native = await carol.auth.signIn.social({ provider: "local", idToken: { token: tokens.id_token, nonce } });
assert.equal(native.error, null, JSON.stringify(native.error));
assert.equal(native.data.redirect, false);
assert.match(native.data.token, /^[A-Za-z0-9_-]{43}$/);
assert.equal(native.data.user.email, appEmail);
assert.equal((await carol.auth.getSession()).data.user.email, appEmail);
const wrongNonce = await browser().auth.signIn.social({ provider: "local", idToken: { token: tokens.id_token, nonce: "other" } });
assert.equal(wrongNonce.error.status, 401);
assert.equal(wrongNonce.error.code, "INVALID_TOKEN");
console.log("signIn.social (idToken) ok");

const unknown = await browser().auth.signIn.social({ provider: "nowhere" });
assert.equal(unknown.error.status, 404);
assert.equal(unknown.error.code, "PROVIDER_NOT_FOUND");
console.log("signIn.social (unknown provider) ok");
console.log("BETTER AUTH SOCIAL CLIENT: ALL OK");
