// Drives the admin tools of a SessionAuth server with Better Auth's own client and its admin plugin, unchanged.
// Usage: node admin.mjs http://127.0.0.1:8080 <the address the server makes an admin (DEMO_ADMIN_EMAIL)>
// Outside a browser nothing keeps cookies, so the hooks below play the browser's cookie jar and Origin header: every
// cookie the server sets (the session's, and the admin's own session kept while impersonating) is sent back.
import assert from "node:assert/strict";
import { createAuthClient } from "better-auth/client";
import { adminClient } from "better-auth/client/plugins";

const [base, adminEmail] = process.argv.slice(2);
assert.ok(base && adminEmail, "usage: node admin.mjs <baseURL> <adminEmail>");

function jar() {
  const cookies = new Map();
  return {
    onRequest(ctx) {
      if (cookies.size) ctx.headers.set("cookie", [...cookies].map(([k, v]) => `${k}=${v}`).join("; "));
      ctx.headers.set("origin", base);
    },
    onResponse(ctx) {
      for (const line of ctx.response.headers.getSetCookie()) {
        const [pair] = line.split(";");
        const eq = pair.indexOf("=");
        const name = pair.slice(0, eq);
        if (/Max-Age=0/i.test(line)) cookies.delete(name); else cookies.set(name, pair.slice(eq + 1));
      }
    },
  };
}

const client = () => createAuthClient({ baseURL: base, plugins: [adminClient()], fetchOptions: jar() });
const admin = client();
const user = client();
const password = "velvet-otter-42";
const run = Date.now();
const userEmail = `wire-user-${run}@example.com`;

const adminUp = await admin.signUp.email({ name: "Wire Admin", email: adminEmail, password });
assert.equal(adminUp.error, null, JSON.stringify(adminUp.error));
const adminId = adminUp.data.user.id;
// The server makes DEMO_ADMIN_EMAIL's sign-up an admin on its events thread: wait for the role.
let listed;
for (let attempt = 0; attempt < 100; attempt++) {
  listed = await admin.admin.listUsers({ query: { limit: 10 } });
  if (!listed.error) break;
  assert.equal(listed.error.code, "YOU_ARE_NOT_ALLOWED_TO_LIST_USERS", JSON.stringify(listed.error));
  await new Promise((resolve) => setTimeout(resolve, 100));
}
assert.equal(listed.error, null, JSON.stringify(listed.error));
console.log("admin role ok");

const userUp = await user.signUp.email({ name: "Wire User", email: userEmail, password });
const userId = userUp.data.user.id;
assert.equal(userUp.data.user.role, "member", "the app's declared role keeps its default");

const climber = await client().signUp.email({ name: "Climber", email: `climber-${run}@example.com`, password, role: "admin" });
assert.equal(climber.error.status, 400);
assert.equal(climber.error.code, "FIELD_NOT_ALLOWED");
assert.equal(climber.error.message, "role is not allowed to be set");
const notAdmin = await user.admin.listUsers({ query: {} });
assert.equal(notAdmin.error.status, 403);
assert.equal(notAdmin.error.code, "YOU_ARE_NOT_ALLOWED_TO_LIST_USERS");
console.log("who may ok");

const found = await admin.admin.listUsers({ query: {
  searchValue: `wire-user-${run}`, searchField: "email", searchOperator: "contains",
  limit: 5, offset: 0, sortBy: "createdAt", sortDirection: "desc" } });
assert.equal(found.error, null, JSON.stringify(found.error));
assert.equal(found.data.total, 1);
assert.equal(found.data.limit, 5);
assert.equal(found.data.offset, 0);
assert.equal(found.data.users[0].email, userEmail);
assert.equal(found.data.users[0].banned, false);
assert.ok(found.data.users[0].createdAt instanceof Date, "dates parse as the client parses Better Auth's");
console.log("listUsers ok");

const made = await admin.admin.createUser({ email: `made-${run}@example.com`, password, name: "Made",
  role: "user", data: { emailVerified: true } });
assert.equal(made.error, null, JSON.stringify(made.error));
assert.equal(made.data.user.role, "user");
assert.equal(made.data.user.emailVerified, true);
const madeId = made.data.user.id;
console.log("createUser ok");

const roled = await admin.admin.setRole({ userId: madeId, role: ["user", "editor"] });
assert.equal(roled.data.user.role, "user,editor");
const got = await admin.admin.getUser({ query: { id: madeId } });
assert.equal(got.data.email, `made-${run}@example.com`);
console.log("setRole + getUser ok");

// update-user answers the user itself (not {user}), as Better Auth's does.
const movedEmail = `moved-${run}@example.com`;
const updated = await admin.admin.updateUser({ userId: madeId, data: {
  name: "Made Over", email: movedEmail.toUpperCase(), role: ["user", "auditor"], preferences: { theme: "dark" } } });
assert.equal(updated.error, null, JSON.stringify(updated.error));
assert.equal(updated.data.id, madeId);
assert.equal(updated.data.name, "Made Over");
assert.equal(updated.data.email, movedEmail);
assert.equal(updated.data.emailVerified, false, "a new address is unverified until said otherwise");
assert.equal(updated.data.role, "user,auditor");
assert.deepEqual(updated.data.preferences, { theme: "dark" });
assert.equal((await admin.admin.getUser({ query: { id: madeId } })).data.email, movedEmail);
const noData = await admin.admin.updateUser({ userId: madeId, data: {} });
assert.equal(noData.error.status, 400);
assert.equal(noData.error.code, "NO_DATA_TO_UPDATE");
const noPassword = await admin.admin.updateUser({ userId: madeId, data: { password } });
assert.equal(noPassword.error.code, "PASSWORD_CANNOT_BE_UPDATED_VIA_UPDATE_USER");
const taken = await admin.admin.updateUser({ userId: madeId, data: { name: "Not Applied", email: userEmail } });
assert.equal(taken.error.code, "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL");
assert.equal((await admin.admin.getUser({ query: { id: madeId } })).data.name, "Made Over", "nothing half-written");
const byUser = await user.admin.updateUser({ userId: madeId, data: { name: "Mallory" } });
assert.equal(byUser.error.status, 403);
assert.equal(byUser.error.code, "YOU_ARE_NOT_ALLOWED_TO_UPDATE_USERS");
const mayUpdate = await admin.admin.hasPermission({ permissions: { user: ["update", "set-email"] } });
assert.equal(mayUpdate.data.success, true);
console.log("updateUser ok");

const sessions = await admin.admin.listUserSessions({ userId });
assert.equal(sessions.data.sessions.length, 1);
assert.notEqual(sessions.data.sessions[0].token, userUp.data.token, "a handle, never the bearer token");
const revoked = await admin.admin.revokeUserSession({ sessionToken: sessions.data.sessions[0].token });
assert.deepEqual(revoked.data, { success: true });
assert.equal((await user.getSession()).data, null);
console.log("listUserSessions + revokeUserSession ok");

await user.signIn.email({ email: userEmail, password });
const banned = await admin.admin.banUser({ userId, banReason: "wire", banExpiresIn: 3600 });
assert.equal(banned.error, null, JSON.stringify(banned.error));
assert.equal(banned.data.user.banned, true);
assert.equal(banned.data.user.banReason, "wire");
assert.ok(banned.data.user.banExpires instanceof Date);
assert.equal((await user.getSession()).data, null, "a ban ends the user's sessions");
const refused = await user.signIn.email({ email: userEmail, password });
assert.equal(refused.error.status, 403);
assert.equal(refused.error.code, "BANNED_USER");
const unbanned = await admin.admin.unbanUser({ userId });
assert.equal(unbanned.data.user.banned, false);
assert.equal(unbanned.data.user.banReason, null);
assert.equal((await user.signIn.email({ email: userEmail, password })).error, null);
console.log("banUser + unbanUser ok");

assert.deepEqual((await admin.admin.revokeUserSessions({ userId })).data, { success: true });
assert.equal((await user.getSession()).data, null);
assert.deepEqual((await admin.admin.setUserPassword({ userId, newPassword: "plum tractor lantern" })).data,
  { status: true });
assert.equal((await user.signIn.email({ email: userEmail, password: "plum tractor lantern" })).error, null);
console.log("revokeUserSessions + setUserPassword ok");

const viewing = await admin.admin.impersonateUser({ userId });
assert.equal(viewing.error, null, JSON.stringify(viewing.error));
assert.equal(viewing.data.user.id, userId);
assert.equal(viewing.data.session.impersonatedBy, adminId);
const asUser = await admin.getSession();
assert.equal(asUser.data.user.id, userId);
assert.equal(asUser.data.session.impersonatedBy, adminId);
const nested = await admin.admin.listUsers({ query: {} });
assert.equal(nested.error.status, 403);
assert.equal(nested.error.code, "NOT_ALLOWED_WHILE_IMPERSONATING");
const back = await admin.admin.stopImpersonating();
assert.equal(back.error, null, JSON.stringify(back.error));
assert.equal(back.data.user.id, adminId);
assert.equal((await admin.getSession()).data.user.id, adminId);
const notNow = await admin.admin.stopImpersonating();
assert.equal(notNow.error.status, 400);
assert.equal(notNow.error.message, "You are not impersonating anyone");
console.log("impersonateUser + stopImpersonating ok");

const may = await admin.admin.hasPermission({ permissions: { user: ["ban"], session: ["revoke"] } });
assert.equal(may.data.success, true);
assert.deepEqual((await admin.admin.removeUser({ userId: madeId })).data, { success: true });
const gone = await admin.admin.getUser({ query: { id: madeId } });
assert.equal(gone.error.status, 404);
assert.equal(gone.error.code, "USER_NOT_FOUND");
console.log("hasPermission + removeUser ok");
console.log("BETTER AUTH ADMIN CLIENT: ALL OK");
