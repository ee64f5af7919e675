// Every decision that reads or changes approved-factory counts of an edition (registration,
// waiting-list re-evaluation, organiser approval or override) runs in one transaction holding the
// edition's quota lock: a transaction-level advisory lock, released at commit or rollback (safe
// behind PgBouncer in transaction mode). Registrations are rare, so serialising them is cheap, and a
// decision over three dimensions (region, sector, size) needs no row-lock ordering.
import { createHash } from "node:crypto";
import { inTransaction } from "@/lib/booking/transaction";
import type { Tx } from "@/lib/db";
import { sqlState } from "@/lib/db-retry";
import { AppError } from "@/lib/errors";

// A burst of registrations queues on the lock; each holds it for a few milliseconds.
const TX_OPTIONS = { maxWait: 10_000, timeout: 30_000 };
// Waiting longer than this for the lock means something is stuck: fail cleanly (before Prisma's own
// transaction timeout) instead of piling up connections.
const LOCK_TIMEOUT = "20s";

/** Stable 64-bit key of 'quota:' || editionId (first 8 bytes of its SHA-256, as a signed bigint). */
export function quotaLockKey(editionId: string): bigint {
  return createHash("sha256").update(`quota:${editionId}`).digest().readBigInt64BE(0);
}

/** Takes the edition's quota lock for the rest of the transaction (re-entrant: taking it twice is harmless). */
export async function lockEditionQuotas(tx: Tx, editionId: string): Promise<void> {
  // One round trip: the materialised CTE sets the transaction's lock_timeout before the lock is requested.
  await tx.$executeRaw`
    WITH timeout AS MATERIALIZED (SELECT set_config('lock_timeout', ${LOCK_TIMEOUT}, true))
    SELECT pg_advisory_xact_lock(${quotaLockKey(editionId).toString()}::bigint) FROM timeout`;
}

/**
 * Runs `fn` in one transaction that first takes the edition's quota lock. Retries from scratch on
 * write conflicts and deadlocks, and on errors `retryAlso` accepts (e.g. a user created concurrently
 * by a sign-in); a lock wait that times out becomes the expected error `registration.busy` (503).
 */
export async function withQuotaLock<T>(
  editionId: string,
  fn: (tx: Tx) => Promise<T>,
  retryAlso?: (error: unknown) => boolean,
): Promise<T> {
  try {
    return await inTransaction(
      async (tx) => {
        await lockEditionQuotas(tx, editionId);
        return fn(tx);
      },
      { ...TX_OPTIONS, retryAlso },
    );
  } catch (error) {
    if (sqlState(error) === "55P03") throw new AppError("registration.busy", 503);
    throw error;
  }
}
