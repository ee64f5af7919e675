import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMailSink } from "../../scripts/lib/mail-sink";
import { freePort } from "../../scripts/lib/embedded-db";
import { db } from "@/lib/db";
import { enqueueEmail } from "@/lib/email/outbox";
import { deliverDueEmails } from "@/lib/email/worker";
import { uid } from "../fixtures/factories";

// A real SMTP sink (the development mailbox) on a free port; stopping it is an SMTP outage.
let port: number;
let stopSink: (() => Promise<void>) | undefined;
const transport = () => nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true, connectionTimeout: 2000 });

beforeAll(async () => {
  port = await freePort();
});
afterAll(async () => {
  await stopSink?.();
});

async function enqueue(count: number, tag: string) {
  const to = Array.from({ length: count }, (_, i) => `${tag}-${i}@example.org`);
  await db.$transaction(async (tx) => {
    for (const address of to) {
      await enqueueEmail(tx, { to: address, subject: `Test ${tag}`, text: "Bonjour", html: "<p>Bonjour</p>", template: "test" });
    }
  });
  return to;
}

const received = (tag: string) => db.devMail.findMany({ where: { subject: `Test ${tag}` } });

describe("e-mail outbox", () => {
  it("delivers each e-mail exactly once when three workers run at the same time", async () => {
    stopSink = await startMailSink(process.env.DATABASE_URL!, port);
    const tag = uid();
    const to = await enqueue(30, tag);
    const workers = [transport(), transport(), transport()];
    const sent = await Promise.all(workers.map((t) => deliverDueEmails(t, 50)));
    expect(sent.reduce((a, b) => a + b, 0)).toBe(30);
    const mails = await received(tag);
    expect(mails.map((m) => m.to).sort()).toEqual([...to].sort());
    await stopSink();
    stopSink = undefined;
  });

  it("keeps mail through an SMTP outage and delivers it once the server is back", async () => {
    const tag = uid();
    const to = await enqueue(5, tag);
    // Outage: the sink is stopped; every attempt fails and is rescheduled, nothing is lost.
    await deliverDueEmails(transport(), 50);
    const failed = await db.emailOutbox.findMany({ where: { subject: `Test ${tag}` } });
    expect(failed.every((row) => row.status === "PENDING" && row.attempts === 1 && row.lastError)).toBe(true);
    expect(failed.every((row) => row.nextAttemptAt > new Date())).toBe(true);

    // Back up: make the retries due now, run two workers, each mail arrives exactly once.
    stopSink = await startMailSink(process.env.DATABASE_URL!, port);
    await db.emailOutbox.updateMany({ where: { subject: `Test ${tag}` }, data: { nextAttemptAt: new Date() } });
    await Promise.all([deliverDueEmails(transport(), 50), deliverDueEmails(transport(), 50)]);
    const rows = await db.emailOutbox.findMany({ where: { subject: `Test ${tag}` } });
    expect(rows.every((row) => row.status === "SENT" && row.attempts === 2)).toBe(true);
    expect((await received(tag)).map((m) => m.to).sort()).toEqual([...to].sort());
  });

  it("gives the same e-mail once when enqueued twice with a dedupe key", async () => {
    const key = `reminder:${uid()}`;
    for (let i = 0; i < 2; i++) {
      await db.$transaction((tx) =>
        enqueueEmail(tx, { to: "dedupe@example.org", subject: "Rappel", text: "x", html: "x", template: "reminder", dedupeKey: key }),
      );
    }
    expect(await db.emailOutbox.count({ where: { dedupeKey: key } })).toBe(1);
  });
});
