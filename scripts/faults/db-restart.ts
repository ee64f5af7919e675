// Fault (a): PostgreSQL restarts in the middle of a booking load.
//
// One `next start` on its own embedded PostgreSQL (fsync on), a booking load through the REST API
// (bookings and cancellations, 16 clients that retry a 503 with the same Idempotency-Key), then
// PostgreSQL is stopped (fast shutdown: sessions terminated) for ~3 s and started again on the same
// data directory and port while the load goes on. Expected: during the outage the app answers
// 503 `{ error: { code: "unavailable" } }` — never a 500, never no answer, the process keeps running
// — and afterwards it recovers by itself (no restart); no booking is half-written (every slot's
// taken = Σ confirmed seats, every booking has its outbox e-mail), every acknowledged booking and
// cancellation survived, and no retry made a second booking.
// Each phase lasts its planned time and then, if need be, until what it is there for happened (the
// outage answered, a booking after the restart), polled with a long timeout. "No 503 more than 5 s
// after the restart" is a deadline: only the full form asserts it (--quick reports it).
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { sleep, startInstance, step, until } from "../lib/stack";
import { appEnv, BookingLoad, createLoadSlot, histogram, inScenario, PHASE_TIMEOUT_MS, scenarioResult, startScenarioStack, type Check, type LoadEvent, type ScenarioResult } from "./scenario";

const done = (e: LoadEvent) => e.t + e.ms;
const isOk = (e: LoadEvent) => e.status === 200 || e.status === 201;

export function dbRestart({ quick, logDir }: { quick: boolean; logDir: string }): Promise<ScenarioResult> {
  const [warmMs, outageMs, afterMs, grace] = quick ? [3_000, 3_000, 6_000, 5_000] : [5_000, 3_000, 12_000, 5_000];
  return inScenario(logDir, "db-restart", async (stops, dir) => {
    step("db-restart: PostgreSQL (fsync on), migrations, demo data, mail sink, one next start");
    const { db, sink } = await startScenarioStack(stops, { dir, dataDir: path.join(".data", "pg-faults-db"), durable: true });
    const app = await startInstance(stops, "next", appEnv(db.url, sink.port), dir);
    let exitedWith: string | null = null;
    app.child.once("exit", (code, signal) => (exitedWith = String(code ?? signal)));

    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    const slotId = await createLoadSlot(admin, "fault-db-slot", 400);
    await admin.end();

    const prefix = `fault-db-${Date.now().toString(36)}`;
    const load = new BookingLoad({ instances: () => [{ name: "next", url: app.url }], slotId, prefix, concurrency: 16, cancelRate: 0.15, timeoutMs: quick ? PHASE_TIMEOUT_MS : undefined });
    step(`db-restart: load for ${warmMs / 1000} s, PostgreSQL down for ${outageMs / 1000} s, load for ${afterMs / 1000} s more`);
    load.start();
    await sleep(warmMs);
    const downAt = load.elapsed;
    await db.stop();
    const stoppedAt = load.elapsed;
    await sleep(outageMs);
    await until(() => load.events.some((e) => done(e) >= downAt && (e.status === 503 || e.status === "error")), PHASE_TIMEOUT_MS);
    await db.start();
    const upAt = load.elapsed;
    await sleep(afterMs);
    await until(() => load.events.some((e) => isOk(e) && e.t >= upAt), PHASE_TIMEOUT_MS);
    await load.stop();

    const events = load.events;
    const outage = events.filter((e) => done(e) >= downAt && e.t <= upAt);
    const afterGrace = events.filter((e) => e.t > upAt + grace);
    const firstOkAfter = events.filter((e) => isOk(e) && e.t >= upAt).sort((a, b) => done(a) - done(b))[0];
    const fiveHundreds = events.filter((e) => typeof e.status === "number" && e.status >= 500 && e.status !== 503);
    const badUnavailable = events.filter((e) => e.status === 503 && e.code !== "unavailable");
    const unanswered = events.filter((e) => e.status === "error");
    const late503 = afterGrace.filter((e) => e.status === 503 || e.status === "error");
    const okBefore = events.filter((e) => isOk(e) && done(e) < downAt).length;
    const okAfter = events.filter((e) => isOk(e) && e.t > upAt).length;

    // Next logs an uncaught exception instead of dying; a plain Node process would have crashed.
    const uncaught = fs.readFileSync(app.log, "utf8").split("\n").filter((l) => l.includes("uncaughtException"));

    const checks: Check[] = [
      { label: "the app answered every request (no connection error, no timeout)", ok: unanswered.length === 0, detail: unanswered.length ? `${unanswered.length}: ${unanswered[0].error}` : undefined },
      { label: "no 5xx but 503 (no 500 during or after the outage)", ok: fiveHundreds.length === 0, detail: fiveHundreds.length ? `${fiveHundreds.length}× ${fiveHundreds[0].status} ${fiveHundreds[0].code}` : undefined },
      { label: "every 503 is { error: { code: \"unavailable\" } }", ok: badUnavailable.length === 0 && events.some((e) => e.status === 503), detail: `${events.filter((e) => e.status === 503).length} × 503` },
      { label: "the process kept running (never exited)", ok: exitedWith === null, detail: exitedWith ? `exited with ${exitedWith}` : undefined },
      { label: "no uncaught exception in the app's log", ok: uncaught.length === 0, detail: uncaught.length ? `${uncaught.length}× ${uncaught[0].trim().slice(0, 100)}` : undefined },
      { label: "recovered by itself: bookings succeed again after the restart", ok: !!firstOkAfter && okAfter > 0, detail: firstOkAfter ? `first success ${Math.round(done(firstOkAfter) - upAt)} ms after PostgreSQL was back` : "none" },
      ...(quick ? [] : [{ label: `no 503 or error more than ${grace / 1000} s after the restart`, ok: late503.length === 0, detail: late503.length ? `${late503.length}` : undefined }]),
    ];
    const check = new pg.Client({ connectionString: db.url });
    await check.connect();
    try {
      return await scenarioResult("(a) PostgreSQL restart during a booking load", check, load, prefix, {
        checks,
        metrics: {
          "successes before the outage": okBefore,
          "successes after the restart": okAfter,
          "PostgreSQL stop took (ms)": Math.round(stoppedAt - downAt),
          "PostgreSQL down (ms)": Math.round(upAt - stoppedAt),
          "recovery after PostgreSQL was back (ms)": firstOkAfter ? Math.round(done(firstOkAfter) - upAt) : "never",
          [`503 or errors more than ${grace / 1000} s after the restart`]: late503.length,
          "answers during the outage": histogram(outage),
          "all answers": histogram(events),
        },
      });
    } finally {
      await check.end();
    }
  });
}
