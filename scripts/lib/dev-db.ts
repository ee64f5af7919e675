import path from "node:path";
import { ensureDatabase, startEmbeddedPostgres, StartupError, withDatabase } from "./embedded-db";

export const DEV_DATA_DIR = path.join(process.cwd(), ".data", "pg");
const DEV_DATABASE = "usines_ouvertes";

// Resolves the database to use: DATABASE_URL when set (never starting the embedded server),
// otherwise the embedded server with its data kept in .data/pg between runs.
export async function openDevDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const db = await startEmbeddedPostgres({ dataDir: DEV_DATA_DIR, port, persistent: true, durable: true });
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
