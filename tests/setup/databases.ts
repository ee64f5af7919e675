import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { freePort, startEmbeddedPostgres, withDatabase } from "../../scripts/lib/embedded-db";
import { run } from "../../scripts/lib/run";

const TEMPLATE = "uo_test_template";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1", ""]);

/**
 * The tests create and drop databases (and the browser tests write demo data): on a server that is
 * not on this machine that needs ALLOW_REMOTE_TEST_DB=1, so a DATABASE_URL left pointing at a shared
 * or production server is never wiped by `npm test`.
 */
export function assertDisposableDatabase(url: string | undefined, environment: NodeJS.ProcessEnv = process.env) {
  if (!url || environment.ALLOW_REMOTE_TEST_DB === "1") return;
  const { hostname } = new URL(url);
  if (!LOCAL_HOSTS.has(hostname)) {
    throw new Error(`DATABASE_URL points at ${hostname}, not this machine: the tests would create and drop databases there. Set ALLOW_REMOTE_TEST_DB=1 if that server is disposable.`);
  }
}

// Used by Vitest's global setup and by Playwright's: one server, one migrated template database.
export async function prepareTestDatabases() {
  let adminUrl: string;
  let stop = async () => {};
  if (process.env.DATABASE_URL) {
    assertDisposableDatabase(process.env.DATABASE_URL);
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
