// Better Auth's own passkey client plugin (@better-auth/passkey/client with @simplewebauthn/browser, unchanged) against
// a SessionAuth server. Usage: node passkey.mjs http://localhost:8080 (localhost: an IP address cannot be an RP ID).
//
// Node has no WebAuthn, so a software authenticator stands in for the browser's navigator.credentials: it makes a real
// P-256 key pair, authenticator data, a "none" attestation object and ES256 signatures with node:crypto, exactly as
// the WebAuthn specification lays them out. Everything else (the client's calls, their shapes, and every check on the
// server) is the real thing. The cookie jar and Origin header that a browser would keep are played by fetch hooks.
import assert from "node:assert/strict";
import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { createAuthClient } from "better-auth/client";
import { passkeyClient } from "@better-auth/passkey/client";

const base = process.argv[2];
assert.ok(base, "usage: node passkey.mjs <baseURL at localhost>");
const origin = new URL(base).origin;

// ---- the software authenticator behind navigator.credentials ----

const b64url = (bytes) => Buffer.from(bytes).toString("base64url");
const buffer = (bytes) => Uint8Array.from(bytes).buffer;
const sha256 = (data) => createHash("sha256").update(data).digest();

/** CBOR (RFC 8949) for what an attestation object and a COSE key hold: integers, strings, bytes, maps. */
function cbor(value) {
  const head = (major, n) => {
    if (n < 24) return Buffer.from([(major << 5) | n]);
    if (n < 256) return Buffer.from([(major << 5) | 24, n]);
    if (n < 65536) return Buffer.from([(major << 5) | 25, n >> 8, n & 0xff]);
    const b = Buffer.alloc(5);
    b[0] = (major << 5) | 26;
    b.writeUInt32BE(n, 1);
    return b;
  };
  if (typeof value === "number") return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === "string") {
    const text = Buffer.from(value, "utf8");
    return Buffer.concat([head(3, text.length), text]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  if (value instanceof Map) {
    return Buffer.concat([head(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)])]);
  }
  throw new Error("cannot encode " + value);
}

/** One authenticator: the passkeys it holds and their signature counters. A clone shares keys, not counters. */
class SoftAuthenticator {
  constructor() {
    this.credentials = [];
  }

  clone() {
    const copy = new SoftAuthenticator();
    copy.credentials = this.credentials.map((c) => ({ ...c, counter: 0 }));
    return copy;
  }

  authData(rpId, flags, counter, attested) {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), count, attested ?? Buffer.alloc(0)]);
  }

  clientData(type, challenge) {
    return Buffer.from(JSON.stringify({ type, challenge: b64url(new Uint8Array(challenge)), origin, crossOrigin: false }));
  }

  async create({ publicKey }) {
    const rpId = publicKey.rp.id;
    const excluded = (publicKey.excludeCredentials ?? []).map((c) => b64url(new Uint8Array(c.id)));
    if (this.credentials.some((c) => c.rpId === rpId && excluded.includes(b64url(c.id)))) {
      throw new DOMException("The authenticator holds an excluded credential", "InvalidStateError");
    }
    const { privateKey, publicKey: pub } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = pub.export({ format: "jwk" });
    const cose = cbor(new Map([[1, 2], [3, -7], [-1, 1], [-2, Buffer.from(jwk.x, "base64url")],
      [-3, Buffer.from(jwk.y, "base64url")]]));
    const id = crypto.getRandomValues(new Uint8Array(32));
    const length = Buffer.from([id.length >> 8, id.length & 0xff]);
    const aaguid = Buffer.alloc(16);
    const flags = 0x01 | 0x04 | 0x40; // user present, user verified, attested credential data
    const authData = this.authData(rpId, flags, 0, Buffer.concat([aaguid, length, id, cose]));
    this.credentials.push({ id, rpId, privateKey, userHandle: new Uint8Array(publicKey.user.id), counter: 0 });
    const attestationObject = cbor(new Map([["fmt", "none"], ["attStmt", new Map()], ["authData", authData]]));
    return {
      id: b64url(id),
      rawId: buffer(id),
      type: "public-key",
      authenticatorAttachment: "platform",
      response: {
        attestationObject: buffer(attestationObject),
        clientDataJSON: buffer(this.clientData("webauthn.create", publicKey.challenge)),
        getTransports: () => ["internal"],
        getPublicKeyAlgorithm: () => -7,
        getPublicKey: () => buffer(pub.export({ format: "der", type: "spki" })),
        getAuthenticatorData: () => buffer(authData),
      },
      getClientExtensionResults: () => ({ credProps: { rk: true } }),
    };
  }

  async get({ publicKey }) {
    const allowed = (publicKey.allowCredentials ?? []).map((c) => b64url(new Uint8Array(c.id)));
    const credential = this.credentials.find((c) => c.rpId === publicKey.rpId
      && (allowed.length === 0 || allowed.includes(b64url(c.id))));
    if (!credential) throw new DOMException("No passkey for this site", "NotAllowedError");
    credential.counter += 1;
    const authData = this.authData(publicKey.rpId, 0x01 | 0x04, credential.counter);
    const clientData = this.clientData("webauthn.get", publicKey.challenge);
    const signature = sign("sha256", Buffer.concat([authData, sha256(clientData)]), credential.privateKey);
    return {
      id: b64url(credential.id),
      rawId: buffer(credential.id),
      type: "public-key",
      authenticatorAttachment: "platform",
      response: {
        authenticatorData: buffer(authData),
        clientDataJSON: buffer(clientData),
        signature: buffer(signature),
        userHandle: buffer(credential.userHandle),
      },
      getClientExtensionResults: () => ({}),
    };
  }
}

// The browser globals @simplewebauthn/browser looks for; `authenticator` is the device in use at the moment.
let authenticator = new SoftAuthenticator();
globalThis.PublicKeyCredential = function PublicKeyCredential() {};
globalThis.window = { PublicKeyCredential: globalThis.PublicKeyCredential, location: new URL(base) };
Object.defineProperty(globalThis, "navigator", {
  configurable: true,
  value: { credentials: { create: (o) => authenticator.create(o), get: (o) => authenticator.get(o) } },
});

// ---- browsers: a cookie jar each ----

function jar() {
  const cookies = new Map();
  return {
    onRequest(ctx) {
      if (cookies.size) ctx.headers.set("cookie", [...cookies].map(([k, v]) => `${k}=${v}`).join("; "));
      ctx.headers.set("origin", origin);
    },
    onResponse(ctx) {
      for (const line of ctx.response.headers.getSetCookie()) {
        const [pair] = line.split(";");
        const name = pair.slice(0, pair.indexOf("="));
        if (/Max-Age=0/i.test(line)) cookies.delete(name);
        else cookies.set(name, pair.slice(pair.indexOf("=") + 1));
      }
    },
  };
}

const browser = () => createAuthClient({ baseURL: base, plugins: [passkeyClient()], fetchOptions: jar() });

const laptop = browser();
const email = `passkey-${Date.now()}@example.com`;
const up = await laptop.signUp.email({ name: "Passkey Client", email, password: "velvet-otter-42" });
assert.equal(up.error, null, JSON.stringify(up.error));
const userId = up.data.user.id;

const added = await laptop.passkey.addPasskey({ name: "Node laptop" });
assert.equal(added.error, null, JSON.stringify(added.error));
assert.equal(added.data.name, "Node laptop");
assert.equal(added.data.userId, userId);
assert.equal(added.data.credentialID, b64url(authenticator.credentials[0].id));
assert.equal(added.data.transports, "internal");
assert.equal(added.data.deviceType, "singleDevice");
console.log("passkey.addPasskey ok");

const again = await laptop.passkey.addPasskey({ name: "same device" });
assert.equal(again.data, null);
assert.equal(again.error.code, "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED");
console.log("passkey.addPasskey (excluded authenticator) ok");

const listed = await laptop.passkey.listUserPasskeys();
assert.equal(listed.error, null, JSON.stringify(listed.error));
assert.deepEqual(listed.data.map((p) => p.name), ["Node laptop"]);
console.log("passkey.listUserPasskeys ok");

const phone = browser();
const signedIn = await phone.signIn.passkey();
assert.equal(signedIn.error, null, JSON.stringify(signedIn.error));
assert.equal(signedIn.data.user.id, userId);
assert.equal(signedIn.data.session.userId, userId);
assert.equal((await phone.getSession()).data.user.email, email);
console.log("signIn.passkey ok");

const stolen = authenticator;
authenticator = stolen.clone();
const cloned = await browser().signIn.passkey();
assert.equal(cloned.data, null);
assert.equal(cloned.error.status, 400);
assert.equal(cloned.error.code, "AUTHENTICATION_FAILED");
authenticator = stolen;
console.log("signIn.passkey (cloned authenticator) refused ok");

const id = listed.data[0].id;
const renamed = await laptop.passkey.updatePasskey({ id, name: "Work laptop" });
assert.equal(renamed.error, null, JSON.stringify(renamed.error));
assert.equal(renamed.data.passkey.name, "Work laptop");
console.log("passkey.updatePasskey ok");

const stranger = browser();
await stranger.signUp.email({ name: "Stranger", email: `stranger-${Date.now()}@example.com`, password: "velvet-otter-42" });
const notTheirs = await stranger.passkey.deletePasskey({ id });
assert.equal(notTheirs.error.status, 401);
console.log("passkey.deletePasskey (another user's) refused ok");

const deleted = await laptop.passkey.deletePasskey({ id });
assert.equal(deleted.error, null, JSON.stringify(deleted.error));
assert.deepEqual(deleted.data, { status: true });
const gone = await browser().signIn.passkey();
assert.equal(gone.data, null);
assert.equal(gone.error.status, 401);
assert.equal(gone.error.code, "PASSKEY_NOT_FOUND");
console.log("passkey.deletePasskey ok");

// Passkey-first registration (passkey.signUp): no session, the account named in context, signed in at once.
authenticator = new SoftAuthenticator();
const newcomer = browser();
const newEmail = `passkey-only-${Date.now()}@example.com`;
const made = await newcomer.passkey.addPasskey({
  name: "Only key", context: JSON.stringify({ email: newEmail, name: "Passkey Only" }), createSession: true,
});
assert.equal(made.error, null, JSON.stringify(made.error));
assert.equal(made.data.user.email, newEmail);
assert.equal(made.data.session.userId, made.data.user.id);
assert.equal((await newcomer.getSession()).data.user.email, newEmail);
const onlyWayIn = await newcomer.passkey.deletePasskey({ id: made.data.id });
assert.equal(onlyWayIn.error.code, "CANNOT_DELETE_LAST_WAY_IN");
const elsewhere = await browser().signIn.passkey();
assert.equal(elsewhere.error, null, JSON.stringify(elsewhere.error));
assert.equal(elsewhere.data.user.email, newEmail);
console.log("passkey.addPasskey (passkey-first sign-up) ok");

console.log("BETTER AUTH PASSKEY CLIENT: ALL OK");
