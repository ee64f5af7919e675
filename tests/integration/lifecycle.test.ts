// Scheduled e-mails around a visit, against the real database and a real SMTP sink (the development
// mailbox, on a free port): reminders, factory day-before summaries, survey invitations. The main
// property: each e-mail is written once and reaches its recipient (stored once per Message-ID, as
// SMTP delivery is at-least-once), whatever the number of app instances running the scheduler and the
// outbox worker at the same time, and through an SMTP outage.
import { describe, expect, it } from "vitest";
import type { Prisma } from "@prisma/client";
import { book, cancelBooking } from "@/lib/booking";
import type { SchoolGroupBookingInput, IndividualBookingInput } from "@/lib/booking/schemas";
import { db } from "@/lib/db";
import { enqueueEmail } from "@/lib/email/outbox";
import { deliverDueEmails } from "@/lib/email/worker";
import { parisDateTime, parisDay } from "@/lib/paris-time";
import {
  enqueueDueReminders,
  enqueueFactoryDayBefore,
  enqueueSurveyInvitations,
  runScheduledJobs,
} from "@/lib/lifecycle";
import { surveyTokenFor } from "@/lib/survey/tokens";
import { hashToken, ticketTokenFor } from "@/lib/tokens";
import { createEdition, createFactory, createSlot, uid } from "../fixtures/factories";
import { testMailSink } from "../fixtures/mail-sink";
import { groupInput, individualInput } from "../fixtures/bookings";
import { formatTime } from "@/lib/i18n/format";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

const sink = testMailSink();
const transport = sink.transport;

async function setup(
  options: { edition?: Partial<Prisma.EditionUncheckedCreateInput>; factory?: Partial<Prisma.FactoryUncheckedCreateInput>; slot?: Partial<Prisma.SlotUncheckedCreateInput> } = {},
) {
  const edition = await createEdition({ bookingOpensAt: new Date(Date.now() - 30 * DAY), ...options.edition });
  const factory = await createFactory(edition.id, {
    companyName: "Acier Fin",
    siteName: "Usine de Cluses",
    minAge: 12,
    closedShoesRequired: true,
    idRequired: true,
    ...options.factory,
  });
  const slot = await createSlot(factory, { capacity: 40, ...options.slot });
  return { edition, factory, slot };
}

// Unique contact names: the mailbox tells the recipients apart by them.
const individual = (slotId: string, over: Partial<IndividualBookingInput> = {}) => individualInput(slotId, { contactName: `Camille ${uid()}`, ...over });
const group = (slotId: string, over: Partial<SchoolGroupBookingInput> = {}) => groupInput(slotId, { contactName: `Prof ${uid()}`, ...over });

const newUser = (over: Partial<Prisma.UserCreateInput> = {}) => db.user.create({ data: { email: `user-${uid()}@example.fr`, ...over } });

// Books for real (tokens sealed, confirmation e-mail in the outbox), "at" a given time.
async function bookAt(input: IndividualBookingInput | SchoolGroupBookingInput, now = new Date(), userId?: string) {
  const result = await book(input, { now, userId });
  if (result.replayed) throw new Error("unexpected replay");
  return result;
}

const received = (to: string, subjectStart?: string) =>
  db.devMail.findMany({ where: { to, ...(subjectStart ? { subject: { startsWith: subjectStart } } : {}) }, orderBy: { id: "asc" } });

async function drain(t = transport()) {
  while ((await deliverDueEmails(t, 50)) > 0) {}
}

describe("reminders", () => {
  it("reaches each confirmed visitor once when three instances run the scheduler and the outbox worker at once", async () => {
    await sink.up();
    const { slot, factory } = await setup({ slot: { startsAt: new Date(Date.now() + 30 * HOUR) } });
    const teacher = await newUser();
    const a = await bookAt(individual(slot.id, { locale: "fr", seats: 3, minors: 1 }));
    const b = await bookAt(individual(slot.id, { locale: "en" }));
    const g = await bookAt(group(slot.id), new Date(), teacher.id);
    // Not reminded: cancelled, waitlisted (slot full), too far ahead.
    const cancelled = await bookAt(individual(slot.id));
    await cancelBooking({ manageToken: cancelled.manageToken }, { by: "VISITOR" });
    const full = await createSlot(factory, { capacity: 2, startsAt: new Date(Date.now() + 20 * HOUR) });
    await bookAt(individual(full.id, { seats: 2 }));
    const waiting = await bookAt(individual(full.id, { seats: 1 }));
    expect(waiting.status).toBe("WAITLISTED");
    const later = await createSlot(factory, { startsAt: new Date(Date.now() + 72 * HOUR) });
    const tooEarly = await bookAt(individual(later.id));

    // Three "instances", each with its own SMTP connection, each running several scheduler ticks
    // and draining the outbox, all at the same time.
    const instance = async () => {
      const t = transport();
      const runs = [];
      for (let tick = 0; tick < 3; tick++) {
        runs.push(await runScheduledJobs(new Date()));
        await drain(t);
      }
      return runs;
    };
    const runs = (await Promise.all([instance(), instance(), instance()])).flat();
    expect(runs.some((r) => r.ran)).toBe(true);
    await drain();

    for (const booking of [a, b, g]) {
      const mails = await received(booking.booking.email, booking.booking.locale === "en" ? "Reminder" : "Rappel");
      expect(mails, booking.booking.email).toHaveLength(1);
      // The row names the booking it is about (erasure deletes it by this key).
      expect(await db.emailOutbox.count({ where: { dedupeKey: `reminder:${booking.booking.id}`, bookingId: booking.booking.id } })).toBe(1);
    }
    for (const booking of [cancelled, waiting, tooEarly]) {
      expect(await db.emailOutbox.count({ where: { dedupeKey: `reminder:${booking.booking.id}` } })).toBe(0);
    }

    // Content: private links recovered from the sealed token, Paris time, address, conditions.
    const [fr] = await received(a.booking.email, "Rappel");
    expect(fr.subject).toContain("Acier Fin – Usine de Cluses");
    expect(fr.text).toContain(`/reservation/${a.manageToken}`);
    expect(fr.text).toContain(`/billet/${ticketTokenFor(a.manageToken)}`);
    expect(fr.text).toContain("(heure de Paris)");
    expect(fr.text).toContain(formatTime(slot.startsAt, "fr"));
    expect(fr.text).toContain("1 rue de l'Usine, 74300 Cluses");
    expect(fr.text).toContain("Chaussures fermées obligatoires");
    expect(fr.text).toContain("Âge minimum : 12 ans");
    expect(fr.text).toContain(a.booking.ticketCode);
    const [en] = await received(b.booking.email, "Reminder");
    expect(en.text).toContain("(Paris time)");
    expect(en.text).toContain("Closed shoes required");
    const [gm] = await received(g.booking.email, "Rappel");
    expect(gm.text).toContain("20 élèves et 2 accompagnateurs");
  });

  it("stays one e-mail per booking when the job itself runs concurrently without the scheduler's lock", async () => {
    const { slot } = await setup({ slot: { startsAt: new Date(Date.now() + 10 * HOUR) } });
    const bookings = await Promise.all(Array.from({ length: 8 }, () => bookAt(individual(slot.id, { seats: 1 }))));
    const now = new Date();
    const results = await Promise.all(Array.from({ length: 4 }, () => enqueueDueReminders(now)));
    expect(results.every((r) => r.enqueued >= 0)).toBe(true);
    for (const { booking } of bookings) expect(await db.emailOutbox.count({ where: { dedupeKey: `reminder:${booking.id}` } })).toBe(1);
    // And enqueueing the same key by hand again changes nothing.
    await db.$transaction((tx) =>
      enqueueEmail(tx, { to: "x@example.org", subject: "x", text: "x", html: "x", template: "lifecycle.reminder", dedupeKey: `reminder:${bookings[0].booking.id}` }),
    );
    expect(await db.emailOutbox.count({ where: { dedupeKey: `reminder:${bookings[0].booking.id}` } })).toBe(1);
  });

  it("keeps reminders through an SMTP outage and then delivers each, one attempt after the outage", async () => {
    await sink.up();
    await drain(); // deliver what earlier tests left
    await sink.down();
    const { slot } = await setup({ slot: { startsAt: new Date(Date.now() + 40 * HOUR) } });
    const bookings = await Promise.all(Array.from({ length: 5 }, () => bookAt(individual(slot.id, { seats: 1 }))));
    await runScheduledJobs(new Date());
    const keys = bookings.map((b) => `reminder:${b.booking.id}`);

    // Outage: every attempt fails and is rescheduled; nothing is lost, nothing is sent twice later.
    await deliverDueEmails(transport(), 500);
    const failed = await db.emailOutbox.findMany({ where: { dedupeKey: { in: keys } } });
    expect(failed).toHaveLength(5);
    expect(failed.every((row) => row.status === "PENDING" && row.attempts === 1 && row.lastError && row.nextAttemptAt > new Date())).toBe(true);
    // The scheduler keeps running during the outage: no second reminder is written.
    await Promise.all([runScheduledJobs(new Date()), runScheduledJobs(new Date())]);
    expect(await db.emailOutbox.count({ where: { dedupeKey: { in: keys } } })).toBe(5);

    await sink.up();
    await db.emailOutbox.updateMany({ where: { status: "PENDING" }, data: { nextAttemptAt: new Date() } });
    await Promise.all([drain(), drain(), drain()]);
    const rows = await db.emailOutbox.findMany({ where: { dedupeKey: { in: keys } } });
    expect(rows.every((row) => row.status === "SENT" && row.attempts === 2)).toBe(true);
    for (const { booking } of bookings) expect(await received(booking.email, "Rappel")).toHaveLength(1);
  });
});

describe("factory day-before summary", () => {
  it("tells each contact of the site, once, from 08:00 the day before, who is coming per slot — without visitor names", async () => {
    await sink.up();
    const day = parisDay(new Date(Date.now() + 4 * DAY));
    const dayBefore = parisDay(new Date(parisDateTime(day, "12:00").getTime() - DAY));
    const { factory, slot: morning } = await setup({ slot: { startsAt: parisDateTime(day, "10:00"), capacity: 30 } });
    const afternoon = await createSlot(factory, { startsAt: parisDateTime(day, "14:00"), capacity: 10 });
    const nextDay = await createSlot(factory, { startsAt: new Date(parisDateTime(day, "10:00").getTime() + DAY) });
    const fr = await newUser({ name: "Claire Usine", locale: "fr" });
    const en = await newUser({ locale: "en" });
    await db.factoryContact.createMany({ data: [fr, en].map((u) => ({ factoryId: factory.id, userId: u.id })) });
    const teacher = await newUser();
    const visitor = await bookAt(individual(morning.id, { seats: 3, minors: 2, contactName: "Zoé Secret" }));
    await bookAt(group(morning.id, { students: 12, adults: 2 }), new Date(), teacher.id);
    await bookAt(individual(nextDay.id));

    // 07:59 the day before: too early. 08:00: due. After the first visit started: too late.
    const mine = (d: string) => db.emailOutbox.count({ where: { dedupeKey: { startsWith: `factory-day:${factory.id}:${d}:` } } });
    await enqueueFactoryDayBefore(parisDateTime(dayBefore, "07:59"));
    expect(await mine(day)).toBe(0);
    const at8 = parisDateTime(dayBefore, "08:00");
    const results = await Promise.all([enqueueFactoryDayBefore(at8), enqueueFactoryDayBefore(at8), runScheduledJobs(at8)]);
    expect(results.length).toBe(3);
    await enqueueFactoryDayBefore(parisDateTime(dayBefore, "18:00"));
    const rows = await db.emailOutbox.findMany({ where: { dedupeKey: { startsWith: `factory-day:${factory.id}:` } } });
    expect(rows.map((r) => r.dedupeKey).sort()).toEqual([`factory-day:${factory.id}:${day}:${fr.id}`, `factory-day:${factory.id}:${day}:${en.id}`].sort());
    expect(rows.map((r) => r.to).sort()).toEqual([fr.email, en.email].sort());

    await drain();
    const [mail] = await received(fr.email);
    expect(mail.subject).toMatch(/^Vos visites de demain/);
    expect(mail.text).toContain("Bonjour Claire Usine,");
    expect(mail.text).toContain("accueille 17 visiteurs");
    expect(mail.text).toContain("10 h 00 – 11 h 30");
    expect(mail.text).toContain("17 / 30 places confirmées (2 réservations)");
    expect(mail.text).toContain("Grand public : 1 réservation, 3 personnes dont 2 mineurs");
    expect(mail.text).toContain("Classe : Lycée Henri-IV (2nde), 12 élèves et 2 accompagnateurs");
    expect(mail.text).toContain("14 h 00 – 15 h 30");
    expect(mail.text).toContain("Aucune réservation pour l'instant.");
    expect(mail.text).toContain("/espace-usine");
    expect(mail.text).not.toContain("Zoé Secret");
    expect(mail.text).not.toContain(visitor.booking.email);
    const [english] = await received(en.email);
    expect(english.subject).toMatch(/^Your visits tomorrow/);
    expect(afternoon.id).toBeTruthy();

    // The next day's summary is a different e-mail, due the next morning.
    const following = parisDay(nextDay.startsAt);
    expect(await mine(following)).toBe(0);
    await enqueueFactoryDayBefore(parisDateTime(day, "09:00"));
    expect(await mine(following)).toBe(2);
    expect(await mine(day)).toBe(2);
  });
});

describe("survey invitations", () => {
  it("invites, once, every booking that came, 2 hours after the visit, with a link whose hash only is stored", async () => {
    await sink.up();
    const startsAt = new Date(Date.now() - 5 * HOUR);
    const { slot } = await setup({ slot: { startsAt, durationMinutes: 90 } });
    const before = new Date(startsAt.getTime() - DAY);
    const confirmed = await bookAt(individual(slot.id), before);
    const checkedIn = await bookAt(individual(slot.id, { locale: "en" }), before);
    await db.booking.update({ where: { id: checkedIn.booking.id }, data: { status: "CHECKED_IN", checkedInCount: 2, checkedInAt: startsAt } });
    const cancelled = await bookAt(individual(slot.id), before);
    await cancelBooking({ manageToken: cancelled.manageToken }, { by: "VISITOR", now: before });
    const ended = slot.endsAt.getTime();

    // 1 h 59 after the end: not yet.
    expect((await enqueueSurveyInvitations(new Date(ended + 2 * HOUR - 60_000))).enqueued).toBe(0);
    const now = new Date(ended + 2 * HOUR);
    const runs = await Promise.all([enqueueSurveyInvitations(now), enqueueSurveyInvitations(now), runScheduledJobs(now)]);
    expect(runs).toHaveLength(3);
    await enqueueSurveyInvitations(new Date(ended + 3 * HOUR));

    for (const b of [confirmed, checkedIn]) {
      expect(await db.emailOutbox.count({ where: { dedupeKey: `survey:${b.booking.id}`, bookingId: b.booking.id } })).toBe(1);
      const token = surveyTokenFor(b.manageToken);
      const stored = await db.booking.findUniqueOrThrow({ where: { id: b.booking.id }, select: { surveyTokenHash: true } });
      expect(stored.surveyTokenHash).toBe(hashToken(token));
    }
    expect(await db.emailOutbox.count({ where: { dedupeKey: `survey:${cancelled.booking.id}` } })).toBe(0);

    await drain();
    const [fr] = await received(confirmed.booking.email, "Votre avis");
    expect(fr.text).toContain(`/enquete/${surveyTokenFor(confirmed.manageToken)}`);
    expect(fr.text).not.toContain(confirmed.manageToken);
    const [en] = await received(checkedIn.booking.email, "Your opinion");
    expect(en.text).toContain(`/enquete/${surveyTokenFor(checkedIn.manageToken)}`);
  });

  it("does not survey visits older than a week", async () => {
    const startsAt = new Date(Date.now() - 9 * DAY);
    const { slot } = await setup({ slot: { startsAt } });
    const old = await bookAt(individual(slot.id), new Date(startsAt.getTime() - DAY));
    await enqueueSurveyInvitations(new Date());
    expect(await db.emailOutbox.count({ where: { dedupeKey: `survey:${old.booking.id}` } })).toBe(0);
  });
});
