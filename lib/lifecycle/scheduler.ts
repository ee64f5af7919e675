// The scheduled jobs (draws whose wish window closed, waiting-list promotion when a school reservation ends, unanswered
// attendance requests released, attendance requests, reminders, hosts' questionnaires, factory
// day-before summaries, survey invitations, alert digests, personal-data purge), run every minute by every app instance (instrumentation.ts). One run at a time across
// instances: a run holds a transaction-level advisory lock (pg_try_advisory_xact_lock) on a
// dedicated connection for its whole duration; an instance that cannot take it skips that tick.
// Correctness does not depend on the lock: each e-mail has a dedupeKey (sent once whatever runs),
// and each job re-checks its rows in its own short transactions. The lock only avoids doing the
// same scans several times at once.
import { createHash } from "node:crypto";
import { enqueueAlertDigests, purgeAlertSubscriptions, type AlertPurgeResult } from "@/lib/alerts";
import { releaseUnconfirmedBookings, type ReleaseResult } from "@/lib/booking/attendance";
import { promoteAfterReserveRelease, type ReserveReleaseResult } from "@/lib/booking/reserve-release";
import { now as clockNow } from "@/lib/clock";
import { runDueDraws } from "@/lib/draw/run";
import { pool } from "@/lib/db";
import { env } from "@/lib/env";
import { purgeDueEditions, type PurgeResult } from "@/lib/privacy/erase";
import { enqueueFactoryDayBefore } from "./factory-day";
import { enqueueHostSurveyInvitations } from "./host-survey-invitations";
import { enqueueAttendanceRequests } from "./attendance-requests";
import { enqueueDueReminders } from "./reminders";
import type { JobResult } from "./shared";
import { enqueueSurveyInvitations } from "./survey-invitations";

/** Stable 64-bit advisory-lock key of "lifecycle:scheduler" (first 8 bytes of its SHA-256). */
export const SCHEDULER_LOCK_KEY = createHash("sha256").update("lifecycle:scheduler").digest().readBigInt64BE(0);

// Bookings whose data one run may erase (the purge continues on the next runs).
const PURGE_PER_RUN = 5000;

export type ScheduledRun =
  | { ran: false }
  | {
      ran: true;
      draws: { drawn: string[]; placed: number };
      reserveRelease: ReserveReleaseResult;
      attendanceRelease: ReleaseResult;
      attendanceRequests: JobResult;
      reminders: JobResult;
      factoryDayBefore: JobResult;
      surveyInvitations: JobResult;
      hostSurveyInvitations: JobResult;
      alertDigests: JobResult;
      purge: PurgeResult[];
      alertPurge: AlertPurgeResult;
      errors: string[];
    };

async function attempt<T>(name: string, errors: string[], job: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await job();
  } catch (error) {
    // One failing job must not stop the others; it is retried on the next run.
    console.error(`Scheduled job ${name} failed:`, error);
    errors.push(`${name}: ${(error as Error).message ?? error}`);
    return fallback;
  }
}

/** Runs every scheduled job once, unless another instance is running them; `{ ran: false }` then. */
export async function runScheduledJobs(now: Date = clockNow()): Promise<ScheduledRun> {
  const holder = await pool.connect();
  try {
    await holder.query("BEGIN");
    // The lock holder sits idle in its transaction while the jobs run on other connections.
    await holder.query("SET LOCAL idle_in_transaction_session_timeout = '15min'");
    const { rows } = await holder.query<{ locked: boolean }>("SELECT pg_try_advisory_xact_lock($1::bigint) AS locked", [SCHEDULER_LOCK_KEY.toString()]);
    if (!rows[0].locked) {
      await holder.query("ROLLBACK");
      return { ran: false };
    }
    const errors: string[] = [];
    const none: JobResult = { enqueued: 0, skipped: 0 };
    // First: the results of a draw, then a promotion's e-mail, are more urgent than a reminder.
    const draws = await attempt("draws", errors, () => runDueDraws(now), { drawn: [], placed: 0 });
    const reserveRelease = await attempt("reserve-release", errors, () => promoteAfterReserveRelease(now), { slots: 0, promoted: [] });
    const attendanceRelease = await attempt("attendance-release", errors, () => releaseUnconfirmedBookings(now), { released: 0, promoted: 0 });
    const attendanceRequests = await attempt("attendance-requests", errors, () => enqueueAttendanceRequests(now), none);
    const reminders = await attempt("reminders", errors, () => enqueueDueReminders(now), none);
    const factoryDayBefore = await attempt("factory-day-before", errors, () => enqueueFactoryDayBefore(now), none);
    const surveyInvitations = await attempt("survey-invitations", errors, () => enqueueSurveyInvitations(now), none);
    const hostSurveyInvitations = await attempt("host-survey-invitations", errors, () => enqueueHostSurveyInvitations(now), none);
    const alertDigests = await attempt("alert-digests", errors, () => enqueueAlertDigests(now), none);
    const purge = await attempt("purge", errors, () => purgeDueEditions(now, { maxBookings: PURGE_PER_RUN }), []);
    const alertPurge = await attempt("alert-purge", errors, () => purgeAlertSubscriptions(now), { retention: 0, unconfirmed: 0 });
    await holder.query("COMMIT");
    return { ran: true, draws, reserveRelease, attendanceRelease, attendanceRequests, reminders, factoryDayBefore, surveyInvitations, hostSurveyInvitations, alertDigests, purge, alertPurge, errors };
  } catch (error) {
    await holder.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    holder.release();
  }
}

/**
 * Runs the jobs every `intervalMs` (default one minute, SCHEDULER_INTERVAL_MS) in this process;
 * returns a stop function. Started by instrumentation.ts unless SCHEDULER=off.
 */
export function startScheduler(intervalMs = env.SCHEDULER_INTERVAL_MS) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runScheduledJobs(clockNow());
    } catch (error) {
      console.warn("Scheduler:", (error as Error).message);
    } finally {
      running = false;
    }
  };
  // First run shortly after start-up (not during it), then every interval.
  const first = setTimeout(tick, Math.min(intervalMs, 5_000));
  const timer = setInterval(tick, intervalMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
