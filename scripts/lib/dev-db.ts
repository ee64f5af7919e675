import fs from "node:fs";
import path from "node:path";
import { ensureDatabase, startEmbeddedPostgres, StartupError, withDatabase } from "./embedded-db";

// EMBEDDED_PG_DIR / EMBEDDED_PG_FRESH let the browser tests and the benchmark run on their own
// throw-away database beside the development one.
const dataDir = path.resolve(process.env.EMBEDDED_PG_DIR ?? path.join(".data", "pg"));
const fresh = process.env.EMBEDDED_PG_FRESH === "1";
const DEV_DATABASE = "usines_ouvertes";

// Resolves the database to use: DATABASE_URL when set (never starting the embedded server),
// otherwise the embedded server with its data kept in .data/pg between runs.
export async function openDevDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  if (fresh) fs.rmSync(dataDir, { recursive: true, force: true });
  const db = await startEmbeddedPostgres({ dataDir, port, persistent: !fresh, durable: !fresh });
  await ensureDatabase(db.urlFor("postgres"), DEV_DATABASE);
  return { url: db.urlFor(DEV_DATABASE), stop: db.stop };
}

export async function withDevDatabase(task: (url: string) => Promise<void>) {
  let db: Awaited<ReturnType<typeof openDevDatabase>> | undefined;
  try {
    db = await openDevDatabase();
    await task(db.url);
  } catch (error) {
    if (error instanceof StartupError) console.error(`\n✖ ${error.message}\n`);
    else console.error(error);
    process.exitCode = 1;
  } finally {
    await db?.stop();
  }
}

export { withDatabase };
