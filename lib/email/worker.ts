import "server-only";
import type { Transporter } from "nodemailer";
import { pool } from "@/lib/db";
import { env } from "@/lib/env";
import { outboxMessageId, type Attachment } from "./outbox";

const MAX_ATTEMPTS = 8;
// 30 s, 1 min, 2 min … capped at 1 h: an SMTP outage delays mail, it never loses it.
export const backoffSeconds = (attempts: number) => Math.min(30 * 2 ** (attempts - 1), 3600);

interface OutboxRow {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: Attachment[] | null;
  headers: Record<string, string> | null;
  attempts: number;
  createdAt: Date;
}

// Delivery, one e-mail at a time, each step its own short statement (no transaction stays open while
// SMTP talks):
//   1. claim: the first due row is locked with FOR UPDATE SKIP LOCKED (concurrent workers skip it)
//      and leased in the same UPDATE, which commits at once: attempts + 1, nextAttemptAt pushed
//      LEASE_SECONDS ahead, so it is nobody's due row while this worker sends it;
//   2. send it over SMTP;
//   3. record the outcome: SENT, or the error and the next attempt after a backoff.
// Why not one transaction per batch (the previous design): it kept up to 20 rows locked across 20
// SMTP exchanges and committed their outcomes together at the end, so a process killed mid-batch
// (deploy, crash, out of memory) or a database restart rolled back the whole batch and every e-mail
// the SMTP server had already accepted was sent again. Now a kill between 2 and 3 duplicates at most
// the one e-mail in flight (delivery is at-least-once: nothing can do better without the SMTP server
// taking part; every attempt of a row carries the same Message-ID, so the receiver keeps one copy),
// a kill between 1 and 2 only delays that one e-mail by the lease, and the rows not yet claimed
// stay available to the other instances' workers at once. Several workers still send a row once: a
// claimed row is not due again before its lease ends, and the lease outlasts the slowest send the
// transport allows (SMTP_TIMEOUTS: 20 s to connect, 20 s of greeting, 60 s of inactivity).
// It stays short because a magic link is valid 15 minutes: a lost claim must not outlive it.
const LEASE_SECONDS = 3 * 60;

// E-mails someone is waiting for (a sign-in link, a confirmation) go before the scheduler's batches
// (reminders, survey invitations, factory-day summaries: the rows with a dedupe key), which number
// thousands the day before a visit day and would otherwise hold a sign-in link back for minutes.
async function claimNext(): Promise<OutboxRow | null> {
  // Prepared (named): planned once per connection, not on every e-mail.
  const { rows } = await pool.query<OutboxRow>({
    name: "outbox-claim",
    text: `UPDATE "EmailOutbox" SET attempts = attempts + 1, "nextAttemptAt" = now() + make_interval(secs => $1::double precision)
     WHERE id = (SELECT id FROM "EmailOutbox" WHERE status = 'PENDING' AND "nextAttemptAt" <= now()
                 ORDER BY ("dedupeKey" IS NOT NULL), "nextAttemptAt" LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING id, "to", subject, text, html, attachments, headers, attempts, "createdAt"`,
    values: [LEASE_SECONDS],
  });
  return rows[0] ?? null;
}

// The outcome is worth a few retries: if it is lost (database restarting), the e-mail is sent again
// when its lease ends.
async function record(sql: string, values: unknown[], tries = 5) {
  for (let attempt = 1; ; attempt++) {
    try {
      await pool.query(sql, values);
      return;
    } catch (error) {
      if (attempt >= tries) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
    }
  }
}

/**
 * Delivers up to `batch` due e-mails (see above) over `lanes` concurrent claim → send → record
 * loops (the app uses one per pooled SMTP connection); returns how many were attempted. A killed
 * process then re-sends at most one e-mail per lane.
 */
export async function deliverDueEmails(transport: Transporter, batch = 20, lanes = 1): Promise<number> {
  let attempted = 0;
  const lane = async () => {
    while (attempted < batch) {
      attempted++;
      const row = await claimNext();
      if (!row) {
        attempted--;
        return;
      }
      await deliver(transport, row);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, lanes) }, lane));
  return attempted;
}

// A calendar invitation (`text/calendar; method=REQUEST|CANCEL`) goes as nodemailer's icalEvent: a
// text/calendar alternative of the body, the part Gmail, Outlook and Apple Mail read to add, update or
// remove the event (iMIP), plus the same file attached. Other files are plain attachments.
function mailParts(attachments: Attachment[]) {
  const invitation = (a: Attachment) => /^text\/calendar;\s*method=/i.test(a.contentType);
  const calendar = attachments.find(invitation);
  const others = attachments.filter((a) => a !== calendar);
  return {
    ...(calendar
      ? { icalEvent: { method: calendar.contentType.replace(/^.*method=/i, ""), filename: calendar.filename, content: Buffer.from(calendar.content, "base64").toString("utf8") } }
      : {}),
    ...(others.length ? { attachments: others.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content, "base64") })) } : {}),
  };
}

async function deliver(transport: Transporter, row: OutboxRow) {
  try {
    await transport.sendMail({
      messageId: outboxMessageId(row, env.APP_URL),
      from: env.MAIL_FROM,
      to: row.to,
      subject: row.subject,
      text: row.text,
      html: row.html,
      ...(row.headers ? { headers: row.headers } : {}),
      ...mailParts(row.attachments ?? []),
    });
  } catch (error) {
    // `attempts` already counts this one (the claim did). Logged as well as recorded: a mail server
    // that refuses or times out must show in the instance's log, not only in the outbox row.
    console.warn(`Outbox: e-mail ${row.id} not delivered, attempt ${row.attempts}, next in ${backoffSeconds(row.attempts)} s:`, (error as Error).message ?? error);
    await record(
      `UPDATE "EmailOutbox" SET "lastError" = $2,
         status = CASE WHEN attempts >= $3::int THEN 'FAILED'::"EmailStatus" ELSE 'PENDING'::"EmailStatus" END,
         "nextAttemptAt" = now() + make_interval(secs => $4::double precision)
       WHERE id = $1`,
      [row.id, String((error as Error).message ?? error).slice(0, 500), MAX_ATTEMPTS, backoffSeconds(row.attempts)],
    );
    return;
  }
  await record(`UPDATE "EmailOutbox" SET status = 'SENT', "sentAt" = now(), "lastError" = NULL WHERE id = $1`, [row.id]);
}

// Runs in every app instance (see instrumentation.ts); SKIP LOCKED and the lease make that safe.
export function startOutboxWorker(transport: Transporter, lanes: number, intervalMs = env.OUTBOX_POLL_MS) {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      while ((await deliverDueEmails(transport, 20, lanes)) > 0) {}
    } catch (error) {
      console.warn("Outbox worker:", (error as Error).message);
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
