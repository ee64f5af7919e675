import "server-only";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { pool } from "@/lib/db";
import { AppError } from "@/lib/errors";

// Limits live in PostgreSQL (table rate_limits) so every app instance shares the same counters.
const LIMITS = {
  magicLinkPerEmail: { points: 5, duration: 3600 },
  magicLinkPerIp: { points: 30, duration: 3600 },
  bookingPerIp: { points: 60, duration: 600 },
  bookingPerEmail: { points: 20, duration: 3600 },
  apiPerIp: { points: 600, duration: 60 },
  surveyPerIp: { points: 30, duration: 600 },
} as const;

export type LimitName = keyof typeof LIMITS;

// Tests and the benchmark multiply the allowance (RATE_LIMIT_FACTOR) instead of switching limits off.
const factor = Number(process.env.RATE_LIMIT_FACTOR ?? 1);

const limiters = new Map<LimitName, RateLimiterPostgres>();
function limiter(name: LimitName) {
  let found = limiters.get(name);
  if (!found) {
    found = new RateLimiterPostgres({
      storeClient: pool,
      storeType: "pool",
      tableName: "rate_limits",
      tableCreated: true, // created by a Prisma migration
      keyPrefix: name,
      points: Math.max(1, Math.round(LIMITS[name].points * factor)),
      duration: LIMITS[name].duration,
    });
    limiters.set(name, found);
  }
  return found;
}

export class RateLimitError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super("rate_limited", 429);
  }
  get retryAfterMinutes() {
    return Math.max(1, Math.ceil(this.retryAfterSeconds / 60));
  }
}

// Spends one point of each (limit, key) pair; throws RateLimitError with the longest wait if any is exhausted.
export async function consumeRateLimits(checks: [LimitName, string][]) {
  const results = await Promise.allSettled(checks.map(([name, key]) => limiter(name).consume(key.toLowerCase())));
  let wait = 0;
  for (const result of results) {
    if (result.status === "fulfilled") continue;
    if (result.reason instanceof RateLimiterRes) wait = Math.max(wait, result.reason.msBeforeNext);
    else throw result.reason;
  }
  if (wait > 0) throw new RateLimitError(Math.ceil(wait / 1000));
}

// Behind a reverse proxy the first X-Forwarded-For hop is the client; deployments must make the
// proxy overwrite (not append to) that header.
export function clientIp(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "local";
}
