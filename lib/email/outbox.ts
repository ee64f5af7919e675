import { Prisma } from "@prisma/client";
import type { Tx } from "@/lib/db";

export interface Attachment {
  filename: string;
  contentType: string;
  content: string; // base64
}

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  template: string;
  attachments?: Attachment[];
  // The booking the e-mail is about: GDPR erasure and export find a booking's e-mails by it.
  bookingId?: string;
  // The alert subscription the e-mail is about (lib/alerts): erasing it deletes its e-mails.
  alertSubscriptionId?: string;
  // The circuit booking the e-mail is about (lib/circuit), as bookingId for a visit.
  circuitBookingId?: string;
  // The draw application the e-mail is about (lib/draw): withdrawing or erasing it deletes its e-mails.
  drawApplicationId?: string;
  // Extra message headers (List-Unsubscribe on alert e-mails).
  headers?: Record<string, string>;
  // Same key twice → one e-mail (reminders and surveys must go out once, whatever reruns). Only the
  // scheduler's batch e-mails have one, and the worker sends them after the others.
  dedupeKey?: string;
}

// The Message-ID an outbox row is sent with, the same on every attempt: delivery is at-least-once
// (an SMTP server may store a message and its answer be lost, so the row is sent again), and the
// receiver keeps one copy per Message-ID. The row's creation time joins its id because a new
// database numbers its rows from 1 again; the host of APP_URL tells deployments apart.
export function outboxMessageId(row: { id: bigint | string; createdAt: Date }, appUrl: string): string {
  return `<outbox-${row.id}.${row.createdAt.getTime().toString(36)}@${new URL(appUrl).hostname}>`;
}

/** The outbox row of an e-mail (also for writing many at once with createMany). */
export function outboxRow(email: OutgoingEmail): Prisma.EmailOutboxCreateManyInput {
  return {
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    template: email.template,
    attachments: email.attachments ? (email.attachments as unknown as Prisma.InputJsonValue) : undefined,
    bookingId: email.bookingId,
    alertSubscriptionId: email.alertSubscriptionId,
    circuitBookingId: email.circuitBookingId,
    drawApplicationId: email.drawApplicationId,
    headers: email.headers ?? undefined,
    dedupeKey: email.dedupeKey,
  };
}

// Writes the e-mail in the caller's transaction: it exists if and only if the change it announces
// was committed. Delivery is the worker's job (lib/email/worker.ts).
export async function enqueueEmail(tx: Tx, email: OutgoingEmail) {
  const data = outboxRow(email);
  if (email.dedupeKey) {
    await tx.emailOutbox.upsert({ where: { dedupeKey: email.dedupeKey }, create: data, update: {} });
  } else {
    await tx.emailOutbox.create({ data });
  }
}

// enqueueEmail as one step of a larger statement (a writable CTE): `INSERT … SELECT … FROM source`
// writes the e-mail once per row of `source`, so it exists if and only if that row was written.
// Same columns as enqueueEmail; a dedupe key already taken writes nothing (like its upsert).
export function insertEmailFrom(source: Prisma.Sql, email: OutgoingEmail): Prisma.Sql {
  const attachments = email.attachments ? JSON.stringify(email.attachments) : null;
  const headers = email.headers ? JSON.stringify(email.headers) : null;
  return Prisma.sql`
    INSERT INTO "EmailOutbox" ("to", subject, text, html, template, attachments, "bookingId", "alertSubscriptionId", "circuitBookingId", "drawApplicationId", headers, "dedupeKey")
    SELECT ${email.to}::text, ${email.subject}::text, ${email.text}::text, ${email.html}::text, ${email.template}::text,
           ${attachments}::jsonb, ${email.bookingId ?? null}::text, ${email.alertSubscriptionId ?? null}::text,
           ${email.circuitBookingId ?? null}::text, ${email.drawApplicationId ?? null}::text, ${headers}::jsonb, ${email.dedupeKey ?? null}::text
    FROM ${source}
    ON CONFLICT ("dedupeKey") DO NOTHING`;
}
