import "server-only";
import type { Transporter } from "nodemailer";
import type { PoolClient } from "pg";
import { pool } from "@/lib/db";
import { env } from "@/lib/env";
import type { Attachment } from "./outbox";

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
  attempts: number;
}

// Delivers up to `batch` due e-mails. Rows are claimed with FOR UPDATE SKIP LOCKED and stay locked
// until their outcome is committed, so several workers (several app instances) never send the
// same row twice.
export async function deliverDueEmails(transport: Transporter, batch = 20): Promise<number> {
  const client: PoolClient = await pool.connect();
  // The database may restart while SMTP sends run: report it instead of crashing the process.
  const onError = (error: Error) => console.warn("Outbox worker connection:", error.message);
  client.on("error", onError);
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<OutboxRow>(
      `SELECT id, "to", subject, text, html, attachments, attempts FROM "EmailOutbox"
       WHERE status = 'PENDING' AND "nextAttemptAt" <= now()
       ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [batch],
    );
    // The batch is sent concurrently (the transport keeps a few SMTP connections open), then the
    // outcomes are written: one UPDATE for every e-mail sent, one per failure.
    const outcomes = await Promise.allSettled(
      rows.map((row) =>
        transport.sendMail({
          from: env.MAIL_FROM,
          to: row.to,
          subject: row.subject,
          text: row.text,
          html: row.html,
          attachments: row.attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content, "base64") })),
        }),
      ),
    );
    const sent = rows.filter((_, i) => outcomes[i].status === "fulfilled").map((row) => row.id);
    if (sent.length > 0) {
      await client.query(
        `UPDATE "EmailOutbox" SET status = 'SENT', "sentAt" = now(), attempts = attempts + 1, "lastError" = NULL WHERE id = ANY($1::bigint[])`,
        [sent],
      );
    }
    for (const [i, row] of rows.entries()) {
      const outcome = outcomes[i];
      if (outcome.status === "fulfilled") continue;
      const error = outcome.reason as Error | undefined;
      const attempts = row.attempts + 1;
      await client.query(
        `UPDATE "EmailOutbox" SET attempts = $2::int, "lastError" = $3,
           status = CASE WHEN $2::int >= $4::int THEN 'FAILED'::"EmailStatus" ELSE 'PENDING'::"EmailStatus" END,
           "nextAttemptAt" = now() + make_interval(secs => $5::double precision)
         WHERE id = $1`,
        [row.id, attempts, String(error?.message ?? error).slice(0, 500), MAX_ATTEMPTS, backoffSeconds(attempts)],
      );
    }
    await client.query("COMMIT");
    return rows.length;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.off("error", onError);
    client.release();
  }
}

// Runs in every app instance (see instrumentation.ts); SKIP LOCKED makes that safe.
export function startOutboxWorker(transport: Transporter, intervalMs = Number(process.env.OUTBOX_POLL_MS ?? 1000)) {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      while ((await deliverDueEmails(transport)) > 0) {}
    } catch (error) {
      console.warn("Outbox worker:", (error as Error).message);
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
