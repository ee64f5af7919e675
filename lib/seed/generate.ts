// Deterministic demo/benchmark data for one edition: factories all over France, their visit slots,
// bookings with waiting lists, quotas and a registration phase. The same seed gives the same
// names, places and times (database ids and token hashes are random).
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { bulkInsert, type Columns } from "./bulk-insert";
import { seedAlerts } from "./alerts";
import { seedDraws } from "./draws";
import { seedCircuits } from "./circuits";
import { DEMO_ACCOUNTS, DEMO_EDITION_SLUG } from "./demo-accounts";
import { planFactories, planQuotas, type FactoryRow } from "./factories";
import { seedJobs } from "./jobs";
import { seedPractical } from "./practical";
import { seedPreviousEdition } from "./previous-edition";
import { DEMO_TRANSPORT_BUDGET_EUROS, seedTransport } from "./transport";
import { Rng } from "./random";
import { paris } from "@/lib/paris-time";
import { ticketCodes } from "./identifiers";
import { franceTravailBooking, MAX_SLOTS_PER_FACTORY, planBookings, planSlots, type BookingRow, type SlotRow } from "./visits";

// Any client configuration: lib/db's client `omit`s token hashes, which changes its type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SeedClient = PrismaClient<any>;

export type SeedOptions = {
  factories: number;
  /** Slots per approved factory, [min, max] (default [2, 6]). */
  slotsPerFactory?: readonly [number, number];
  seed?: number;
  slug?: string;
  /** Default true. */
  withBookings?: boolean;
  /** Default false: creates (or reuses) the users of DEMO_ACCOUNTS. */
  withDemoAccounts?: boolean;
};

export type SeedSummary = { editionId: string; factories: number; slots: number; bookings: number };

export const DEFAULT_SEED = 2027;

// Columns written by bulkInsert; the others take their database defaults (createdAt, arrival, queue…).
type Stamped<Row> = Row & { updatedAt: Date };
const FACTORY_COLUMNS: Columns<Stamped<FactoryRow>> = [
  ["id", "text"], ["editionId", "text"], ["siret", "text"], ["companyName", "text"], ["siteName", "text"], ["address", "text"],
  ["postalCode", "text"], ["communeCode", "text"], ["communeName", "text"], ["departmentCode", "text"], ["regionCode", "text"],
  ["sectorCode", "text"], ["headcount", "int"], ["sizeBand", '"SizeBand"'], ["description", "text"], ["minAge", "int"],
  ["closedShoesRequired", "boolean"], ["idRequired", "boolean"], ["pacemakerWarning", "boolean"], ["otherConditions", "text"],
  ["wheelchairAccessible", "boolean"], ["accessibilityNotes", "text"], ["studentsPerAdult", "int"], ["status", '"FactoryStatus"'],
  ["statusReasonData", "jsonb"], ["statusComment", "text"], ["registeredAt", "timestamptz"], ["updatedAt", "timestamptz"],
];
const SLOT_COLUMNS: Columns<SlotRow> = [
  ["id", "text"], ["editionId", "text"], ["factoryId", "text"], ["startsAt", "timestamptz"], ["endsAt", "timestamptz"],
  ["durationMinutes", "int"], ["capacity", "int"], ["taken", "int"], ["takenBySchools", "int"], ["audience", '"Audience"'], ["openToEmployment", "boolean"],
  ["schoolReservedSeats", "int"], ["schoolReservedUntil", "timestamptz"], ["maxSeatsPerBooking", "int"], ["minAge", "int"],
  ["language", "text"], ["format", '"SlotFormat"'],
];
const BOOKING_COLUMNS: Columns<Stamped<BookingRow>> = [
  ["id", "text"], ["editionId", "text"], ["slotId", "text"], ["userId", "text"], ["kind", '"BookingKind"'], ["status", '"BookingStatus"'],
  ["seats", "int"], ["students", "int"], ["adults", "int"], ["schoolUai", "text"], ["schoolName", "text"], ["classLevel", "text"],
  ["organisationType", '"GroupOrganisation"'], ["organisationName", "text"], ["siret", "text"],
  ["contactName", "text"], ["email", "text"], ["phone", "text"], ["locale", "text"], ["manageTokenHash", "text"],
  ["ticketTokenHash", "text"], ["ticketCode", "text"], ["consentAt", "timestamptz"], ["cancelledAt", "timestamptz"],
  ["updatedAt", "timestamptz"],
];

/** Seeds one edition in a single transaction: either all of it exists afterwards, or none. */
export async function seedEdition(db: SeedClient, options: SeedOptions): Promise<SeedSummary> {
  const { factories: factoryCount, slotsPerFactory = [2, 6], seed = DEFAULT_SEED, slug = DEMO_EDITION_SLUG } = options;
  const { withBookings = true, withDemoAccounts = false } = options;
  if (!Number.isInteger(factoryCount) || factoryCount < 1) throw new RangeError(`factories must be a positive integer, got ${factoryCount}`);
  const [minSlots, maxSlots] = slotsPerFactory;
  if (!Number.isInteger(minSlots) || !Number.isInteger(maxSlots) || minSlots < 0 || minSlots > maxSlots || maxSlots > MAX_SLOTS_PER_FACTORY) {
    throw new RangeError(`slotsPerFactory must be integers with 0 ≤ min ≤ max ≤ ${MAX_SLOTS_PER_FACTORY}`);
  }

  // One stream per stage, so that e.g. turning bookings off leaves factories and slots unchanged.
  const editionId = randomUUID();
  const factories = planFactories(new Rng(seed), factoryCount, editionId);
  const slots = planSlots(new Rng(seed + 1), factories, [minSlots, maxSlots]);
  const now = new Date();
  const bookings = withBookings ? planBookings(new Rng(seed + 2), slots, factories, now) : [];

  await db.$transaction(
    async (tx) => {
      await tx.edition.create({
        data: {
          id: editionId,
          slug,
          name: "Journées Usines Ouvertes 2027",
          firstDay: new Date("2027-03-19T00:00:00Z"),
          lastDay: new Date("2027-03-20T00:00:00Z"),
          factoryRegistrationOpensAt: paris(2026, 9, 1),
          factoryRegistrationClosesAt: paris(2027, 2, 28, 23, 59),
          bookingOpensAt: paris(2026, 11, 1),
          bookingClosesAt: paris(2027, 3, 18, 23, 59),
          // Visitors are asked 3 days before their visit whether they still come; unanswered seats go
          // to the waiting list the day before (lib/booking/attendance.ts).
          reconfirmDaysBefore: 3,
          releaseUnconfirmed: true,
          // The programme went online with bookings (the public site showed 2026 until then).
          catalogueOpensAt: paris(2026, 11, 1),
          // Coaches for school classes (lib/transport), only in the demo: benchmark editions offer none.
          transportBudgetEuros: withDemoAccounts ? DEMO_TRANSPORT_BUDGET_EUROS : 0,
          // maxActiveBookingsPerEmail, defaultMaxSeatsPerBooking, approvalMode, dataRetentionDays: schema defaults.
        },
      });
      // In registration order: `arrival` (an identity column) then follows registeredAt.
      await bulkInsert(tx, "Factory", FACTORY_COLUMNS, factories.map((f) => ({ ...f, updatedAt: now })));
      await seedJobs(tx, new Rng(seed + 3), factories);

      // The demo accounts' user ids, by address.
      const byEmail = new Map<string, string>();
      if (withDemoAccounts) {
        // Upserted: users are global, and several seeded editions may share them.
        for (const { email, name, role } of Object.values(DEMO_ACCOUNTS)) {
          const user = await tx.user.upsert({ where: { email }, create: { email, name, role }, update: { name, role } });
          byEmail.set(email, user.id);
        }
        // factories[0] is the demo site of Cluses (the earliest registration).
        await tx.factoryContact.create({ data: { factoryId: factories[0].id, userId: byEmail.get(DEMO_ACCOUNTS.factory.email)! } });
        const classVisit = bookings.find((b) => b.kind === "GROUP" && b.status === "CONFIRMED");
        if (classVisit) {
          Object.assign(classVisit, {
            userId: byEmail.get(DEMO_ACCOUNTS.teacher.email),
            email: DEMO_ACCOUNTS.teacher.email,
            contactName: DEMO_ACCOUNTS.teacher.name,
          });
        }
        // A France Travail agency's group of job seekers (its own stream: the others stay as they were).
        const adviser = DEMO_ACCOUNTS.adviser;
        const group = withBookings
          ? franceTravailBooking(slots, factories[0].id, { userId: byEmail.get(adviser.email)!, email: adviser.email, contactName: adviser.name }, ticketCodes(new Rng(seed + 6))(), now)
          : null;
        if (group) bookings.push(group);
      }

      await bulkInsert(tx, "Slot", SLOT_COLUMNS, slots);
      await seedPractical(tx, new Rng(seed + 4), slots, factories);
      // The demo's draw takes a tour of its own.
      const drawTourId = await seedCircuits(tx, editionId, slots, factories, now, { drawTour: withDemoAccounts });
      // In order: `queue` (an identity column) then ranks each slot's waiting list as planned.
      await bulkInsert(tx, "Booking", BOOKING_COLUMNS, bookings.map((b) => ({ ...b, updatedAt: now })));
      await tx.quota.createMany({ data: planQuotas(factories, editionId) });
      await tx.registrationPhase.create({
        data: { editionId, name: "Phase 2 : rééquilibrage", startsAt: paris(2027, 2, 1), rule: "UNDER_TARGET_ONLY" },
      });
      if (withDemoAccounts) {
        // Last year's edition, with its results (the comparison, the edition's figures, re-registration).
        const previous = await seedPreviousEdition(tx, new Rng(seed + 6), { slug, factories, slots }, { factory: FACTORY_COLUMNS, slot: SLOT_COLUMNS, booking: BOOKING_COLUMNS });
        const demoFactoryUser = await tx.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.factory.email }, select: { id: true } });
        await tx.factoryContact.create({ data: { factoryId: previous.demoFactoryId, userId: demoFactoryUser.id } });
        await seedAlerts(tx, editionId, now);
        await seedTransport(tx, bookings, slots, factories, { teacherId: byEmail.get(DEMO_ACCOUNTS.teacher.email)!, organiserId: byEmail.get(DEMO_ACCOUNTS.organiser.email)! }, now);
        // Only in the demo: benchmark editions book any visit, which a draw's would refuse.
        await seedDraws(tx, new Rng(seed + 5), { id: editionId, slug }, slots, factories, now, drawTourId);
      }
    },
    { maxWait: 10_000, timeout: 300_000 },
  );

  return { editionId, factories: factories.length, slots: slots.length, bookings: bookings.length };
}
