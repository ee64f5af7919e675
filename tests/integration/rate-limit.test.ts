// Rate limits are shared by every app instance because their counters live in PostgreSQL: two
// separate Node processes (standing in for two instances) hit the same key at the same moment, and
// together they get exactly the limit — not the limit each.
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { uid } from "../fixtures/factories";

// Runs in a child process: imports the app's own lib/rate-limit (with the react-server condition,
// as Next does, so `server-only` resolves), waits for the common start time, then spends `attempts`
// points concurrently and prints how many were allowed and refused.
const CHILD = `
(async () => {
  const { consumeRateLimits, RateLimitError } = await import("@/lib/rate-limit");
  const { pool } = await import("@/lib/db");
  const { limit, key, attempts, startAt } = JSON.parse(process.env.RL_ARGS);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
  const outcomes = await Promise.allSettled(Array.from({ length: attempts }, () => consumeRateLimits([[limit, key]])));
  const allowed = outcomes.filter((o) => o.status === "fulfilled").length;
  const refused = outcomes.filter((o) => o.status === "rejected" && o.reason instanceof RateLimitError).length;
  const other = outcomes.filter((o) => o.status === "rejected" && !(o.reason instanceof RateLimitError)).map((o) => String(o.reason));
  console.log(JSON.stringify({ pid: process.pid, allowed, refused, other }));
  await pool.end();
})().catch((error) => { console.error(error); process.exit(1); });
`;

interface ChildResult {
  pid: number;
  allowed: number;
  refused: number;
  other: string[];
}

function runChild(args: { limit: string; key: string; attempts: number; startAt: number }): Promise<ChildResult> {
  const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ["--conditions=react-server", "-e", CHILD], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, RATE_LIMIT_FACTOR: "1", DATABASE_POOL_SIZE: "40", RL_ARGS: JSON.stringify(args) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("error", reject);
    child.on("exit", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || !line.startsWith("{")) reject(new Error(`child exited with ${code}: ${err || out}`));
      else resolve(JSON.parse(line));
    });
  });
}

async function twoProcesses(limit: string, attemptsEach: number) {
  const key = `shared-${uid()}`;
  // Both processes start their burst at the same instant (process start-up takes a second or two).
  const startAt = Date.now() + 5000;
  return Promise.all([runChild({ limit, key, attempts: attemptsEach, startAt }), runChild({ limit, key, attempts: attemptsEach, startAt })]);
}

describe("rate limits across processes", () => {
  it("gives two processes hitting the same survey key 30 points in total (surveyPerIp: 30 per 10 min)", async () => {
    const results = await twoProcesses("surveyPerIp", 25);
    expect(new Set(results.map((r) => r.pid)).size).toBe(2);
    expect(results.flatMap((r) => r.other)).toEqual([]);
    expect(results.reduce((sum, r) => sum + r.allowed, 0)).toBe(30);
    expect(results.reduce((sum, r) => sum + r.refused, 0)).toBe(20);
    expect(results.every((r) => r.allowed + r.refused === 25)).toBe(true);
  });

  it("gives two processes 5 magic-link e-mails in total for one address (magicLinkPerEmail: 5 per hour)", async () => {
    const results = await twoProcesses("magicLinkPerEmail", 6);
    expect(results.flatMap((r) => r.other)).toEqual([]);
    expect(results.reduce((sum, r) => sum + r.allowed, 0)).toBe(5);
    expect(results.reduce((sum, r) => sum + r.refused, 0)).toBe(7);
  });
});

describe("several limits at once", () => {
  it("spends every limit of a request in one statement and refuses with the longest wait", async () => {
    const { consumeRateLimits, RateLimitError } = await import("@/lib/rate-limit");
    const { pool } = await import("@/lib/db");
    const ip = `ip-${uid()}`;
    const email = `Someone-${uid()}@Example.org`;
    const points = async (key: string) =>
      (await pool.query<{ points: number }>(`SELECT points FROM rate_limits WHERE key = $1`, [key])).rows[0]?.points ?? 0;
    // magicLinkPerEmail allows 5 per hour, magicLinkPerIp 30 per hour.
    for (let i = 0; i < 5; i++) await consumeRateLimits([["magicLinkPerEmail", email], ["magicLinkPerIp", ip]]);
    const error = await consumeRateLimits([["magicLinkPerIp", ip], ["magicLinkPerEmail", email]]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as InstanceType<typeof RateLimitError>).retryAfterSeconds).toBeGreaterThan(3500);
    // Both were spent, the refused attempt included; keys are lower-cased.
    expect(await points(`magicLinkPerEmail:${email.toLowerCase()}`)).toBe(6);
    expect(await points(`magicLinkPerIp:${ip}`)).toBe(6);

    // A window that has ended starts again from one point.
    await pool.query(`UPDATE rate_limits SET expire = $2 WHERE key = $1`, [`magicLinkPerEmail:${email.toLowerCase()}`, Date.now() - 1]);
    const left = await consumeRateLimits([["magicLinkPerEmail", email]]);
    expect(await points(`magicLinkPerEmail:${email.toLowerCase()}`)).toBe(1);
    // What is left is returned, with the new window's end.
    expect(left.magicLinkPerEmail?.remaining).toBe(4);
    expect(left.magicLinkPerEmail!.resetsAt.getTime()).toBeGreaterThan(Date.now() + 3500_000);
  });
});

describe("crash safety", () => {
  it("keeps the counters and the spent proof-of-work solutions in unlogged tables (docs/decisions/0021-booking-round-trips.md)", async () => {
    const { pool } = await import("@/lib/db");
    const { rows } = await pool.query<{ relname: string; relpersistence: string }>(
      `SELECT relname, relpersistence FROM pg_class WHERE relname IN ('rate_limits', 'SpentChallenge', 'Booking') AND relkind = 'r' ORDER BY relname`,
    );
    // u = unlogged, p = permanent: the bookings themselves stay crash-safe.
    expect(rows).toEqual([
      { relname: "Booking", relpersistence: "p" },
      { relname: "SpentChallenge", relpersistence: "u" },
      { relname: "rate_limits", relpersistence: "u" },
    ]);
  });
});
