import { db, type Tx } from "@/lib/db";

// Generous enough for a burst on one hot slot (transactions queue on its row lock), short enough
// that a stuck transaction does not hold locks for long.
const TX_OPTIONS = { maxWait: 5_000, timeout: 10_000 };
const ATTEMPTS = 4;

interface DriverCause {
  originalCode?: string;
  constraint?: { fields?: string[]; index?: string };
}

// @prisma/adapter-pg reports PostgreSQL errors either as a Prisma error whose
// meta.driverAdapterError.cause has the SQLSTATE, or (when Prisma has no P-code for it, e.g. a
// deadlock) as the raw driver adapter error with the same `cause`.
function driverCause(error: unknown): DriverCause | undefined {
  const e = error as { meta?: { driverAdapterError?: { cause?: DriverCause } }; cause?: DriverCause } | null;
  return e?.meta?.driverAdapterError?.cause ?? (typeof e?.cause === "object" ? e.cause : undefined);
}

export function isWriteConflict(error: unknown): boolean {
  if ((error as { code?: unknown } | null)?.code === "P2034") return true;
  const code = driverCause(error)?.originalCode;
  return code === "40001" || code === "40P01"; // serialization failure, deadlock
}

export function isUniqueViolationOn(error: unknown, column: string): boolean {
  const cause = driverCause(error);
  if ((error as { code?: unknown } | null)?.code !== "P2002" && cause?.originalCode !== "23505") return false;
  const where = [...(cause?.constraint?.fields ?? []), cause?.constraint?.index ?? ""].join(" ");
  return where.includes(column);
}

// Runs `fn` in one interactive transaction, retried from scratch (a few times) on write conflicts
// and deadlocks, and on any other error `retryAlso` accepts (e.g. a ticket-code collision).
export async function inTransaction<T>(
  fn: (tx: Tx) => Promise<T>,
  retryAlso: (error: unknown) => boolean = () => false,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(fn, TX_OPTIONS);
    } catch (error) {
      if (attempt >= ATTEMPTS || !(isWriteConflict(error) || retryAlso(error))) throw error;
    }
  }
}
