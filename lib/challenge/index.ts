import "server-only";
import { pool } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { checkSolution, newChallenge, type Challenge } from "./pow";

// The proof-of-work that public forms and anonymous API bookings carry against hoarding bots (ALTCHA:
// self-hosted, no cookie, no third party). Per-address limits cost nothing to a client with many
// addresses; a solution costs CPU time, and each is accepted once.

/** A fresh challenge for the widget (GET /api/challenge). */
export function createChallenge(): Promise<Challenge> {
  return newChallenge(env.AUTH_SECRET, env.CHALLENGE_MAX_NUMBER);
}

/**
 * Accepts a solved challenge once: throws `challenge.required` when there is none, and
 * `challenge.invalid` when it is not ours, wrong, expired or already used. `payload` is what the
 * widget posts (base64 JSON in the form field `altcha`) or, from an API client, that JSON itself.
 */
export async function verifyChallenge(payload: unknown): Promise<void> {
  const verdict = await checkSolution(env.AUTH_SECRET, payload);
  if (verdict.status === "missing") throw new AppError("challenge.required", 422);
  if (verdict.status !== "solved") throw new AppError("challenge.invalid", 422);
  schedulePurge();
  // Spent until its challenge expires (after which it is refused as expired anyway). Concurrent
  // submissions of one solution race on the primary key: exactly one inserts.
  const { rowCount } = await pool.query(`INSERT INTO "SpentChallenge" (signature, "expiresAt") VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
    verdict.signature,
    verdict.expiresAt,
  ]);
  if (rowCount !== 1) throw new AppError("challenge.invalid", 422);
}

/** Spent solutions are only needed until they expire (then they are refused as expired anyway). */
export async function purgeSpentChallenges(): Promise<number> {
  const { rowCount } = await pool.query(`DELETE FROM "SpentChallenge" WHERE "expiresAt" < now()`);
  return rowCount ?? 0;
}

// Every 10 minutes in each process that verifies solutions.
let purge: NodeJS.Timeout | undefined;
function schedulePurge() {
  if (purge) return;
  purge = setInterval(() => purgeSpentChallenges().catch(() => {}), 10 * 60_000);
  purge.unref();
}
