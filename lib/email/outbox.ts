import type { Prisma } from "@prisma/client";
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
  // Same key twice → one e-mail (reminders and surveys must go out once, whatever reruns).
  dedupeKey?: string;
}

// Writes the e-mail in the caller's transaction: it exists if and only if the change it announces
// was committed. Delivery is the worker's job (lib/email/worker.ts).
export async function enqueueEmail(tx: Tx, email: OutgoingEmail) {
  const data: Prisma.EmailOutboxCreateInput = {
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    template: email.template,
    attachments: email.attachments ? (email.attachments as unknown as Prisma.InputJsonValue) : undefined,
    dedupeKey: email.dedupeKey,
  };
  if (email.dedupeKey) {
    await tx.emailOutbox.upsert({ where: { dedupeKey: email.dedupeKey }, create: data, update: {} });
  } else {
    await tx.emailOutbox.create({ data });
  }
}
