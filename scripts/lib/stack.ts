// The process toolkit of `npm run bench`, `npm run faults`, `npm run fuzz` and the browser tests'
// extra servers: child processes in their own process group (stopped or SIGKILLed as a whole,
// nothing else is ever signalled), stops registered as things start (stopped in reverse order, with
// a synchronous last resort on any exit), polling for ports and health, a small HTTP client, the
// production-build check, an embedded PostgreSQL that can be stopped and started again on the same
// data directory and port, and the production server (scripts/serve.ts).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { buildStaleReason } from "./build";
import { ensureDatabase, freePort, startEmbeddedPostgres, type EmbeddedDb } from "./embedded-db";
import { bin } from "./run";

export { freePort };

// ───────────────────────────── Output ─────────────────────────────

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number) => (text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
export const green = paint(32);
export const red = paint(31);
export const dim = paint(2);
export const bold = paint(1);
export const step = (text: string) => console.log(dim(`› ${text}`));
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ───────────────────────────── Stops ─────────────────────────────

const liveStops = new Set<Stops>();
// Whatever was not stopped in order (a crash, process.exit in a signal handler) gets its last resort.
process.on("exit", () => {
  for (const stops of liveStops) stops.lastResorts();
});

/** Stops whatever any Stops still holds (Ctrl-C in the middle of a run). */
export async function stopEverything() {
  for (const stops of [...liveStops]) await stops.stopAll();
}

/**
 * What a run started, stopped in reverse order by stopAll(). `lastResort` is synchronous (signals
 * only) and runs on process exit for whatever was not stopped cleanly.
 */
export class Stops {
  private stops: { name: string; stop: () => Promise<void>; lastResort?: () => void }[] = [];
  private failed: (() => void)[] = [];
  constructor() {
    liveStops.add(this);
  }
  add(name: string, stop: () => Promise<void>, lastResort?: () => void) {
    this.stops.push({ name, stop, lastResort });
  }
  async stopAll() {
    while (this.stops.length > 0) {
      const { name, stop, lastResort } = this.stops.pop()!;
      try {
        await stop();
      } catch (error) {
        console.warn(`Could not stop ${name}: ${(error as Error).message}`);
        if (lastResort) this.failed.push(lastResort);
      }
    }
    if (this.failed.length === 0) liveStops.delete(this);
  }
  lastResorts() {
    for (const kill of [...this.stops.map((s) => s.lastResort), ...this.failed]) kill?.();
  }
}

// ───────────────────────────── Processes ─────────────────────────────

export function logFile(dir: string, name: string): string {
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.log`);
}

export function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

/** Runs a project binary to completion, its output in `log` (shown on failure). */
export function runBin(name: string, args: string[], env: NodeJS.ProcessEnv, log: string): Promise<void> {
  const out = fs.openSync(log, "w");
  return new Promise((resolve, reject) => {
    const child = spawn(bin(name), args, { stdio: ["ignore", out, out], env });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      fs.closeSync(out);
      if (code === 0) resolve();
      else reject(new Error(`${name} ${args.join(" ")} exited with ${code ?? signal}; last lines of ${log}:\n${tail(log)}`));
    });
  });
}

/** A long-running project binary in its own process group, output appended to `log`. */
export function daemon(name: string, args: string[], env: NodeJS.ProcessEnv, log: string): ChildProcess {
  const out = fs.openSync(log, "a");
  const child = spawn(bin(name), args, { stdio: ["ignore", out, out], env, detached: true });
  fs.closeSync(out);
  return child;
}

const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null && !!child.pid;

/** Signals the child's whole process group (it was started detached, so that is only its own tree). */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (!alive(child)) return;
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

/**
 * SIGTERM (to the child's process group, or only to the child with groupFirst: false so it can stop
 * its own children in order), then SIGKILL to the group after `graceMs`; resolves once it exited.
 */
export async function stopChild(child: ChildProcess, graceMs = 8_000, { groupFirst = true } = {}) {
  if (!alive(child)) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  if (groupFirst) signalGroup(child, "SIGTERM");
  else child.kill("SIGTERM");
  const timer = setTimeout(() => signalGroup(child, "SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Rejects when the child exits (during start-up, say); a rejection nobody awaits is ignored. */
export function diesWith(child: ChildProcess, describe: (exit: string) => string): Promise<never> {
  const died = new Promise<never>((_, reject) => child.once("exit", (code, signal) => reject(new Error(describe(String(code ?? signal))))));
  died.catch(() => {});
  return died;
}

// ───────────────────────────── Waiting ─────────────────────────────

/**
 * Polls `check` until it holds (true) or `timeoutMs` passed (false): what a run waits for instead of
 * assuming a fixed sleep is enough on a loaded machine.
 */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, pollMs = 250): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(pollMs);
  }
}

/** Like until(), but throws on timeout, or as soon as `died` rejects. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string, died?: Promise<never>) {
  const poll = (async () => {
    if (!(await until(check, timeoutMs))) throw new Error(`Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
  })();
  await (died ? Promise.race([poll, died]) : poll);
}

export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new net.Socket();
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.connect(port, "127.0.0.1");
  });
}

// ───────────────────────────── HTTP ─────────────────────────────

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  ms: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** One request; rejects on a network error or after `timeoutMs` (the caller counts that as a failure). */
export function request(
  baseUrl: string,
  options: { method: string; path: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number },
): Promise<HttpResponse> {
  const url = new URL(baseUrl);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: options.method,
        path: options.path,
        headers: options.body === undefined ? options.headers : { "content-length": Buffer.byteLength(options.body), ...options.headers },
        agent,
        timeout: options.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - started }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timeout after ${options.timeoutMs ?? 30_000} ms`)));
    req.on("error", reject);
    req.end(options.body);
  });
}

export async function healthy(baseUrl: string): Promise<boolean> {
  try {
    return (await request(baseUrl, { method: "GET", path: "/api/health", timeoutMs: 2_000 })).status === 200;
  } catch {
    return false;
  }
}

// ───────────────────────────── Build ─────────────────────────────

/** Runs `next build` (log in `logDir`) when the build is stale; returns how long it took, or null. */
export async function ensureBuild(env: NodeJS.ProcessEnv, logDir: string): Promise<number | null> {
  const stale = buildStaleReason();
  if (!stale) return null;
  const log = logFile(logDir, "next-build");
  step(`next build (${stale}; a few minutes on 2 cores), log in ${log}…`);
  const started = performance.now();
  await runBin("next", ["build"], env, log);
  return performance.now() - started;
}

// ───────────────────────────── PostgreSQL ─────────────────────────────

/** An embedded PostgreSQL that can be stopped and started again on the same data directory and port. */
export class RestartablePostgres {
  private server: EmbeddedDb | null = null;
  readonly url: string;
  private constructor(
    readonly dataDir: string,
    readonly port: number,
    private readonly log: string,
    private readonly durable: boolean,
  ) {
    this.url = `postgresql://postgres:postgres@127.0.0.1:${port}/usines_ouvertes`;
  }

  /**
   * A fresh cluster in `dataDir` (emptied first) on `port` (a free one by default), with the app's
   * database created; registered in `stops` (destroyed at the end).
   */
  static async create(stops: Stops, { dataDir, log, durable, port }: { dataDir: string; log: string; durable: boolean; port?: number }) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    const db = new RestartablePostgres(dataDir, port ?? (await freePort()), log, durable);
    stops.add("PostgreSQL", () => db.destroy(), () => db.killNow());
    await db.start();
    await ensureDatabase(`postgresql://postgres:postgres@127.0.0.1:${db.port}/postgres`, "usines_ouvertes");
    return db;
  }

  get running() {
    return this.server !== null;
  }

  async start() {
    fs.mkdirSync(path.dirname(this.log), { recursive: true });
    const out = fs.openSync(this.log, "a");
    this.server = await startEmbeddedPostgres({
      dataDir: this.dataDir,
      port: this.port,
      persistent: true, // stop() must keep the data: we start it again
      durable: this.durable,
      log: (line) => fs.appendFileSync(out, line),
    });
  }

  /** Fast shutdown (SIGINT): open sessions are terminated, clients see 57P01 / ECONNRESET / ECONNREFUSED. */
  async stop() {
    await this.server?.stop();
    this.server = null;
  }

  async destroy() {
    await this.stop();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Last resort on exit: fast shutdown of the postmaster named in its lock file. */
  killNow() {
    try {
      const pid = Number(fs.readFileSync(path.join(this.dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
      if (pid) process.kill(pid, "SIGINT");
    } catch {
      // not running
    }
  }
}

// ───────────────────────────── The production server ─────────────────────────────

export interface Instance {
  name: string;
  url: string;
  child: ChildProcess;
  log: string;
}

/**
 * The production server (scripts/serve.ts) on `port` (a free one by default), in its own process
 * group, registered in `stops`; resolves once /api/health answers. APP_URL defaults to its own URL.
 */
export async function startInstance(stops: Stops, name: string, env: NodeJS.ProcessEnv, logDir: string, port?: number): Promise<Instance> {
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = logFile(logDir, name);
  fs.writeFileSync(log, "");
  const child = daemon(
    "tsx",
    ["scripts/serve.ts"],
    { ...env, PORT: String(port), HOSTNAME: "127.0.0.1", DEV_MAILBOX: "1", APP_URL: env.APP_URL ?? url, NEXTAUTH_URL: env.NEXTAUTH_URL ?? url },
    log,
  );
  stops.add(name, () => stopChild(child), () => signalGroup(child, "SIGKILL"));
  const died = diesWith(child, (exit) => `${name} exited with ${exit} during start-up; last lines of ${log}:\n${tail(log)}`);
  await waitFor(() => healthy(url), 120_000, `${name} on ${url}`, died);
  return { name, url, child, log };
}
