// Reading PostgreSQL errors and retrying transactions, in one place for the app and the scripts
// (no database client here: the bench drives its own `pg` pool with the same rules).

interface DriverCause {
  kind?: string;
  originalCode?: string;
  constraint?: { fields?: string[]; index?: string };
}

interface DbError {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
  meta?: { driverAdapterError?: { cause?: DriverCause } };
  cause?: DriverCause & { code?: unknown; message?: unknown };
}

// Prisma's own codes (P1xxx–P6xxx); PostgreSQL's P0xxx are PL/pgSQL SQLSTATEs.
const PRISMA_CODE = /^P[1-9]\d{3}$/;

// @prisma/adapter-pg reports PostgreSQL errors either as a Prisma error whose
// meta.driverAdapterError.cause has the SQLSTATE, or (when Prisma has no P-code for it, e.g. a
// deadlock) as the raw driver adapter error with the same `cause`.
function driverCause(error: unknown): DriverCause | undefined {
  const e = error as DbError | null;
  return e?.meta?.driverAdapterError?.cause ?? (typeof e?.cause === "object" ? e.cause : undefined);
}

/** The SQLSTATE of a PostgreSQL error, whether it comes from `pg` itself or through Prisma's adapter. */
export function sqlState(error: unknown): string | undefined {
  const wrapped = driverCause(error)?.originalCode;
  if (wrapped) return wrapped;
  // A plain `pg` error carries the SQLSTATE itself.
  const own = (error as DbError | null)?.code;
  return typeof own === "string" && /^[0-9A-Z]{5}$/.test(own) && !PRISMA_CODE.test(own) ? own : undefined;
}

/** Serialization failure or deadlock (or Prisma's P2034 for either): the transaction may start again. */
export function isWriteConflict(error: unknown): boolean {
  const state = sqlState(error);
  return (error as DbError | null)?.code === "P2034" || state === "40001" || state === "40P01";
}

/** A unique violation on a constraint or index whose name or fields mention `column`. */
export function isUniqueViolationOn(error: unknown, column: string): boolean {
  const e = error as DbError | null;
  if (e?.code !== "P2002" && sqlState(error) !== "23505") return false;
  // A plain `pg` error names the constraint; Prisma gives its fields or index.
  if (typeof e?.constraint === "string") return e.constraint.includes(column);
  const cause = driverCause(error);
  const where = [...(cause?.constraint?.fields ?? []), cause?.constraint?.index ?? ""].join(" ");
  return where.includes(column);
}

/** The database is down, restarting or unreachable (not a bug of the request): worth a 503. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as DbError | null;
  // The adapter names socket failures by kind (no SQLSTATE); P2028 is an interactive transaction
  // whose connection died under it.
  if (UNAVAILABLE_KINDS.has(driverCause(error)?.kind ?? "")) return true;
  const text = [sqlState(error), e?.code, e?.message, e?.cause?.code, e?.cause?.message].map((v) => String(v ?? "")).join(" ");
  return /ECONNREFUSED|ECONNRESET|EPIPE|57P0[123]|0800[0136]|Connection terminated|not queryable|terminating connection|the database system is|timeout exceeded when trying to connect|P1001|P1017|P2024|P2028/i.test(
    text,
  );
}

const UNAVAILABLE_KINDS = new Set(["ConnectionClosed", "DatabaseNotReachable", "SocketTimeout", "TooManyConnections"]);

const ATTEMPTS = 4;

/**
 * Runs `attempt` (a whole transaction) again from scratch, a few times, on write conflicts and
 * deadlocks, and on any other error `retryAlso` accepts (e.g. a ticket-code collision).
 */
export async function retried<T>(attempt: () => Promise<T>, retryAlso: (error: unknown) => boolean = () => false): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (tries >= ATTEMPTS || !(isWriteConflict(error) || retryAlso(error))) throw error;
    }
  }
}
