// Fault (c): two app instances share the database; one is killed with SIGKILL in the middle of a
// booking load.
//
// Two `next start` instances on one embedded PostgreSQL and one SMTP sink; the booking load is
// spread over both, and a request that cannot reach an instance is retried on the other with the
// same Idempotency-Key (what a load balancer with retries does). After a few seconds instance A's
// whole process tree gets SIGKILL — no shutdown hook runs, its open transactions and its outbox
// worker's claimed rows are abandoned mid-flight. Expected: B keeps serving (no 5xx, bookings go
// on on the same slot, so no lock was left behind), PostgreSQL rolls back A's unfinished
// transactions (every slot's taken = Σ confirmed seats, every booking has its e-mail), every
// acknowledged booking is there once, no session is left idle in a transaction, and B's worker
// delivers every e-mail, including those A had claimed: an e-mail A was sending when it died is sent
// again with the same Message-ID, and the sink (like a receiver) stores it once.
import path from "node:path";
import { signalGroup, sleep, startInstance, step, until } from "../lib/stack";
import { appEnv, BookingLoad, connectClient, createLoadSlot, histogram, inScenario, PHASE_TIMEOUT_MS, scenarioResult, startScenarioStack, type Check, type ScenarioResult } from "./scenario";
import { deliveryReport, drainOutbox, extraCopies, pendingCount, storedOnce } from "./smtp-outage";

export function killInstance({ quick, logDir }: { quick: boolean; logDir: string }): Promise<ScenarioResult> {
  const [beforeMs, afterMs] = quick ? [3_000, 5_000] : [5_000, 10_000];
  return inScenario(logDir, "kill-instance", async (stops, dir) => {
    step("kill-instance: PostgreSQL, migrations, demo data, mail sink, two next start instances");
    const { db, sink } = await startScenarioStack(stops, { dir, dataDir: path.join(".data", "pg-faults-kill"), durable: false });
    const env = appEnv(db.url, sink.port);
    const a = await startInstance(stops, "next-a", env, dir);
    const b = await startInstance(stops, "next-b", env, dir);
    let bExited: string | null = null;
    b.child.once("exit", (code, signal) => (bExited = String(code ?? signal)));

    const client = await connectClient(stops, db.url);
    const slotId = await createLoadSlot(client, "fault-kill-slot", 400);

    const prefix = `fault-kill-${Date.now().toString(36)}`;
    const instances = [
      { name: "A", url: a.url },
      { name: "B", url: b.url },
    ];
    const load = new BookingLoad({ instances: () => instances, slotId, prefix, concurrency: 8, cancelRate: 0.15, pauseMs: quick ? 250 : 150, timeoutMs: quick ? PHASE_TIMEOUT_MS : undefined });
    const bOkAfter = (killedAt: number) => load.events.filter((e) => e.instance === "B" && (e.status === 201 || e.status === 200) && e.t > killedAt).length;
    step(`kill-instance: load on A and B for ${beforeMs / 1000} s, SIGKILL to A, load for ${afterMs / 1000} s more`);
    load.start();
    await sleep(beforeMs);
    const killedAt = load.elapsed;
    const aExited = new Promise<void>((resolve) => a.child.once("exit", () => resolve()));
    signalGroup(a.child, "SIGKILL");
    await aExited;
    await sleep(afterMs);
    await until(() => bOkAfter(killedAt) > 0, PHASE_TIMEOUT_MS);
    await load.stop();

    const events = load.events;
    const fromB = events.filter((e) => e.instance === "B");
    const bFailures = fromB.filter((e) => e.status === "error" || (typeof e.status === "number" && e.status >= 500));
    const aFailures = events.filter((e) => e.instance === "A" && (e.status === "error" || (typeof e.status === "number" && e.status >= 500)));
    const aFailuresBeforeKill = aFailures.filter((e) => e.t + e.ms < killedAt);
    const bOkBefore = fromB.filter((e) => (e.status === 201 || e.status === 200) && e.t + e.ms < killedAt).length;

    // PostgreSQL notices A's dead connections and rolls their transactions back.
    const idleInTransaction = async () =>
      (
        await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%' AND now() - state_change > interval '2 seconds'`,
        )
      ).rows[0].n;
    await until(async () => (await idleInTransaction()) === 0, PHASE_TIMEOUT_MS);
    const idle = await idleInTransaction();
    step("kill-instance: making pending retries due now and waiting for B's worker");
    const backlog = await pendingCount(client);
    const drainMs = await drainOutbox(client, { stallMs: quick ? PHASE_TIMEOUT_MS : 30_000, takeOverLeases: true });
    await until(() => sink.counters.receiving === 0, PHASE_TIMEOUT_MS);
    const delivery = await deliveryReport(client);

    const checks: Check[] = [
      { label: "B answered every request it got, without a 5xx", ok: bFailures.length === 0, detail: bFailures.length ? `${bFailures.length}× ${bFailures[0].status} ${bFailures[0].code || bFailures[0].error}` : undefined },
      { label: "A answered without a 5xx until it was killed", ok: aFailuresBeforeKill.length === 0, detail: aFailuresBeforeKill.length ? `${aFailuresBeforeKill.length}` : undefined },
      { label: "B kept booking the same slot after A died (no lock left behind)", ok: bOkAfter(killedAt) > 0, detail: `${bOkAfter(killedAt)} successes on B after the kill (${bOkBefore} before it)` },
      { label: "B never exited", ok: bExited === null, detail: bExited ? `exited with ${bExited}` : undefined },
      { label: "no session left idle in a transaction", ok: idle === 0, detail: String(idle) },
      { label: "every outbox e-mail SENT, including those A had claimed", ok: delivery.pending === 0 && delivery.failed === 0, detail: `${delivery.sent}/${delivery.outbox} sent` },
      { label: "nothing lost: every outbox e-mail arrived in DevMail", ok: delivery.lost.length === 0, detail: delivery.lost.slice(0, 3).join("; ") || undefined },
      storedOnce(delivery),
    ];
    return scenarioResult("(c) one of two instances SIGKILLed during a booking load", client, load, prefix, {
      checks,
      metrics: {
        "answers from A": histogram(events.filter((e) => e.instance === "A")),
        "answers from B": histogram(fromB),
        "requests retried on B after A failed": events.filter((e) => e.instance === "B" && e.attempt > 0).length,
        "outbox backlog after the load (pending e-mails)": backlog,
        "time to empty the outbox (ms)": Number.isNaN(drainMs) ? "timed out" : Math.round(drainMs),
        // At-least-once: what A was sending when it died, and what B was sending when the drain took the leases over.
        "copies received beyond one per Message-ID (not stored)": `${extraCopies(sink, delivery)} of ${sink.counters.accepted}`,
      },
    });
  });
}
