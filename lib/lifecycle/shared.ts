import { inTransaction } from "@/lib/booking/transaction";
import type { Tx } from "@/lib/db";
import { isUniqueViolationOn } from "@/lib/db-retry";

// Scans page through candidates by id (keyset), each page enqueued in its own short transaction,
// and stop after `maxPerRun` e-mails: a huge backlog (every booking of a nationwide edition enters
// the 48 h window together) is spread over a few scheduler ticks instead of one long transaction.
export const PAGE_SIZE = 200;
export const MAX_PER_RUN = 2000;

export interface JobResult {
  enqueued: number;
  skipped: number;
}

/**
 * One page of a job, in one transaction. Jobs lock what they are about to announce (booking rows,
 * or an advisory lock per factory and day) and then look for the e-mails already written, so
 * concurrent runs serialise per booking instead of colliding on the outbox's unique dedupeKey.
 * Should someone else still insert the same key first (an unlocked writer), the page starts again
 * and finds the e-mail written.
 */
export function inJobTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return inTransaction(fn, { maxWait: 10_000, timeout: 60_000, retryAlso: (error) => isUniqueViolationOn(error, "dedupeKey") });
}

/** The dedupe keys among `keys` that already have an outbox row (committed, as of now). */
export async function existingKeys(tx: Tx, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await tx.emailOutbox.findMany({ where: { dedupeKey: { in: keys } }, select: { dedupeKey: true } });
  return new Set(rows.map((row) => row.dedupeKey!));
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
