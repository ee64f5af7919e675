import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import pg from "pg";
import { env } from "@/lib/env";

// One pool and one Prisma client per process (kept on globalThis so dev hot reloads reuse them).
// The pool is shared with the few raw `pg` queries of the hot booking path.
const createClient = (pgPool: pg.Pool) =>
  new PrismaClient({
    adapter: new PrismaPg(pgPool),
    // Token and key hashes never leave their own modules' queries by accident.
    omit: {
      booking: { manageTokenHash: true, ticketTokenHash: true, manageTokenSealed: true },
      circuitBooking: { manageTokenHash: true, ticketTokenHash: true, manageTokenSealed: true },
      apiKey: { hash: true },
    },
  });

const globalForDb = globalThis as unknown as { pgPool?: pg.Pool; prisma?: ReturnType<typeof createClient> };

export const pool =
  globalForDb.pgPool ??
  new pg.Pool({
    connectionString: env.DATABASE_URL,
    max: env.DATABASE_POOL_SIZE,
    connectionTimeoutMillis: 5_000,
  });
// An idle client losing its server (database restart) must not crash the process.
pool.on("error", (error) => console.warn("PostgreSQL idle client error:", error.message));

export const db = globalForDb.prisma ?? createClient(pool);

if (env.NODE_ENV !== "production") {
  globalForDb.pgPool = pool;
  globalForDb.prisma = db;
}

export type Db = typeof db;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
