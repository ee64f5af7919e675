// The production server fails closed: real processes, started with the production command
// (scripts/serve.ts) and with plain `next start`, on their own database of the test server.
import { execFileSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import { expect, test } from "@playwright/test";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { newChallenge, solve } from "../../lib/challenge/pow";
import { becomesHealthy, freshDatabase, localSecrets, startServer, type ServerProcess } from "./processes";

test.describe.configure({ mode: "serial" });

let databaseUrl: string;
const servers: ServerProcess[] = [];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  databaseUrl = await freshDatabase("uo_e2e_production_config");
});

test.afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
});

/** A complete production configuration for a server on the test database. */
function productionEnv(): Record<string, string | undefined> {
  return {
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: localSecrets().NEXT_SERVER_ACTIONS_ENCRYPTION_KEY,
    SMTP_URL: "smtp://127.0.0.1:9", // never used: the outbox worker is off in these processes
  };
}

async function start(command: "serve" | "next-start", env: Record<string, string | undefined>) {
  const server = await startServer(command, env);
  servers.push(server);
  return server;
}

test("a production server with a missing or weak setting exits before serving, naming the variable", async () => {
  test.setTimeout(300_000);
  const cases: [string, Record<string, string | undefined>][] = [
    ["AUTH_SECRET", { AUTH_SECRET: undefined }],
    ["AUTH_SECRET", { AUTH_SECRET: "development-only-secret-change" }], // 30 bytes
    ["NEXT_SERVER_ACTIONS_ENCRYPTION_KEY", { NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: undefined }],
    ["SMTP_URL", { SMTP_URL: undefined }],
  ];
  for (const command of ["serve", "next-start"] as const) {
    for (const [variable, change] of cases) {
      const server = await start(command, { ...productionEnv(), ...change });
      const healthy = await becomesHealthy(server, 60_000);
      const code = await Promise.race([server.exited, new Promise<"running">((r) => setTimeout(() => r("running"), 30_000))]);
      expect(healthy, `${command} without a valid ${variable} answered requests`).toBe(false);
      expect(code, `${command} without a valid ${variable}: exit code`).not.toBe("running");
      expect(code).not.toBe(0);
      expect(server.output(), `${command}'s output names ${variable}`).toContain(variable);
    }
  }
  // Plain `next start` with everything set still refuses: only the wrapper sets the client address.
  const plain = await start("next-start", productionEnv());
  expect(await becomesHealthy(plain, 60_000)).toBe(false);
  expect(await plain.exited).not.toBe(0);
  expect(plain.output()).toContain("npm run serve");
});

test("the development mailbox does not exist without DEV_MAILBOX=1", async ({ request }) => {
  const server = await start("serve", productionEnv());
  expect(await becomesHealthy(server)).toBe(true);
  expect((await request.get(`${server.url}/dev/boite-mail`)).status()).toBe(404);
  const home = await request.get(`${server.url}/`);
  expect(home.status()).toBe(200);
  expect(await home.text()).not.toContain("boite-mail");
  // Control: the test server runs the local demo (DEV_MAILBOX=1), where the mailbox and its link exist.
  expect((await request.get("/dev/boite-mail")).status()).toBe(200);
  expect(await (await request.get("/")).text()).toContain("/dev/boite-mail");
  await server.stop();
});

/** Every quoted string of 12+ characters in the repository's own files. */
function codebaseStrings(): string[] {
  const files = execFileSync("git", ["ls-files"], { encoding: "utf8" })
    .split("\n")
    .filter((file) => /\.(ts|tsx|mjs|js|json|md|prisma|sql|toml|css)$/.test(file) && file !== "package-lock.json" && fs.existsSync(file));
  const strings = new Set<string>();
  for (const file of files) {
    for (const match of fs.readFileSync(file, "utf8").matchAll(/(["'`])((?:(?!\1)[^\\\n]|\\.){12,200})\1/g)) strings.add(match[2]);
  }
  return [...strings];
}

test("a session cookie signed with any string of the codebase is refused", async ({ request }) => {
  test.setTimeout(300_000);
  const env = productionEnv();
  const server = await start("serve", env);
  expect(await becomesHealthy(server)).toBe(true);
  const organiserId = await (async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string }>(`SELECT id FROM "User" WHERE role = 'ORGANISER' ORDER BY "createdAt" LIMIT 1`);
      return rows[0].id;
    } finally {
      await client.end();
    }
  })();
  const sessionWith = async (secret: string) => {
    const token = await encode({ token: { uid: organiserId, sub: organiserId, email: "organisation@usines-ouvertes.demo" }, secret });
    const response = await request.get(`${server.url}/api/auth/session`, { headers: { cookie: `next-auth.session-token=${token}` } });
    return (await response.json()) as { user?: { id?: string } };
  };
  // Control: a cookie signed with the server's real secret is a session (so the check below can fail).
  expect((await sessionWith(env.AUTH_SECRET!)).user?.id).toBe(organiserId);
  const organiserPage = async (secret: string) =>
    request.get(`${server.url}/organisation`, {
      headers: { cookie: `next-auth.session-token=${await encode({ token: { uid: organiserId, sub: organiserId }, secret })}` },
      maxRedirects: 0,
    });
  expect((await organiserPage(env.AUTH_SECRET!)).status()).toBe(200);

  const candidates = codebaseStrings();
  expect(candidates.length).toBeGreaterThan(1000);
  const accepted: string[] = [];
  for (let i = 0; i < candidates.length; i += 32) {
    const batch = candidates.slice(i, i + 32);
    const sessions = await Promise.all(batch.map(sessionWith));
    sessions.forEach((session, j) => session.user && accepted.push(batch[j]));
  }
  expect(accepted).toEqual([]);
  expect((await organiserPage(candidates[0])).status()).not.toBe(200);
  await server.stop();
});

/** POST JSON over plain HTTP from a chosen local address (127.0.0.x), answering the status. */
function postFrom(localAddress: string, url: string, body: unknown, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: "POST", localAddress, headers: { "content-type": "application/json", ...headers } }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode!));
    });
    request.on("error", reject);
    request.end(JSON.stringify(body));
  });
}

/** A reverse proxy that appends the address it sees to X-Forwarded-For, as nginx's $proxy_add_x_forwarded_for does. */
function appendingProxy(target: string): Promise<{ url: string; close: () => void }> {
  const server = http.createServer((incoming, outgoing) => {
    const forwardedFor = [incoming.headers["x-forwarded-for"], incoming.socket.remoteAddress].filter(Boolean).join(", ");
    const upstream = http.request(`${target}${incoming.url}`, { method: incoming.method, headers: { ...incoming.headers, "x-forwarded-for": forwardedFor } }, (response) => {
      outgoing.writeHead(response.statusCode!, response.headers);
      response.pipe(outgoing);
    });
    upstream.on("error", () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, close: () => server.close() })),
  );
}

test("per-IP booking limits key on an address the client cannot choose", async () => {
  test.setTimeout(300_000);
  const slotId = await (async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string }>(
        `SELECT s.id FROM "Slot" s JOIN "Factory" f ON f.id = s."factoryId"
         WHERE s.audience = 'PUBLIC' AND s.status = 'OPEN' AND f.status = 'APPROVED' AND s."startsAt" > now()
           AND NOT EXISTS (SELECT 1 FROM "DrawOffer" o WHERE o."slotId" = s.id) ORDER BY s.id LIMIT 1`,
      );
      return rows[0].id;
    } finally {
      await client.end();
    }
  })();
  const env = productionEnv();
  // 80 anonymous bookings, each with a fresh X-Forwarded-For and X-Real-IP, a solved challenge and a
  // throw-away address: the counts of 201 (booked or waitlisted) and 429 answers.
  const hoard = async (url: string, localAddress: string, count: number) => {
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) {
      const altcha = await solve(await newChallenge(env.AUTH_SECRET!, 600));
      const body = { kind: "INDIVIDUAL", slotId, seats: 1, contactName: "Bot", email: `bot-${randomUUID()}@example.org`, consent: true, locale: "fr", altcha };
      const spoofed = `203.0.113.${(i % 250) + 1}`;
      statuses.push(await postFrom(localAddress, `${url}/api/v1/bookings`, body, { "x-forwarded-for": spoofed, "x-real-ip": spoofed, "idempotency-key": randomUUID() }));
    }
    return { booked: statuses.filter((s) => s === 201).length, limited: statuses.filter((s) => s === 429).length, other: statuses.filter((s) => s !== 201 && s !== 429) };
  };

  // No proxy (TRUSTED_PROXY_HOPS=0): the connection's address; the spoofed headers change nothing.
  const direct = await start("serve", env);
  expect(await becomesHealthy(direct)).toBe(true);
  expect(await hoard(direct.url, "127.0.0.1", 80)).toEqual({ booked: 60, limited: 20, other: [] });
  await direct.stop();

  // Behind one appending proxy (TRUSTED_PROXY_HOPS=1): the address the proxy saw, per client.
  const proxied = await start("serve", { ...env, TRUSTED_PROXY_HOPS: "1" });
  expect(await becomesHealthy(proxied)).toBe(true);
  const proxy = await appendingProxy(proxied.url);
  try {
    expect(await hoard(proxy.url, "127.0.0.2", 80)).toEqual({ booked: 60, limited: 20, other: [] });
    // Another client behind the same proxy is not affected by the first one's limit.
    expect(await hoard(proxy.url, "127.0.0.3", 1)).toEqual({ booked: 1, limited: 0, other: [] });
  } finally {
    proxy.close();
  }
  await proxied.stop();
});
