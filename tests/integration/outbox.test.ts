import type { Transporter } from "nodemailer";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { enqueueEmail, outboxMessageId } from "@/lib/email/outbox";
import { deliverDueEmails } from "@/lib/email/worker";
import { env } from "@/lib/env";
import { uid } from "../fixtures/factories";
import { testMailSink } from "../fixtures/mail-sink";

// A real SMTP sink (the development mailbox) on a free port; stopping it is an SMTP outage.
const sink = testMailSink();
const transport = sink.transport;

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
  it("sends each e-mail once when three workers of three lanes each run at the same time (no SMTP fault)", async () => {
    await sink.up();
    const tag = uid();
    const to = await enqueue(30, tag);
    const workers = [transport(), transport(), transport()];
    const acceptedBefore = sink.counters.accepted;
    const sent = await Promise.all(workers.map((t) => deliverDueEmails(t, 50, 3)));
    expect(sent.reduce((a, b) => a + b, 0)).toBe(30);
    // Counted at the SMTP server, copies included: the workers never claim one row twice.
    expect(sink.counters.accepted - acceptedBefore).toBe(30);
    const mails = await received(tag);
    expect(mails.map((m) => m.to).sort()).toEqual([...to].sort());
    await sink.down();
  });

  it("sends what someone is waiting for before the scheduler's batch e-mails queued earlier", async () => {
    const tag = uid();
    await db.$transaction(async (tx) => {
      for (let i = 0; i < 20; i++) {
        const to = `${tag}-reminder-${i}@example.org`;
        await enqueueEmail(tx, { to, subject: `Test ${tag}`, text: "Rappel", html: "<p>Rappel</p>", template: "test", dedupeKey: `test:${tag}:${i}` });
      }
    });
    await db.emailOutbox.updateMany({ where: { subject: `Test ${tag}` }, data: { nextAttemptAt: new Date(Date.now() - 60_000) } });
    const [signInLink] = await enqueue(1, tag);
    const order: string[] = [];
    const recording = { sendMail: async (mail: { to: string }) => void order.push(mail.to) } as unknown as Transporter;
    await deliverDueEmails(recording, 1000);
    const ours = order.filter((to) => to.startsWith(`${tag}-`));
    expect(ours).toHaveLength(21);
    expect(ours[0]).toBe(signInLink);
  });

  it("keeps mail through an SMTP outage and delivers it once the server is back", async () => {
    const tag = uid();
    const to = await enqueue(5, tag);
    // Outage: the sink is stopped; every attempt fails and is rescheduled, nothing is lost.
    await deliverDueEmails(transport(), 50);
    const failed = await db.emailOutbox.findMany({ where: { subject: `Test ${tag}` } });
    expect(failed.every((row) => row.status === "PENDING" && row.attempts === 1 && row.lastError)).toBe(true);
    expect(failed.every((row) => row.nextAttemptAt > new Date())).toBe(true);

    // Back up: make the retries due now, run two workers, each mail arrives (each row sent in one attempt).
    await sink.up();
    await db.emailOutbox.updateMany({ where: { subject: `Test ${tag}` }, data: { nextAttemptAt: new Date() } });
    await Promise.all([deliverDueEmails(transport(), 50), deliverDueEmails(transport(), 50)]);
    const rows = await db.emailOutbox.findMany({ where: { subject: `Test ${tag}` } });
    expect(rows.every((row) => row.status === "SENT" && row.attempts === 2)).toBe(true);
    expect((await received(tag)).map((m) => m.to).sort()).toEqual([...to].sort());
  });

  it("a worker killed while sending re-sends at most that one e-mail, and the rest go out at once", async () => {
    const tag = uid();
    const to = await enqueue(6, tag);
    const ours = (mail: { to: string }) => to.includes(mail.to);
    // Worker A: the SMTP server accepts the third of our e-mails, then the process dies before
    // recording it (its promise never settles; it holds no transaction meanwhile).
    const sentByA: string[] = [];
    const dying = {
      sendMail: async (mail: { to: string }) => {
        if (!ours(mail)) return;
        sentByA.push(mail.to);
        if (sentByA.length === 3) await new Promise(() => {});
      },
    } as unknown as Transporter;
    void deliverDueEmails(dying, 50);
    await vi.waitFor(() => expect(sentByA).toHaveLength(3));

    const rows = await db.emailOutbox.findMany({ where: { subject: `Test ${tag}` }, orderBy: { id: "asc" } });
    const inFlight = rows.find((r) => r.to === sentByA[2])!;
    expect(rows.filter((r) => r.status === "SENT").map((r) => r.to).sort()).toEqual(sentByA.slice(0, 2).sort());
    // Leased: nobody's due row until the lease ends.
    expect(inFlight).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(inFlight.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 2 * 60_000);

    // Worker B (another instance) sends the three never tried, right away, and nothing else of ours.
    const sentByB: string[] = [];
    const healthy = { sendMail: async (mail: { to: string }) => void (ours(mail) && sentByB.push(mail.to)) } as unknown as Transporter;
    await deliverDueEmails(healthy, 50);
    expect(sentByB.sort()).toEqual(to.filter((address) => !sentByA.includes(address)).sort());

    // The lease of the dead worker's row ends: it goes out again — the one duplicate.
    await db.emailOutbox.update({ where: { id: inFlight.id }, data: { nextAttemptAt: new Date() } });
    await deliverDueEmails(healthy, 50);
    expect(sentByB.filter((address) => address === inFlight.to)).toHaveLength(1);
    expect(await db.emailOutbox.count({ where: { subject: `Test ${tag}`, status: "SENT" } })).toBe(6);
  });

  it("sends every attempt of a row with the same Message-ID, which the sink stores once", async () => {
    await sink.up();
    const tag = uid();
    const [to] = await enqueue(1, tag);
    const row = await db.emailOutbox.findFirstOrThrow({ where: { subject: `Test ${tag}` } });
    const ours = (mail: { to: string }) => mail.to === to;
    const real = sink.transport();
    const messageIds: string[] = [];
    const accepted = sink.counters.accepted;
    // First attempt: the SMTP server stores the e-mail but its answer is lost (connection cut).
    const answerLost = {
      sendMail: async (mail: { to: string; messageId: string }) => {
        if (!ours(mail)) return;
        messageIds.push(mail.messageId);
        await real.sendMail(mail);
        throw new Error("Connection closed");
      },
    } as unknown as Transporter;
    await deliverDueEmails(answerLost, 50);
    expect(await db.emailOutbox.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "PENDING", attempts: 1, lastError: "Connection closed" });

    // The retry: sent again, received twice, stored once.
    await db.emailOutbox.update({ where: { id: row.id }, data: { nextAttemptAt: new Date() } });
    const recording = {
      sendMail: async (mail: { to: string; messageId: string }) => {
        if (!ours(mail)) return;
        messageIds.push(mail.messageId);
        await real.sendMail(mail);
      },
    } as unknown as Transporter;
    await deliverDueEmails(recording, 50);
    expect(await db.emailOutbox.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "SENT", attempts: 2 });
    const messageId = outboxMessageId(row, env.APP_URL);
    expect(messageIds).toEqual([messageId, messageId]);
    expect(sink.counters.accepted - accepted).toBe(2);
    const stored = await received(tag);
    expect(stored.map((m) => [m.to, m.messageId])).toEqual([[to, messageId]]);
  });

  it("derives a Message-ID per outbox row: stable, distinct per row and per database, on the site's host", () => {
    const createdAt = new Date("2027-03-27T09:30:00Z");
    const id = outboxMessageId({ id: 42n, createdAt }, "https://usines-ouvertes.fr");
    expect(id).toMatch(/^<outbox-42\.[0-9a-z]+@usines-ouvertes\.fr>$/);
    expect(outboxMessageId({ id: "42", createdAt: new Date(createdAt) }, "https://usines-ouvertes.fr/")).toBe(id);
    expect(outboxMessageId({ id: 43n, createdAt }, "https://usines-ouvertes.fr")).not.toBe(id);
    // Ids start from 1 again in a new database: the creation time tells the rows apart.
    expect(outboxMessageId({ id: 42n, createdAt: new Date(createdAt.getTime() + 1) }, "https://usines-ouvertes.fr")).not.toBe(id);
    expect(outboxMessageId({ id: 42n, createdAt }, "https://preprod.usines-ouvertes.fr")).not.toBe(id);
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
