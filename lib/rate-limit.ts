import "server-only";
import { pool } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

// Limits live in PostgreSQL (table rate_limits) so every app instance shares the same counters: one
// row per limit and key ("bookingPerIp:198.51.100.7"), with the points spent in the current window
// and the window's end (epoch ms). Same rows and rules as rate-limiter-flexible's RateLimiterPostgres,
// which this replaced: it spent each limit in a statement (and a commit) of its own, three per
// booking; here all the limits of a request are spent in one.
const LIMITS = {
  magicLinkPerEmail: { points: 5, duration: 3600 },
  magicLinkPerIp: { points: 30, duration: 3600 },
  bookingPerIp: { points: 60, duration: 600 },
  bookingPerEmail: { points: 20, duration: 3600 },
  apiPerIp: { points: 600, duration: 60 },
  apiPerKey: { points: 1200, duration: 60 }, // a partner's API key (lib/partners), instead of apiPerIp
  bookingPerKey: { points: 300, duration: 600 }, // what a leaked key can book, instead of bookingPerIp
  surveyPerIp: { points: 30, duration: 600 },
  bookingLookupPerIp: { points: 20, duration: 3600 }, // "Retrouver mes réservations" (lib/booking/lookup.ts)
  bookingLookupPerEmail: { points: 3, duration: 3600 }, // each request e-mails the address: no mailbox flooding
  alertPerIp: { points: 20, duration: 3600 }, // « Prévenez-moi » requests (lib/alerts)
  alertPerEmail: { points: 3, duration: 3600 }, // each request e-mails the address: no mailbox flooding
  challengePerIp: { points: 120, duration: 600 }, // proof-of-work challenges (lib/challenge): one per form shown or sent
} as const;

export type LimitName = keyof typeof LIMITS;

// Tests and the benchmark multiply the allowance (RATE_LIMIT_FACTOR) instead of switching limits off;
// tests read it to know which request is the first refused.
const factor = env.RATE_LIMIT_FACTOR;
export const allowance = (name: LimitName) => Math.max(1, Math.round(LIMITS[name].points * factor));

export class RateLimitError extends AppError {
  /** When the exhausted limit reopens (its window's end). */
  readonly retryAt: Date;
  readonly retryAfterSeconds: number;
  // The window's own end, not "now + the seconds left": rounding those up could name the next minute.
  constructor(retryAt: Date, now: number) {
    super("rate_limited", 429);
    this.retryAt = retryAt;
    this.retryAfterSeconds = Math.ceil((retryAt.getTime() - now) / 1000);
  }
  get retryAfterMinutes() {
    return Math.max(1, Math.ceil(this.retryAfterSeconds / 60));
  }
}

/** What is left of one limit for its key after a request: the forms say it before it bites. */
export interface Allowance {
  remaining: number;
  resetsAt: Date;
}

// Spends one point of each (limit, key) pair (a pair listed twice spends one); throws
// RateLimitError with the longest wait if any is exhausted. The points are spent even then, as
// before: hammering an exhausted limit does not reopen it sooner. Returns what is left of each limit.
export async function consumeRateLimits(checks: [LimitName, string][]): Promise<Partial<Record<LimitName, Allowance>>> {
  const left: Partial<Record<LimitName, Allowance>> = {};
  if (checks.length === 0) return left;
  scheduleCleanup();
  const windows = new Map<string, number>();
  for (const [name, key] of checks) windows.set(`${name}:${key.toLowerCase()}`, LIMITS[name].duration * 1000);
  // Sorted: concurrent requests lock the rows they share in the same order, so they cannot deadlock.
  const keys = [...windows.keys()].sort();
  const now = Date.now();
  const { rows } = await pool.query<{ key: string; points: number; expire: string }>(
    `INSERT INTO rate_limits AS r (key, points, expire)
     SELECT k.key, 1, $2::bigint + k.ms FROM unnest($1::text[], $3::bigint[]) AS k(key, ms)
     ON CONFLICT (key) DO UPDATE SET
       points = CASE WHEN r.expire <= $2 THEN 1 ELSE r.points + 1 END,
       expire = CASE WHEN r.expire <= $2 THEN EXCLUDED.expire ELSE r.expire END
     RETURNING key, points, expire`,
    [keys, now, keys.map((key) => windows.get(key))],
  );
  let reopensAt = 0;
  for (const row of rows) {
    const name = row.key.slice(0, row.key.indexOf(":")) as LimitName;
    if (row.points > allowance(name)) reopensAt = Math.max(reopensAt, Number(row.expire));
    left[name] = { remaining: Math.max(0, allowance(name) - row.points), resetsAt: new Date(Number(row.expire)) };
  }
  if (reopensAt > now) throw new RateLimitError(new Date(reopensAt), now);
  return left;
}

// Rows whose window ended more than an hour ago are deleted every 5 minutes (as the library did).
let cleanup: NodeJS.Timeout | undefined;
function scheduleCleanup() {
  if (cleanup) return;
  cleanup = setInterval(() => {
    pool.query(`DELETE FROM rate_limits WHERE expire < $1`, [Date.now() - 3600_000]).catch(() => {});
  }, 5 * 60_000);
  cleanup.unref();
}
