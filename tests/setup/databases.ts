import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { freePort, startEmbeddedPostgres, withDatabase } from "../../scripts/lib/embedded-db";
import { run } from "../../scripts/lib/run";

const TEMPLATE = "uo_test_template";

// Used by Vitest's global setup and by Playwright's: one server, one migrated template database.
export async function prepareTestDatabases() {
  let adminUrl: string;
  let stop = async () => {};
  if (process.env.DATABASE_URL) {
    adminUrl = withDatabase(process.env.DATABASE_URL, "postgres");
  } else {
    const dataDir = path.join(process.cwd(), ".data", `pg-test-${process.pid}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false, durable: false });
    adminUrl = server.urlFor("postgres");
    stop = server.stop;
  }
  await recreateDatabase(adminUrl, TEMPLATE);
  await run("prisma", ["migrate", "deploy"], { ...process.env, DATABASE_URL: withDatabase(adminUrl, TEMPLATE) });
  return { adminUrl, templateDatabase: TEMPLATE, teardown: stop };
}

export async function recreateDatabase(adminUrl: string, name: string, template?: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  } finally {
    await client.end();
  }
}
