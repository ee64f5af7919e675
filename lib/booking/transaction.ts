import { createHash } from "node:crypto";
import type { Prisma } from "@prisma/client";
import pg from "pg";
import { db, pool, type Tx } from "@/lib/db";
import { retried } from "@/lib/db-retry";

// Generous enough for a burst on one hot slot (transactions queue on its row lock), short enough
// that a stuck transaction does not hold locks for long.
const TX_OPTIONS = { maxWait: 5_000, timeout: 10_000 };

export interface TransactionOptions {
  /** Other errors after which the whole transaction starts again (write conflicts always do). */
  retryAlso?: (error: unknown) => boolean;
  maxWait?: number;
  timeout?: number;
}

// Runs `fn` in one interactive transaction, retried from scratch on write conflicts and deadlocks.
export function inTransaction<T>(fn: (tx: Tx) => Promise<T>, { retryAlso, ...options }: TransactionOptions = {}): Promise<T> {
  return retried(() => db.$transaction(fn, { ...TX_OPTIONS, ...options }), retryAlso);
}

// ───────────────────────────── Plain SQL on the hot path ─────────────────────────────
// book() runs on a connection of the shared pool, without Prisma: its client engine spends ~0.3–0.5
// ms of CPU on every statement, raw ones included (query plan interpretation, tracing, promise
// layers), and as much again to open and close an interactive transaction — measured ~20% of the
// CPU of a booking request, for five statements. The statements are still Prisma.sql fragments
// (parameterised text + values), written like every other query of lib/booking.

export interface SqlQuery {
  /**
   * `prepared`: the statement is prepared once per connection and its plan kept (see
   * preparedName). For statements run on every booking whose planning costs more than running them.
   */
  query<T>(statement: Prisma.Sql, options?: { prepared?: boolean }): Promise<T[]>;
}

export interface SqlTransaction extends SqlQuery {
  /**
   * Runs the statement and commits, in one message to the server (the statement's values written
   * in as literals: the simple-query protocol takes several statements but no parameters), so the
   * server commits as soon as the statement is done. Sent one after the other, COMMIT would leave
   * when this process next reads its socket: on an event loop busy with hundreds of requests, tens
   * of milliseconds during which the statement's row locks stay held and a hot slot's queue waits.
   * The transaction is over afterwards, whatever the statement returned.
   */
  queryAndCommit<T>(statement: Prisma.Sql): Promise<T[]>;
}

// Rows as $queryRaw returns them: int8 as BigInt (pg's default is a string), the rest as pg parses
// it (timestamptz → Date, json → object, enums → string).
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8 ? BigInt : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

// Like inTransaction, on a pg connection (retried the same way). A statement may run 10 s at most
// (Prisma's transaction timeout).
// With `advisoryLock` (two 32-bit keys), the transaction-level advisory lock is taken in the same
// round trip as BEGIN: every round trip costs CPU on both sides (a loopback write was ~20% of a
// booking request's CPU), and a lock taken first needs no parameter (the keys are integers).
export async function inSqlTransaction<T>(
  fn: (tx: SqlTransaction) => Promise<T>,
  retryAlso: (error: unknown) => boolean = () => false,
  advisoryLock?: readonly [number, number],
): Promise<T> {
  if (advisoryLock && !advisoryLock.every((key) => Number.isInteger(key) && key >= -(2 ** 31) && key < 2 ** 31)) {
    throw new Error(`Advisory lock keys must be 32-bit integers: ${advisoryLock.join(", ")}`);
  }
  const begin = `BEGIN; SET LOCAL statement_timeout = 10000;${advisoryLock ? ` SELECT pg_advisory_xact_lock(${advisoryLock[0]}, ${advisoryLock[1]});` : ""}`;
  return retried(async () => {
    const client = await pool.connect();
    let broken = false;
    // The server may end the connection between two statements (restart, failover): pg then emits
    // "error" on the checked-out client, which must be handled here (the pool only listens on idle
    // ones); the next statement fails and the request gets its 503.
    const onError = () => (broken = true);
    client.on("error", onError);
    let finished = false;
    const run = <R>(statement: Prisma.Sql, { prepared = false } = {}) =>
      client.query({ ...(prepared ? { name: preparedName(statement.text) } : {}), text: statement.text, values: statement.values, types }).then((r) => r.rows as R[]);
    try {
      await client.query(begin);
      const result = await fn({
        query: run,
        queryAndCommit: async <R>(statement: Prisma.Sql) => {
          // If the statement fails, the server skips the COMMIT: the catch below rolls back.
          const [written] = (await client.query({ text: `${inlined(statement)};\nCOMMIT`, types })) as unknown as pg.QueryResult[];
          finished = true;
          return written.rows as R[];
        },
      });
      if (!finished) await client.query("COMMIT");
      return result;
    } catch (error) {
      // A connection that cannot even roll back is dropped from the pool, not reused.
      if (!finished) await client.query("ROLLBACK").catch(() => (broken = true));
      throw error;
    } finally {
      client.off("error", onError);
      client.release(broken);
    }
  }, retryAlso);
}

// A prepared statement's name, from its text: pg prepares it on a connection the first time it runs
// there and then sends only its values; PostgreSQL keeps its plan (a generic one after five runs when
// that is no worse), so it is not planned again on every booking. One text, one name: pg refuses a
// name reused for another text, and a fragment's variants (a class or a visitor) are other texts.
const preparedNames = new Map<string, string>();
function preparedName(text: string): string {
  let name = preparedNames.get(text);
  if (!name) preparedNames.set(text, (name = `lib_booking_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`));
  return name;
}

// A statement with its values written in as SQL literals (escaped by pg), for queryAndCommit. The
// values of our statements are strings, numbers, booleans, dates and arrays of them; the statements
// cast where the type matters, as they do for parameters.
function inlined(statement: Prisma.Sql): string {
  return statement.text.replace(/\$(\d+)/g, (_, n: string) => literal(statement.values[Number(n) - 1]));
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  // A NUL would end the query text early (PostgreSQL refuses it in a parameter too).
  if (String(value).includes("\u0000")) throw new Error("An SQL value contains a NUL character");
  if (Array.isArray(value)) return pg.escapeLiteral(`{${value.map(arrayElement).join(",")}}`);
  return pg.escapeLiteral(scalarText(value));
}

const arrayElement = (value: unknown) => (value === null || value === undefined ? "NULL" : `"${scalarText(value).replace(/[\\"]/g, "\\$&")}"`);

function scalarText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string" || typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return String(value);
  throw new Error(`No SQL literal for a ${typeof value} value`);
}
