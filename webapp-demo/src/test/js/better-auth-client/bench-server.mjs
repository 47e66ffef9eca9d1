// Better Auth's own server (the npm package the wire tests pin) for webapp-demo/src/bench/get-session-vs-better-auth.sh:
// e-mail and password on, rate limiting off, its in-memory adapter (no database at all, so the comparison favours
// Better Auth). Usage: node bench-server.mjs PORT
import http from "node:http";
import { betterAuth } from "better-auth";
import { memoryAdapter } from "better-auth/adapters/memory";
import { toNodeHandler } from "better-auth/node";

const port = Number(process.argv[2] ?? 3999);
const auth = betterAuth({
  baseURL: `http://127.0.0.1:${port}`,
  secret: "bench-only-secret-0123456789abcdefghijklmnopqrstuvwxyz",
  database: memoryAdapter({ user: [], session: [], account: [], verification: [] }),
  emailAndPassword: { enabled: true },
  rateLimit: { enabled: false },
  logger: { disabled: true },
});
http.createServer(toNodeHandler(auth)).listen(port, "127.0.0.1", () => console.log(`better-auth on ${port}`));
