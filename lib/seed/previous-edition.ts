// The demo's previous edition (2026), with its results: most of this year's factories already took
// part (same SIRET, so the comparison counts them as returning), their visits a year earlier, bookings
// checked in at the door or not (no-shows), people let in without a booking, visitors' survey answers
// and the hosts' questionnaire. What the comparison page and the edition's figures read on `npm start`.
import { createHash, randomUUID } from "node:crypto";
import type { Prisma } from "@prisma/client";
import { seatsLeft } from "@/lib/booking/availability";
import { paris, shiftParisDays } from "@/lib/paris-time";
import { bulkInsert, type Columns } from "./bulk-insert";
import { DEMO_EDITION_SLUG } from "./demo-accounts";
import { planQuotas, type FactoryRow } from "./factories";
import type { Rng } from "./random";
import { planBookings, type BookingRow, type SlotRow } from "./visits";

export const PREVIOUS_EDITION_SLUG = "juo-2026";
/** The previous edition's address: "juo-2026" beside the demo edition, "<slug>-precedente" beside another. */
export const previousSlugOf = (slug: string) => (slug === DEMO_EDITION_SLUG ? PREVIOUS_EDITION_SLUG : `${slug}-precedente`);
// Friday 20 and Saturday 21 March 2026: 52 weeks before the demo edition, the same weekdays.
const DAYS_BEFORE = -364;

type Tx = Prisma.TransactionClient;

/**
 * Seeds the previous edition from the current one's plan (its factories and visits, before they are
 * written), in the caller's transaction. Returns the previous record of the demo factory (the first).
 */
export async function seedPreviousEdition(
  tx: Tx,
  rng: Rng,
  current: { slug: string; factories: FactoryRow[]; slots: SlotRow[] },
  columns: { factory: Columns<FactoryRow & { updatedAt: Date }>; slot: Columns<SlotRow>; booking: Columns<BookingRow & { updatedAt: Date }> },
): Promise<{ editionId: string; demoFactoryId: string }> {
  const editionId = randomUUID();
  const move = (instant: Date) => shiftParisDays(instant, DAYS_BEFORE);
  await tx.edition.create({
    data: {
      id: editionId,
      slug: previousSlugOf(current.slug),
      name: "Journées Usines Ouvertes 2026",
      firstDay: new Date("2026-03-20T00:00:00Z"),
      lastDay: new Date("2026-03-21T00:00:00Z"),
      factoryRegistrationOpensAt: paris(2025, 9, 1),
      factoryRegistrationClosesAt: paris(2026, 2, 28, 23, 59),
      catalogueOpensAt: paris(2025, 11, 1),
      bookingOpensAt: paris(2025, 11, 1),
      bookingClosesAt: paris(2026, 3, 19, 23, 59),
      // Kept a year, so the demo shows the whole edition; a real one erases sooner (the setting).
      dataRetentionDays: 400,
      createdAt: paris(2025, 6, 1),
    },
  });

  // Six sites in seven took part the year before (the demo factory, the first, among them).
  const now = new Date();
  const factories = current.factories
    .filter((_, i) => i === 0 || i % 7 !== 3)
    .map((f) => ({ ...f, id: randomUUID(), editionId, registeredAt: move(f.registeredAt as Date), updatedAt: now }));
  const bySiret = new Map(factories.map((f) => [f.siret, f]));
  const byCurrentId = new Map(current.factories.map((f) => [f.id, bySiret.get(f.siret)]));
  await bulkInsert(tx, "Factory", columns.factory, factories);

  const slots: SlotRow[] = current.slots.flatMap((s) => {
    const factory = byCurrentId.get(s.factoryId);
    if (!factory) return [];
    const startsAt = move(s.startsAt as Date);
    return [
      {
        ...s,
        id: randomUUID(),
        editionId,
        factoryId: factory.id,
        startsAt,
        endsAt: move(s.endsAt as Date),
        schoolReservedUntil: s.schoolReservedUntil ? move(s.schoolReservedUntil as Date) : null,
        taken: 0,
        takenBySchools: 0,
      },
    ];
  });
  const bookings = planBookings(rng, slots, factories, paris(2026, 1, 20));

  // The day itself: most booked seats came, some did not; where seats were free, people walked in.
  const slotById = new Map(slots.map((s) => [s.id, s]));
  const checkedIn: { id: string; came: number; at: Date }[] = [];
  for (const b of bookings) {
    if (b.status !== "CONFIRMED") continue;
    const roll = rng.float();
    if (roll < 0.12) continue; // did not come
    const came = roll < 0.17 && b.seats > 1 ? b.seats - 1 : b.seats;
    checkedIn.push({ id: b.id!, came, at: new Date((slotById.get(b.slotId)!.startsAt as Date).getTime() - rng.int(0, 10) * 60_000) });
  }
  const walkIns: Prisma.WalkInCreateManyInput[] = [];
  for (const slot of slots) {
    // At the door, as lib/factory/walk-ins.ts admits them: the seats free when the visit starts.
    const free = seatsLeft({ ...(slot as Parameters<typeof seatsLeft>[0]), status: "OPEN" }, slot.startsAt as Date, false);
    if (free <= 0 || !rng.chance(0.25)) continue;
    const people = Math.min(free, rng.int(1, 4));
    slot.taken! += people;
    (slot as SlotRow & { takenByWalkIns?: number }).takenByWalkIns = people;
    walkIns.push({ slotId: slot.id!, people, createdAt: new Date((slot.startsAt as Date).getTime() + 2 * 60_000) });
  }
  await bulkInsert(tx, "Slot", columns.slot, slots);
  await tx.$executeRaw`
    UPDATE "Slot" s SET "takenByWalkIns" = w.people
    FROM (SELECT "slotId", sum(people)::int AS people FROM unnest(${walkIns.map((w) => w.slotId)}::text[], ${walkIns.map((w) => w.people)}::int[]) AS t("slotId", people) GROUP BY "slotId") w
    WHERE s.id = w."slotId"`;
  await tx.walkIn.createMany({ data: walkIns });
  await bulkInsert(tx, "Booking", columns.booking, bookings.map((b) => ({ ...b, updatedAt: now })));
  await tx.$executeRaw`
    UPDATE "Booking" b SET status = 'CHECKED_IN', "checkedInCount" = c.came, "checkedInAt" = c.at
    FROM unnest(${checkedIn.map((c) => c.id)}::text[], ${checkedIn.map((c) => c.came)}::int[], ${checkedIn.map((c) => c.at)}::timestamptz[]) AS c(id, came, at)
    WHERE b.id = c.id`;

  // A third of those who came answered the survey; most left more willing to recommend industry.
  const answers = checkedIn
    .filter(() => rng.chance(0.33))
    .map((c) => {
      const before = rng.int(1, 4);
      return {
        bookingId: c.id,
        satisfaction: rng.weighted([[5, 55], [4, 35], [3, 10]] as const),
        recommendBefore: before,
        recommendAfter: Math.min(5, before + rng.weighted([[0, 35], [1, 45], [2, 20]] as const)),
        createdAt: new Date(c.at.getTime() + 2 * 24 * 3600_000),
      };
    });
  await tx.surveyResponse.createMany({ data: answers });

  // The hosts' questionnaire: two sites in three answered.
  const hosted = factories.filter((f) => f.status === "APPROVED" && slots.some((s) => s.factoryId === f.id));
  await tx.hostSurvey.createMany({
    data: hosted.map((f) => {
      const answered = rng.chance(0.66);
      const came = slots.filter((s) => s.factoryId === f.id).reduce((sum, s) => sum + s.taken!, 0);
      return {
        factoryId: f.id,
        tokenHash: createHash("sha256").update(randomUUID()).digest("hex"),
        invitedAt: paris(2026, 3, 22, 9),
        answeredAt: answered ? paris(2026, 3, 24, 10) : null,
        visitorsCame: answered ? Math.max(0, came - rng.int(0, 5)) : null,
        openAgain: answered ? rng.weighted([["YES", 80], ["MAYBE", 15], ["NO", 5]] as const) : null,
        recruitmentLeads: answered ? rng.int(0, 6) : null,
        apprenticeshipApplications: answered ? rng.int(0, 3) : null,
        whatWorked: answered ? rng.pick(["Les ateliers en petits groupes.", "Les questions des élèves sur les métiers.", "La démonstration des robots."]) : null,
        toImprove: answered ? rng.pick([null, "Prévoir plus de chasubles.", "Mieux indiquer le parking."]) : null,
      };
    }),
  });
  await tx.quota.createMany({ data: planQuotas(factories, editionId) });
  return { editionId, demoFactoryId: factories[0].id! };
}
