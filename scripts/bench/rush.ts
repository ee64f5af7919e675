// The opening rush as an OPEN loop: visitor i arrives at start + i ÷ rate, whatever the ones before
// are doing (a closed loop would slow its arrivals down as the server slows, and hide the queue a
// real crowd builds). Each visitor's requests run one after the other; their latencies are kept per
// kind (pages, bookings). Once a rate cannot pass any more — more than 5 % of the requests planned
// at that rate are already over the limit, or one failed — new arrivals and further steps stop, so
// an overloaded rate costs seconds, not minutes.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { summarise, type LoadResult, type Outcome } from "./load";

export type StepKind = "page" | "booking";

/** A step of a visitor: throws RushStopped once the rate has been stopped. */
export type Step = (kind: StepKind, request: () => Promise<Outcome>) => Promise<void>;

export class RushStopped extends Error {}

export interface OpenLoopOptions {
  rate: number;
  durationMs: number;
  /** Steps of each kind one visitor makes: what the stop rule counts the planned requests with. */
  stepsPerVisitor: Record<StepKind, number>;
  /** A latency above this fails the rate when more than 5 % of its kind's requests have it (p95). */
  limitMs: number;
  visitor: (index: number, step: Step) => Promise<void>;
}

export interface OpenLoopResult {
  rate: number;
  seconds: number;
  planned: number;
  started: number;
  completed: number;
  /** Why arrivals stopped before the end, or null. */
  stopped: string | null;
  page: LoadResult;
  booking: LoadResult;
  errors: number;
  errorKinds: Record<string, number>;
  /** How late visitors started after their scheduled time, and the load generator's event-loop delay: both small when it keeps up. */
  startLagP95: number;
  eventLoopDelayP99: number;
}

export async function runOpenLoop({ rate, durationMs, stepsPerVisitor, limitMs, visitor }: OpenLoopOptions): Promise<OpenLoopResult> {
  const planned = Math.round((rate * durationMs) / 1000);
  const kinds: StepKind[] = ["page", "booking"];
  const latencies = { page: [] as number[], booking: [] as number[] };
  const slowDone = { page: 0, booking: 0 };
  const inFlight = new Map<number, { kind: StepKind; since: number }>();
  const errorKinds: Record<string, number> = {};
  const lags: number[] = [];
  let errors = 0;
  let requestSeq = 0;
  let started = 0;
  let completed = 0;
  let stopped: string | null = null;
  const stop = (why: string) => {
    stopped ??= why;
  };

  const step: Step = async (kind, request) => {
    if (stopped) throw new RushStopped();
    const id = requestSeq++;
    const since = performance.now();
    inFlight.set(id, { kind, since });
    let outcome: Outcome;
    try {
      outcome = await request();
    } catch (error) {
      outcome = { error: (error as Error).message?.slice(0, 120) || String(error) };
    }
    inFlight.delete(id);
    const ms = performance.now() - since;
    latencies[kind].push(ms);
    if (ms > limitMs) slowDone[kind]++;
    if (outcome !== "ok") {
      errors++;
      errorKinds[`${kind}: ${outcome.error}`] = (errorKinds[`${kind}: ${outcome.error}`] ?? 0) + 1;
      stop(`a ${kind} request failed (${outcome.error})`);
      throw new RushStopped();
    }
  };

  // The p95 is over the limit for sure once more than 5 % of the planned requests are: those done
  // slow, and those still waiting past the limit.
  const watch = setInterval(() => {
    const now = performance.now();
    for (const kind of kinds) {
      let slow = slowDone[kind];
      for (const request of inFlight.values()) if (request.kind === kind && now - request.since > limitMs) slow++;
      if (slow > 0.05 * planned * stepsPerVisitor[kind]) stop(`over 5 % of the planned ${kind} requests took more than ${limitMs} ms`);
    }
  }, 100);

  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const visitors: Promise<void>[] = [];
  const t0 = performance.now();
  await new Promise<void>((resolve) => {
    const arrive = () => {
      const now = performance.now();
      while (!stopped && started < planned && t0 + (started * 1000) / rate <= now) {
        lags.push(now - (t0 + (started * 1000) / rate));
        visitors.push(
          visitor(started++, step).then(
            () => void completed++,
            (error: unknown) => {
              if (!(error instanceof RushStopped)) throw error;
            },
          ),
        );
      }
      if (stopped || started >= planned) resolve();
      else setTimeout(arrive, Math.max(0, Math.min(5, t0 + (started * 1000) / rate - now)));
    };
    arrive();
  });
  await Promise.all(visitors);
  clearInterval(watch);
  delay.disable();
  const seconds = (performance.now() - t0) / 1000;
  const result = (kind: StepKind) => summarise(Float64Array.from(latencies[kind]), 0, {}, seconds);
  return {
    rate,
    seconds,
    planned,
    started,
    completed,
    stopped,
    page: result("page"),
    booking: result("booking"),
    errors,
    errorKinds,
    startLagP95: summarise(Float64Array.from(lags), 0, {}, seconds).p95,
    eventLoopDelayP99: delay.percentile(99) / 1e6,
  };
}

// ───────────────────────────── Searching the highest rate ─────────────────────────────

const LADDER = [5, 7, 10, 15, 20, 25, 35, 50, 70, 100, 140, 200, 280];

export interface RateOutcome {
  rate: number;
  pass: boolean;
  /** Visitors per second the machine's cores could serve at this rate's CPU cost per visitor. */
  cpuBound: number | null;
}

/**
 * The next rate to try, or undefined when the answer is known: after a pass, the next rung up
 * (unless it failed already); after a fail, the next rung down — or lower still, to the highest rung
 * within 80 % of what the measured CPU per visitor allows, since the rungs above it cannot pass.
 */
export function nextRate(tried: RateOutcome[]): number | undefined {
  const highestPass = Math.max(0, ...tried.filter((t) => t.pass).map((t) => t.rate));
  const lowestFail = Math.min(Infinity, ...tried.filter((t) => !t.pass).map((t) => t.rate));
  const open = LADDER.filter((rate) => rate > highestPass && rate < lowestFail);
  if (open.length === 0) return undefined;
  const last = tried[tried.length - 1];
  if (last.pass) return open[0];
  const affordable = last.cpuBound === null ? open : open.filter((rate) => rate <= 0.8 * last.cpuBound!);
  return affordable.length ? affordable[affordable.length - 1] : open[0];
}
