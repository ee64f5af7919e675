// The proof-of-work itself (ALTCHA v2 with altcha-lib): pure, no database, no settings, so the
// benchmark, scripts/challenge-cost.ts and the tests can use it too. lib/challenge/index.ts binds it
// to AUTH_SECRET, CHALLENGE_MAX_NUMBER and the SpentChallenge table.
//
// Deterministic mode: the server picks a secret counter in [1, maxNumber], derives its key and
// publishes the first half of it; the solver tries counters from 0 up until its key starts with that
// half. A person's browser and a bot do the same work: on average maxNumber / 2 attempts.
import { createHmac } from "node:crypto";
import { createChallenge, randomInt, solveChallenge, verifySolution, type Challenge, type Payload } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { z } from "zod";

export type { Challenge };

// PBKDF2 because the browser computes it natively (WebCrypto, in Web Workers) at about the speed a
// bot's native code does; SHA-256 alone would leave the browser's per-call overhead as the bot's
// head start, and the memory-hard ARGON2ID/SCRYPT run as WebAssembly (a CSP exception, and slower
// in the browser than natively).
export const ALGORITHM = "PBKDF2/SHA-256";
/** PBKDF2 iterations per attempt: large enough that WebCrypto's per-call overhead is small. */
export const COST = 1000;
/**
 * The default upper bound of the secret counter (attempts). Measured on the 2-core dev machine: the
 * real widget in Chromium runs ~3.5 million PBKDF2 iterations a second per worker, Node's solver ~4
 * million, so 600 attempts × 1000 iterations take at most ~0.17 s of solving (plus ~0.1 s to fetch
 * the challenge and start the workers: the e2e test saw 0.14–0.26 s in all). A mid-range phone,
 * 3–5× slower per core, solves in at most 0.5–0.85 s even on one worker (the widget runs one per
 * core, up to 4), half that on average; and since it starts when the form is shown, a person who
 * takes a few seconds to fill the form in does not wait at all. A bot pays ~0.07 CPU s per solution
 * (scripts/challenge-cost.ts).
 */
export const DEFAULT_MAX_NUMBER = 600;
/** Long enough to fill in a form; the widget fetches a new challenge by itself when one expires. */
export const CHALLENGE_TTL_MS = 20 * 60_000;
/** A real payload is ~700 characters: anything much longer is not one (and is not parsed). */
const MAX_PAYLOAD_LENGTH = 4096;

// Two HMAC keys derived from AUTH_SECRET, each for one purpose: the signature of the challenge, and
// that of the expected key (which lets verification skip re-deriving it).
function keys(authSecret: string) {
  const derive = (purpose: string) => createHmac("sha256", authSecret).update(`altcha:${purpose}`).digest("hex");
  return { hmacSignatureSecret: derive("challenge"), hmacKeySignatureSecret: derive("derived-key") };
}

/** `now` backdates a challenge (tests); `cost` lowers the work per attempt (the benchmark's own client). */
export function newChallenge(authSecret: string, maxNumber: number, { now = Date.now(), cost = COST } = {}): Promise<Challenge> {
  return createChallenge({
    algorithm: ALGORITHM,
    cost,
    counter: randomInt(maxNumber),
    deriveKey,
    expiresAt: new Date(now + CHALLENGE_TTL_MS),
    ...keys(authSecret),
  });
}

/** Solves a challenge as the widget does (one worker), and encodes it as the widget posts it. */
export async function solve(challenge: Challenge): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error("The challenge could not be solved before the timeout");
  const payload: Payload = { challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution };
  return Buffer.from(JSON.stringify(payload)).toString("base64");
}

// What the widget posts: base64 of this JSON (an API client may send the object itself). The
// parameters are kept whole (looseObject): the signature covers every one of them.
const payloadSchema = z.object({
  challenge: z.object({
    parameters: z.looseObject({
      algorithm: z.string(),
      nonce: z.string(),
      salt: z.string(),
      cost: z.number(),
      keyLength: z.number(),
      keyPrefix: z.string(),
      expiresAt: z.number().positive(),
    }),
    signature: z.string().min(1),
  }),
  solution: z.object({ counter: z.number(), derivedKey: z.string() }),
});

function decode(raw: unknown): unknown {
  if (typeof raw !== "string") return raw;
  if (raw.length > MAX_PAYLOAD_LENGTH) return undefined;
  try {
    return JSON.parse(Buffer.from(raw, "base64").toString("utf8"));
  } catch {
    return undefined;
  }
}

export type Verdict = { status: "missing" | "invalid" | "expired" } | { status: "solved"; signature: string; expiresAt: Date };

/** Whether `raw` is a solution of a challenge we signed, still valid (not whether it was used before). */
export async function checkSolution(authSecret: string, raw: unknown): Promise<Verdict> {
  if (raw === undefined || raw === null || raw === "") return { status: "missing" };
  const parsed = payloadSchema.safeParse(decode(raw));
  if (!parsed.success) return { status: "invalid" };
  const { challenge, solution } = parsed.data;
  try {
    const result = await verifySolution({ challenge, solution, deriveKey, ...keys(authSecret) });
    if (result.expired) return { status: "expired" };
    if (!result.verified) return { status: "invalid" };
  } catch {
    // A forged payload the library cannot even read (e.g. a malformed hex nonce).
    return { status: "invalid" };
  }
  return { status: "solved", signature: challenge.signature, expiresAt: new Date(challenge.parameters.expiresAt * 1000) };
}
