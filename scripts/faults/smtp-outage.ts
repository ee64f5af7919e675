// Fault (b): the SMTP server goes down while confirmations are being sent.
//
// One app instance (its outbox worker polling every 200 ms) and the development mailbox's SMTP sink
// (every accepted message lands in the DevMail table, one copy per Message-ID, as a receiver keeps
// it). A booking load runs; the sink is stopped while bookings go on, then started again. The failed
// deliveries wait for their retry (30 s back-off); the scenario makes them due at once (UPDATE … SET
// "nextAttemptAt" = now()), as an operator could, and waits for the worker.
// What SMTP can promise is at-least-once: an e-mail whose transaction was under way when the sink
// stopped may have been stored while its answer was lost, and is then sent again with the same
// Message-ID. Expected: bookings are not slowed down or refused by the outage; afterwards every
// e-mail in the outbox is SENT (none PENDING or FAILED), every booking has its e-mail, each outbox
// e-mail is stored once in DevMail (no duplicate Message-ID), and the sink received at most as many
// extra copies as there were SMTP transactions in flight when it stopped.
// Each phase lasts its planned time and then, if need be, until what it is there for happened
// (polled, with a long timeout), so a loaded machine makes the run longer, not red.
import path from "node:path";
import pg from "pg";
import { sleep, startInstance, step, until } from "../lib/stack";
import {
  appEnv,
  BookingLoad,
  connectClient,
  createLoadSlot,
  histogram,
  inScenario,
  PHASE_TIMEOUT_MS,
  scenarioResult,
  startScenarioStack,
  type Check,
  type RestartableMailSink,
  type ScenarioResult,
} from "./scenario";

export interface DeliveryReport {
  outbox: number;
  sent: number;
  pending: number;
  failed: number;
  retried: number;
  /** DevMail rows: one per Message-ID received. */
  stored: number;
  withoutMessageId: number;
  lost: string[];
  duplicated: string[];
}

/**
 * Outbox rows vs messages the sink stored: per (recipient, subject), as many stored as e-mails. The
 * sink keeps one copy per Message-ID, so an e-mail stored twice was sent with two Message-IDs.
 */
export async function deliveryReport(client: pg.Client): Promise<DeliveryReport> {
  const {
    rows: [counts],
  } = await client.query<{ outbox: number; sent: number; pending: number; failed: number; retried: number; stored: number; withoutMessageId: number }>(
    `SELECT count(*)::int AS outbox,
            (count(*) FILTER (WHERE status = 'SENT'))::int AS sent,
            (count(*) FILTER (WHERE status = 'PENDING'))::int AS pending,
            (count(*) FILTER (WHERE status = 'FAILED'))::int AS failed,
            (count(*) FILTER (WHERE attempts > 1))::int AS retried,
            (SELECT count(*) FROM "DevMail")::int AS stored,
            (SELECT count(*) FROM "DevMail" WHERE "messageId" IS NULL)::int AS "withoutMessageId"
     FROM "EmailOutbox"`,
  );
  const { rows } = await client.query<{ to: string; subject: string; queued: number; arrived: number }>(
    `WITH o AS (SELECT lower("to") AS "to", subject, count(*)::int AS n FROM "EmailOutbox" GROUP BY 1, 2),
          d AS (SELECT "to", subject, count(*)::int AS n FROM "DevMail" GROUP BY 1, 2)
     SELECT COALESCE(o."to", d."to") AS "to", COALESCE(o.subject, d.subject) AS subject,
            COALESCE(o.n, 0) AS queued, COALESCE(d.n, 0) AS arrived
     FROM o FULL JOIN d ON d."to" = o."to" AND d.subject = o.subject
     WHERE COALESCE(o.n, 0) <> COALESCE(d.n, 0)`,
  );
  return {
    ...counts,
    lost: rows.filter((r) => r.arrived < r.queued).map((r) => `${r.to} "${r.subject}" ${r.arrived}/${r.queued}`),
    duplicated: rows.filter((r) => r.arrived > r.queued).map((r) => `${r.to} "${r.subject}" ${r.arrived}/${r.queued}`),
  };
}

export function storedOnce(delivery: DeliveryReport): Check {
  return {
    label: "no duplicate Message-ID stored: each outbox e-mail once in DevMail, every one with its Message-ID",
    ok: delivery.duplicated.length === 0 && delivery.withoutMessageId === 0,
    detail: [...delivery.duplicated.slice(0, 3), ...(delivery.withoutMessageId ? [`${delivery.withoutMessageId} without a Message-ID`] : [])].join("; ") || undefined,
  };
}

/** Copies the sink received beyond the one it stored per Message-ID (SMTP is at-least-once). */
export const extraCopies = (sink: RestartableMailSink, delivery: DeliveryReport) => sink.counters.accepted - delivery.stored;

export async function pendingCount(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "EmailOutbox" WHERE status = 'PENDING'`);
  return rows[0].n;
}

/**
 * Makes the pending retries due now and waits until the workers have emptied the outbox: gives up
 * when nothing was delivered for `stallMs` (or after `maxMs`). Returns the time taken, NaN if not.
 * A row being sent is leased for 3 minutes (lib/email/worker.ts) while a failed row waits at most
 * 2 minutes for each of its first three retries: the leased rows are left alone, or their send would
 * be started twice, unless `takeOverLeases` (the leases of a killed instance: this also re-sends
 * what a live worker is sending at that moment).
 */
export async function drainOutbox(client: pg.Client, { stallMs = 30_000, maxMs = 600_000, takeOverLeases = false } = {}): Promise<number> {
  const started = performance.now();
  let last = Number.POSITIVE_INFINITY;
  let progressAt = started;
  while (performance.now() - started < maxMs && performance.now() - progressAt < stallMs) {
    await client.query(
      `UPDATE "EmailOutbox" SET "nextAttemptAt" = now()
       WHERE status = 'PENDING' AND "nextAttemptAt" > now() AND ($1 OR "nextAttemptAt" <= now() + interval '150 seconds')`,
      [takeOverLeases],
    );
    const pending = await pendingCount(client);
    if (pending === 0) return performance.now() - started;
    if (pending < last) progressAt = performance.now();
    last = pending;
    await sleep(500);
  }
  return Number.NaN;
}

export function smtpOutage({ quick, logDir }: { quick: boolean; logDir: string }): Promise<ScenarioResult> {
  const [beforeMs, outageMs, afterMs] = quick ? [2_000, 5_000, 2_000] : [3_000, 8_000, 3_000];
  return inScenario(logDir, "smtp-outage", async (stops, dir) => {
    step("smtp-outage: PostgreSQL, migrations, demo data, the DevMail SMTP sink, one app instance");
    const { db, sink } = await startScenarioStack(stops, { dir, dataDir: path.join(".data", "pg-faults-smtp"), durable: false });
    const app = await startInstance(stops, "next", appEnv(db.url, sink.port), dir);

    const client = await connectClient(stops, db.url);
    const slotId = await createLoadSlot(client, "fault-smtp-slot", 300);
    const count = async (sql: string) => (await client.query<{ n: number }>(sql)).rows[0].n;
    const failing = () => count(`SELECT count(*)::int AS n FROM "EmailOutbox" WHERE "lastError" IS NOT NULL OR attempts > 1`);

    const prefix = `fault-smtp-${Date.now().toString(36)}`;
    // A moderate load: the worker delivers one message per SMTP connection, a few per second here.
    const load = new BookingLoad({
      instances: () => [{ name: "next", url: app.url }],
      slotId,
      prefix,
      concurrency: 4,
      cancelRate: 0.1,
      pauseMs: quick ? 250 : 100,
      maxBookings: quick ? 150 : 400,
      timeoutMs: quick ? PHASE_TIMEOUT_MS : undefined,
    });
    const answeredOk = (from: number) => load.events.some((e) => e.t >= from && (e.status === 201 || e.status === 200));
    step(`smtp-outage: bookings for ${beforeMs / 1000} s, SMTP sink down for ${outageMs / 1000} s (bookings go on), back for ${afterMs / 1000} s`);
    load.start();
    await sleep(beforeMs);
    // The outage must hit deliveries under way: wait for the worker to have sent some.
    await until(async () => (await count(`SELECT count(*)::int AS n FROM "DevMail"`)) > 0, PHASE_TIMEOUT_MS);
    // Read in the same tick as the sink stops: from then on it starts no new transaction.
    const inFlight = sink.counters.receiving;
    const downAt = load.elapsed;
    await sink.stop();
    await sleep(outageMs);
    await until(async () => answeredOk(downAt) && (await failing()) > 0, PHASE_TIMEOUT_MS);
    await sink.start();
    const upAt = load.elapsed;
    await sleep(afterMs);
    await load.stop();

    const failedDuringOutage = await failing();
    step("smtp-outage: making the retries due now (nextAttemptAt = now()) and waiting for the worker");
    const backlog = await pendingCount(client);
    const drainMs = await drainOutbox(client, { stallMs: quick ? PHASE_TIMEOUT_MS : 30_000 });
    // A copy whose answer was lost may still be being stored.
    await until(() => sink.counters.receiving === 0, PHASE_TIMEOUT_MS);
    const delivery = await deliveryReport(client);
    const extra = extraCopies(sink, delivery);

    const events = load.events;
    const outage = events.filter((e) => e.t >= downAt && e.t <= upAt);
    const fiveXX = events.filter((e) => e.status === "error" || (typeof e.status === "number" && e.status >= 500));
    const okDuring = outage.filter((e) => e.status === 201 || e.status === 200).length;
    const checks: Check[] = [
      { label: "no 5xx and no unanswered request during the SMTP outage", ok: fiveXX.length === 0, detail: fiveXX.length ? `${fiveXX.length}× ${fiveXX[0].status} ${fiveXX[0].code || fiveXX[0].error}` : undefined },
      { label: "bookings went on during the outage", ok: okDuring > 0, detail: `${okDuring} answered 200/201 while the sink was down` },
      { label: "the outage really made deliveries fail (rows with an error or a retry)", ok: failedDuringOutage > 0, detail: String(failedDuringOutage) },
      { label: "after the retries: every outbox e-mail is SENT", ok: delivery.pending === 0 && delivery.failed === 0 && delivery.sent === delivery.outbox, detail: `${delivery.sent}/${delivery.outbox} sent, ${delivery.pending} pending, ${delivery.failed} failed` },
      { label: "nothing lost: every outbox e-mail is in DevMail", ok: delivery.lost.length === 0, detail: delivery.lost.slice(0, 3).join("; ") || undefined },
      storedOnce(delivery),
      {
        label: "at most the e-mails in flight at the outage were sent twice (SMTP transactions received beyond one per Message-ID)",
        ok: extra >= 0 && extra <= inFlight,
        detail: `${extra} extra of ${sink.counters.accepted} received; ${inFlight} in flight when the sink stopped`,
      },
    ];
    return scenarioResult("(b) SMTP outage during confirmations", client, load, prefix, {
      checks,
      metrics: {
        "answers during the outage": histogram(outage),
        "sink down (s)": Math.round((upAt - downAt) / 100) / 10,
        "outbox e-mails": delivery.outbox,
        "e-mails that needed a retry (attempts > 1)": delivery.retried,
        "backlog when the sink came back (pending e-mails)": backlog,
        "time to empty the outbox once retries were due (ms)": Number.isNaN(drainMs) ? "timed out" : Math.round(drainMs),
        "worker throughput while draining (e-mails/s, one instance)": Number.isNaN(drainMs) || drainMs < 1 ? "n/a" : Math.round((backlog / drainMs) * 10_000) / 10,
      },
    });
  });
}
