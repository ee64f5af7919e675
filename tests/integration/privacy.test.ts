// Personal data against the real database: the export holds what we store about the person, and
// after deletion (on request, or by the retention purge) nothing personal is left anywhere — checked
// by searching every text column of every table for the person's details.
import { randomInt } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "@prisma/client";
import { book, getBookingByManageToken } from "@/lib/booking";
import type { IndividualBookingInput } from "@/lib/booking/schemas";
import { db, pool } from "@/lib/db";
import { deliverDueEmails } from "@/lib/email/worker";
import { enqueueDueReminders, enqueueSurveyInvitations, runScheduledJobs } from "@/lib/lifecycle";
import { deleteBookingData, ERASED_NAME, exportBookingData, purgeEdition } from "@/lib/privacy";
import { submitSurvey, surveyResults, surveyTokenFor } from "@/lib/survey";
import { createEdition, createFactory, createSlot, uid } from "../fixtures/factories";
import { individualInput } from "../fixtures/bookings";
import { testMailSink } from "../fixtures/mail-sink";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

const sink = testMailSink();
beforeAll(sink.up);
const drain = async () => {
  const t = sink.transport();
  while ((await deliverDueEmails(t, 100)) > 0) {}
};

interface Person {
  contactName: string;
  email: string;
  phone: string;
  participantNames: string;
}
const person = (): Person => {
  const id = uid();
  return {
    contactName: `Zoé Personne${id}`,
    email: `zoe-${id}@example.fr`,
    phone: `06 ${String(randomInt(10_000_000, 99_999_999))}`,
    participantNames: `Léo Enfant${id}, Mia Enfant${id}`,
  };
};

const individual = (slotId: string, who: Person, over: Partial<IndividualBookingInput> = {}) => individualInput(slotId, { ...who, ...over });

async function bookAt(input: IndividualBookingInput, now = new Date()) {
  const result = await book(input, { now });
  if (result.replayed) throw new Error("replayed");
  return result;
}

async function setup(slot: Partial<Prisma.SlotUncheckedCreateInput> = {}, edition: Partial<Prisma.EditionUncheckedCreateInput> = {}) {
  const e = await createEdition({ bookingOpensAt: new Date(Date.now() - 30 * DAY), ...edition });
  const factory = await createFactory(e.id, { companyName: "Verre & Co", siteName: "Verrerie de Lyon" });
  return { edition: e, factory, slot: await createSlot(factory, slot) };
}

// Every text-like column of every table that contains `needle` (case-insensitive). DevMail is left
// out: it is the development SMTP sink, standing in for the recipient's own mailbox (the mail has
// left our system); in production it is empty.
async function whereFound(needle: string): Promise<string[]> {
  const { rows: columns } = await pool.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name NOT IN ('DevMail', '_prisma_migrations')
       AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')`,
  );
  const hits: string[] = [];
  for (const { table_name, column_name } of columns) {
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM "${table_name}" WHERE "${column_name}"::text ILIKE '%' || $1 || '%'`, [needle]);
    if (rows[0].n > 0) hits.push(`${table_name}.${column_name} (${rows[0].n})`);
  }
  return hits;
}

const traces = (who: Person) => [who.email, who.contactName, who.phone, ...who.participantNames.split(", ")];

async function expectNoTrace(who: Person) {
  for (const needle of traces(who)) expect(await whereFound(needle), needle).toEqual([]);
}

describe("export", () => {
  it("gives everything stored about the person for that booking, and no secret", async () => {
    const who = person();
    const { slot } = await setup({ startsAt: new Date(Date.now() + 30 * HOUR) });
    const result = await bookAt(individual(slot.id, who, { seats: 3, minors: 1 }));
    await enqueueDueReminders(new Date());
    await drain();

    const data = await exportBookingData(result.manageToken);
    expect(data.booking).toMatchObject({
      id: result.booking.id,
      status: "CONFIRMED",
      contactName: who.contactName,
      email: who.email,
      phone: who.phone,
      participantNames: who.participantNames,
      seats: 3,
      adults: 2,
      ticketCode: result.booking.ticketCode,
    });
    expect(data.visit).toMatchObject({ factory: "Verre & Co – Verrerie de Lyon", address: "1 rue de l'Usine, 74300 Cluses" });
    expect(data.emails.map((e) => [e.template, e.status])).toEqual([
      ["booking.confirmed", "SENT"],
      ["lifecycle.reminder", "SENT"],
    ]);
    expect(data.emails[0].subject).toMatch(/^Réservation confirmée/);
    expect(data.surveyResponse).toBeNull();
    const json = JSON.stringify(data);
    for (const secret of ["manageTokenHash", "ticketTokenHash", "manageTokenSealed", "surveyTokenHash", "idempotencyKey", result.manageToken]) {
      expect(json).not.toContain(secret);
    }
  });

  it("refuses an unknown link", async () => {
    await expect(exportBookingData("x".repeat(43))).rejects.toMatchObject({ code: "booking.not_found" });
  });
});

describe("deletion on request", () => {
  it("cancels an active booking through the booking domain (seats freed, waiting list promoted), then leaves nothing personal", async () => {
    const who = person();
    const other = person();
    const { slot } = await setup({ capacity: 2, startsAt: new Date(Date.now() + 30 * HOUR) });
    const mine = await bookAt(individual(slot.id, who, { seats: 2 }));
    const waiting = await bookAt(individual(slot.id, other, { seats: 2 }));
    expect(waiting.status).toBe("WAITLISTED");
    await enqueueDueReminders(new Date());
    await drain();
    for (const needle of traces(who)) expect((await whereFound(needle)).length, needle).toBeGreaterThan(0);

    const result = await deleteBookingData(mine.manageToken);
    expect(result).toEqual({ bookingId: mine.booking.id, alreadyErased: false, cancelled: true });

    const erased = await db.booking.findUniqueOrThrow({ where: { id: mine.booking.id }, select: { status: true, seats: true, contactName: true, email: true, phone: true, participantNames: true, manageTokenSealed: true, personalDataErasedAt: true } });
    expect(erased).toMatchObject({
      status: "CANCELLED",
      seats: 2,
      contactName: ERASED_NAME,
      email: `deleted+${mine.booking.id}@invalid`,
      phone: null,
      participantNames: null,
      manageTokenSealed: null,
    });
    expect(erased.personalDataErasedAt).toBeInstanceOf(Date);
    // The freed seats went to the waiting list, through lib/booking.
    expect(await db.booking.findUniqueOrThrow({ where: { id: waiting.booking.id }, select: { status: true } })).toEqual({ status: "CONFIRMED" });
    expect(await db.slot.findUniqueOrThrow({ where: { id: slot.id }, select: { taken: true } })).toEqual({ taken: 2 });

    await expectNoTrace(who);
    // The other visitor's data is untouched.
    for (const needle of [other.email, other.contactName]) expect((await whereFound(needle)).length).toBeGreaterThan(0);
    expect(await db.auditLog.count({ where: { entityType: "Booking", entityId: mine.booking.id, action: "booking.personal_data_erased" } })).toBe(1);

    // Idempotent; the private link now shows an anonymous booking.
    expect(await deleteBookingData(mine.manageToken)).toMatchObject({ alreadyErased: true });
    expect(await getBookingByManageToken(mine.manageToken)).toMatchObject({ contactName: ERASED_NAME, phone: null });
    // No reminder for it afterwards.
    await enqueueDueReminders(new Date());
    expect(await db.emailOutbox.count({ where: { dedupeKey: `reminder:${mine.booking.id}` } })).toBe(0);
  });

  it("finds a booking's e-mails by its key: whatever their subject, and the person's other bookings keep theirs", async () => {
    const who = person();
    const { factory, slot } = await setup({ startsAt: new Date(Date.now() + 5 * DAY) });
    const second = await createSlot(factory, { startsAt: new Date(Date.now() + 6 * DAY) });
    const first = await bookAt(individual(slot.id, who));
    const kept = await bookAt(individual(second.id, who));
    await drain();
    // E-mails worded as no template does today (a reworded subject, a new template), one about
    // each booking: same address, same subject.
    const reworded = { to: who.email, subject: "Un sujet reformulé, sans usine ni date", text: "t", html: "<p>t</p>", template: "later.new_template" };
    const gone = await db.emailOutbox.create({ data: { ...reworded, bookingId: first.booking.id } });
    const stays = await db.emailOutbox.create({ data: { ...reworded, bookingId: kept.booking.id } });
    expect((await exportBookingData(first.manageToken)).emails.map((e) => e.template)).toEqual(["booking.confirmed", "later.new_template"]);

    await deleteBookingData(first.manageToken);
    expect(await db.emailOutbox.findUnique({ where: { id: gone.id } })).toBeNull();
    expect(await db.emailOutbox.count({ where: { bookingId: first.booking.id } })).toBe(0);
    const left = await db.emailOutbox.findMany({ where: { to: who.email }, orderBy: { id: "asc" }, select: { id: true, template: true, bookingId: true } });
    expect(left).toEqual([
      { id: expect.any(BigInt), template: "booking.confirmed", bookingId: kept.booking.id },
      { id: stays.id, template: "later.new_template", bookingId: kept.booking.id },
    ]);
    expect((await exportBookingData(kept.manageToken)).emails.map((e) => e.template)).toEqual(["booking.confirmed", "later.new_template"]);
    expect(await db.booking.findUniqueOrThrow({ where: { id: kept.booking.id }, select: { email: true } })).toEqual({ email: who.email });
  });

  it("erases a past visit without touching its status or its survey answer", async () => {
    const who = person();
    const startsAt = new Date(Date.now() - 5 * HOUR);
    const { slot } = await setup({ startsAt });
    const visit = await bookAt(individual(slot.id, who), new Date(startsAt.getTime() - DAY));
    await db.booking.update({ where: { id: visit.booking.id }, data: { status: "CHECKED_IN", checkedInCount: 2, checkedInAt: startsAt } });
    await enqueueSurveyInvitations(new Date());
    await submitSurvey(surveyTokenFor(visit.manageToken), { satisfaction: 4, recommendBefore: 3, recommendAfter: 5 });
    await drain();
    expect((await exportBookingData(visit.manageToken)).surveyResponse).toMatchObject({ satisfaction: 4, recommendBefore: 3, recommendAfter: 5 });

    expect(await deleteBookingData(visit.manageToken)).toMatchObject({ cancelled: false, alreadyErased: false });
    expect(await db.booking.findUniqueOrThrow({ where: { id: visit.booking.id }, select: { status: true, checkedInCount: true, surveyTokenHash: true } })).toEqual({
      status: "CHECKED_IN",
      checkedInCount: 2,
      surveyTokenHash: null,
    });
    expect(await db.surveyResponse.findUnique({ where: { bookingId: visit.booking.id } })).toMatchObject({ satisfaction: 4 });
    await expectNoTrace(who);
  });
});

describe("retention purge", () => {
  async function pastEdition(retentionDays: number) {
    const lastDay = new Date(new Date(Date.now() - 10 * DAY).toISOString().slice(0, 10));
    const setupResult = await setup(
      { startsAt: new Date(lastDay.getTime() + 9 * HOUR), capacity: 50 },
      {
        firstDay: new Date(lastDay.getTime() - DAY),
        lastDay,
        bookingOpensAt: new Date(Date.now() - 60 * DAY),
        bookingClosesAt: new Date(lastDay.getTime() - DAY),
        dataRetentionDays: retentionDays,
      },
    );
    const people = [person(), person(), person()];
    const bookings = [];
    for (const who of people) bookings.push(await bookAt(individual(setupResult.slot.id, who), new Date(setupResult.slot.startsAt.getTime() - 3 * DAY)));
    for (const b of bookings.slice(0, 2)) {
      await db.booking.update({ where: { id: b.booking.id }, data: { status: "CHECKED_IN", checkedInCount: 2 } });
    }
    // Survey answers given while the data was kept.
    for (const [i, b] of bookings.slice(0, 2).entries()) {
      await db.surveyResponse.create({ data: { bookingId: b.booking.id, satisfaction: 3 + i, recommendBefore: 2, recommendAfter: 4 + i } });
    }
    await drain();
    return { ...setupResult, people, bookings };
  }

  it("erases every booking of an edition once lastDay + dataRetentionDays is past, keeping answers and counts", async () => {
    const notYet = await pastEdition(30);
    expect(await purgeEdition(notYet.edition.id)).toMatchObject({ due: false, erased: 0 });
    expect(await db.booking.count({ where: { editionId: notYet.edition.id, personalDataErasedAt: { not: null } } })).toBe(0);

    const { edition, slot, people, bookings } = await pastEdition(5);
    const before = await surveyResults(edition.id);
    const run = await runScheduledJobs(new Date());
    expect(run.ran).toBe(true);
    if (run.ran) expect(run.purge.find((p) => p.editionId === edition.id)).toMatchObject({ due: true, erased: 3, remaining: false });

    for (const who of people) await expectNoTrace(who);
    expect(await db.booking.count({ where: { editionId: edition.id, personalDataErasedAt: null } })).toBe(0);
    expect(await db.surveyResponse.count({ where: { bookingId: { in: bookings.map((b) => b.booking.id) } } })).toBe(2);
    expect(await db.slot.findUniqueOrThrow({ where: { id: slot.id }, select: { taken: true } })).toEqual({ taken: 6 });
    const after = await surveyResults(edition.id);
    expect(after.overall).toEqual({ ...before.overall });
    expect(await db.auditLog.findFirst({ where: { entityType: "Edition", entityId: edition.id, action: "edition.personal_data_purged" } })).toMatchObject({
      reason: "RETENTION",
      after: expect.objectContaining({ erasedBookings: 3, remaining: false }),
    });
    // The other edition, still within its retention period, is untouched.
    expect(await db.booking.count({ where: { editionId: notYet.edition.id, personalDataErasedAt: null } })).toBe(3);
    // Nothing left to do on the next run.
    expect(await purgeEdition(edition.id)).toMatchObject({ due: true, erased: 0 });
  });
});
