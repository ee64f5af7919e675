// Closed-loop load generator: `concurrency` virtual users each run one task after the other until
// the deadline. Used for HTTP (keep-alive node:http, no fetch overhead) and for direct SQL.
import http from "node:http";

export type Outcome = "ok" | { error: string };

export interface LoadResult {
  requests: number;
  errors: number;
  errorKinds: Record<string, number>;
  seconds: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  /** Every latency (ms), sorted: lets several rounds of one scenario be merged. */
  latencies: Float64Array;
}

export interface LoadOptions {
  concurrency: number;
  durationMs: number;
  /** One unit of work; `vu` is the virtual user (0…concurrency−1), `seq` a run-wide counter. */
  task: (vu: number, seq: number) => Promise<Outcome>;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export async function runLoad({ concurrency, durationMs, task }: LoadOptions): Promise<LoadResult> {
  let latencies = new Float64Array(65_536);
  let count = 0;
  let errors = 0;
  let seq = 0;
  const errorKinds: Record<string, number> = {};
  const started = performance.now();
  const deadline = started + durationMs;

  const record = (ms: number) => {
    if (count === latencies.length) {
      const bigger = new Float64Array(latencies.length * 2);
      bigger.set(latencies);
      latencies = bigger;
    }
    latencies[count++] = ms;
  };

  const user = async (vu: number) => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      let outcome: Outcome;
      try {
        outcome = await task(vu, seq++);
      } catch (error) {
        outcome = { error: (error as Error).message?.slice(0, 120) || String(error) };
      }
      record(performance.now() - t0);
      if (outcome !== "ok") {
        errors++;
        errorKinds[outcome.error] = (errorKinds[outcome.error] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, vu) => user(vu)));

  const seconds = (performance.now() - started) / 1000;
  return summarise(latencies.slice(0, count), errors, errorKinds, seconds);
}

export function summarise(latencies: Float64Array, errors: number, errorKinds: Record<string, number>, seconds: number): LoadResult {
  const sorted = latencies.slice().sort();
  const count = sorted.length;
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    requests: count,
    errors,
    errorKinds,
    seconds,
    throughput: count / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: count ? sorted[count - 1] : 0,
    mean: count ? sum / count : 0,
    latencies: sorted,
  };
}

/** Several runs of one scenario as one: all their requests over all their time. */
export function merge(runs: LoadResult[]): LoadResult {
  const all = new Float64Array(runs.reduce((n, r) => n + r.latencies.length, 0));
  let offset = 0;
  const errorKinds: Record<string, number> = {};
  for (const run of runs) {
    all.set(run.latencies, offset);
    offset += run.latencies.length;
    for (const [kind, n] of Object.entries(run.errorKinds)) errorKinds[kind] = (errorKinds[kind] ?? 0) + n;
  }
  return summarise(
    all,
    runs.reduce((n, r) => n + r.errors, 0),
    errorKinds,
    runs.reduce((n, r) => n + r.seconds, 0),
  );
}

// ───────────────────────────── HTTP ─────────────────────────────

export interface HttpRequest {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Read the response to its end without keeping it (body ""): pages, where only the status matters, cost the load generator less. */
  discardBody?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One keep-alive agent per base URL, sized for the run's concurrency. */
export class HttpTargets {
  private agents: http.Agent[];
  private next = 0;
  constructor(
    readonly baseUrls: string[],
    concurrency: number,
  ) {
    // Idle sockets are dropped after 4 s, before the server's 5 s keep-alive timeout closes them
    // under our feet (which would surface as ECONNRESET on the next request).
    this.agents = baseUrls.map(() => new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency, timeout: 4_000 }));
  }

  /** Round-robin over the instances. */
  pick(): number {
    const index = this.next;
    this.next = (this.next + 1) % this.baseUrls.length;
    return index;
  }

  async request(target: number, spec: HttpRequest, timeoutMs = 30_000): Promise<HttpResponse> {
    try {
      return await this.send(target, spec, timeoutMs);
    } catch (error) {
      // The race the timeout above narrows: a kept-alive socket closed by the server just as it was
      // reused. Retried once, as Node's documentation advises (the request never reached the app).
      if ((error as { reusedSocket?: boolean }).reusedSocket && (error as NodeJS.ErrnoException).code === "ECONNRESET") {
        return this.send(target, spec, timeoutMs);
      }
      throw error;
    }
  }

  private send(target: number, spec: HttpRequest, timeoutMs: number): Promise<HttpResponse> {
    const url = new URL(spec.path, this.baseUrls[target]);
    return new Promise((resolve, reject) => {
      const body = spec.body === undefined ? undefined : Buffer.isBuffer(spec.body) ? spec.body : Buffer.from(spec.body);
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method: spec.method,
          agent: this.agents[target],
          headers: { ...(body ? { "content-length": String(body.length) } : {}), ...spec.headers },
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          if (spec.discardBody) res.resume();
          else res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", (error) => reject(Object.assign(error, { reusedSocket: req.reusedSocket })));
      req.end(body);
    });
  }

  close() {
    for (const agent of this.agents) agent.destroy();
  }
}

/** A multipart/form-data body (what browsers and React's encodeReply send). */
export function multipart(fields: [string, string][]): { body: Buffer; contentType: string } {
  const boundary = `----BenchBoundary${Math.random().toString(36).slice(2)}`;
  const parts = fields.map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name.replaceAll('"', "%22")}"\r\n\r\n${value}\r\n`,
  );
  return { body: Buffer.from(`${parts.join("")}--${boundary}--\r\n`), contentType: `multipart/form-data; boundary=${boundary}` };
}
