import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import pg from "pg";

// One pool and one Prisma client per process (kept on globalThis so dev hot reloads reuse them).
// The pool is shared with the few raw `pg` queries of the hot booking path.
const createClient = (pgPool: pg.Pool) =>
  new PrismaClient({
    adapter: new PrismaPg(pgPool),
    // Token hashes never leave lib/booking's own queries by accident.
    omit: { booking: { manageTokenHash: true, ticketTokenHash: true, manageTokenSealed: true } },
  });

const globalForDb = globalThis as unknown as { pgPool?: pg.Pool; prisma?: ReturnType<typeof createClient> };

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (npm start / npm test set it for the embedded database)");
  return url;
}

export const pool =
  globalForDb.pgPool ??
  new pg.Pool({
    connectionString: databaseUrl(),
    max: Number(process.env.DATABASE_POOL_SIZE ?? 20),
    connectionTimeoutMillis: 5_000,
  });
// An idle client losing its server (database restart) must not crash the process.
pool.on("error", (error) => console.warn("PostgreSQL idle client error:", error.message));

export const db = globalForDb.prisma ?? createClient(pool);

if (process.env.NODE_ENV !== "production") {
  globalForDb.pgPool = pool;
  globalForDb.prisma = db;
}

export type Db = typeof db;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
