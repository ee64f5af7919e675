// "Who is coming": a factory's bookings per visit and per day, with their totals — the data of the
// attendee page, its printable list and the CSV/XLSX exports (lib/factory/export.ts). Personal data
// of visitors, so only for that factory's contacts and organisers (queries scoped by
// `accessibleFactory`), and only the fields a site needs to welcome its visitors.
import "server-only";
import type { Audience, BookingKind, BookingStatus, GroupOrganisation, Prisma, SlotFormat, SlotStatus } from "@prisma/client";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/booking/errors";
import { visitConditionFields, type VisitConditionFactory } from "@/lib/booking/visit-conditions";
import { attendeesFilter, type AttendeesFilter } from "./slot-schemas";
import { parisDay, parisDayRange } from "@/lib/paris-time";
import { accessibleFactory, type FactoryActor } from "./slots";

export interface AttendeeRow {
  id: string;
  kind: BookingKind;
  status: Exclude<BookingStatus, "CANCELLED">;
  seats: number;
  students: number | null;
  adults: number | null;
  // Individual bookings: seats for people under 18 (groups: null, see students).
  minors: number | null;
  contactName: string;
  email: string;
  phone: string | null;
  schoolName: string | null;
  schoolUai: string | null;
  classLevel: string | null;
  // Another organisation's group (docs/decisions/0017-groups-beyond-schools.md): `students` are its participants.
  organisationType: GroupOrganisation | null;
  organisationName: string | null;
  siret: string | null;
  rna: string | null;
  participantNames: string | null;
  // The code the visitors carry: a circuit group's is its circuit's ticket (lib/circuit).
  ticketCode: string;
  // The coach circuit the group comes with, if any.
  circuitName: string | null;
  // 1 for the first waiting entry of the visit; null unless WAITLISTED.
  waitlistPosition: number | null;
  checkedInCount: number | null;
  checkedInAt: Date | null;
  createdAt: Date;
}

export interface AttendeeTotals {
  bookings: number;
  confirmedSeats: number; // seats held: confirmed + checked in
  waitlistedBookings: number;
  waitlistedSeats: number;
  checkedInBookings: number;
  checkedInPeople: number;
  groups: number;
  students: number; // of the held seats
  adults: number; // of the held seats (group adults and individual adults)
}

export interface AttendeeSlot {
  id: string;
  startsAt: Date;
  endsAt: Date;
  format: SlotFormat;
  audience: Audience;
  capacity: number;
  status: SlotStatus;
  // The slot's own minimum age (the factory's conditions are in AttendeeList.factory).
  minAge: number | null;
  bookings: AttendeeRow[];
  totals: AttendeeTotals;
}

export interface AttendeeList {
  factory: { id: string; siteName: string; companyName: string } & VisitConditionFactory;
  filter: AttendeesFilter;
  // For the filter controls: every day and visit of the factory.
  options: { days: string[]; slots: { id: string; startsAt: Date; status: SlotStatus }[] };
  slots: AttendeeSlot[];
  totals: AttendeeTotals;
}

const bookingSelect = {
  id: true,
  slotId: true,
  kind: true,
  status: true,
  seats: true,
  students: true,
  adults: true,
  contactName: true,
  email: true,
  phone: true,
  schoolName: true,
  schoolUai: true,
  classLevel: true,
  organisationType: true,
  organisationName: true,
  siret: true,
  rna: true,
  participantNames: true,
  ticketCode: true,
  circuitBooking: { select: { ticketCode: true, circuit: { select: { name: true } } } },
  queue: true,
  checkedInCount: true,
  checkedInAt: true,
  createdAt: true,
} satisfies Prisma.BookingSelect;

type BookingRecord = Prisma.BookingGetPayload<{ select: typeof bookingSelect }>;

export function emptyTotals(): AttendeeTotals {
  return { bookings: 0, confirmedSeats: 0, waitlistedBookings: 0, waitlistedSeats: 0, checkedInBookings: 0, checkedInPeople: 0, groups: 0, students: 0, adults: 0 };
}

function addTo(totals: AttendeeTotals, row: AttendeeRow) {
  totals.bookings += 1;
  if (row.kind === "GROUP") totals.groups += 1;
  if (row.status === "WAITLISTED") {
    totals.waitlistedBookings += 1;
    totals.waitlistedSeats += row.seats;
    return;
  }
  totals.confirmedSeats += row.seats;
  // Pupils apart; the participants of other groups are adults, like their staff.
  totals.students += row.organisationType ? 0 : (row.students ?? 0);
  totals.adults += row.organisationType ? row.seats : (row.adults ?? row.seats);
  if (row.status === "CHECKED_IN") {
    totals.checkedInBookings += 1;
    totals.checkedInPeople += row.checkedInCount ?? 0;
  }
}

const collator = new Intl.Collator("fr", { sensitivity: "base" });

// Confirmed and checked-in bookings by name (the door list), then the waiting list in its order.
function rowsOfSlot(bookings: BookingRecord[]): AttendeeRow[] {
  const held = bookings.filter((b) => b.status !== "WAITLISTED").sort((a, b) => collator.compare(a.contactName, b.contactName));
  const waiting = bookings.filter((b) => b.status === "WAITLISTED").sort((a, b) => (a.queue < b.queue ? -1 : a.queue > b.queue ? 1 : 0));
  return [...held, ...waiting].map((b) => ({
    id: b.id,
    kind: b.kind,
    status: b.status as AttendeeRow["status"],
    seats: b.seats,
    students: b.students,
    adults: b.adults,
    minors: b.kind === "INDIVIDUAL" ? b.seats - (b.adults ?? b.seats) : null,
    contactName: b.contactName,
    email: b.email,
    phone: b.phone,
    schoolName: b.schoolName,
    schoolUai: b.schoolUai,
    classLevel: b.classLevel,
    organisationType: b.organisationType,
    organisationName: b.organisationName,
    siret: b.siret,
    rna: b.rna,
    participantNames: b.participantNames,
    ticketCode: b.circuitBooking?.ticketCode ?? b.ticketCode,
    circuitName: b.circuitBooking?.circuit.name ?? null,
    waitlistPosition: b.status === "WAITLISTED" ? waiting.indexOf(b) + 1 : null,
    checkedInCount: b.checkedInCount,
    checkedInAt: b.checkedInAt,
    createdAt: b.createdAt,
  }));
}

/**
 * The factory's bookings (cancelled ones left out), per visit in time order, optionally only one
 * visit (`slot`) or one Paris day (`day`), with per-visit and overall totals. Null when the factory
 * does not exist or this user may not see it.
 */
export async function listAttendees(actor: FactoryActor, factoryId: string, rawFilter: unknown = {}): Promise<AttendeeList | null> {
  const filter = parseInput(attendeesFilter, rawFilter);
  const factory = await db.factory.findFirst({
    where: accessibleFactory(actor, factoryId),
    select: { id: true, siteName: true, companyName: true, ...visitConditionFields },
  });
  if (!factory) return null;

  const allSlots = await db.slot.findMany({
    where: { factoryId: factory.id },
    orderBy: [{ startsAt: "asc" }, { createdAt: "asc" }],
    select: { id: true, startsAt: true, endsAt: true, format: true, audience: true, capacity: true, status: true, minAge: true },
  });
  const range = filter.day ? parisDayRange(filter.day) : null;
  const slots = allSlots.filter(
    (s) => (!filter.slot || s.id === filter.slot) && (!range || (s.startsAt >= range.start && s.startsAt < range.end)),
  );

  const bookings = slots.length
    ? await db.booking.findMany({
        // factoryId again in the booking query itself: the slot ids come from it, but cheap insurance.
        where: { slotId: { in: slots.map((s) => s.id) }, slot: { factoryId: factory.id }, status: { not: "CANCELLED" } },
        select: bookingSelect,
      })
    : [];
  const bySlot = new Map<string, BookingRecord[]>();
  for (const b of bookings) {
    if (!bySlot.has(b.slotId)) bySlot.set(b.slotId, []);
    bySlot.get(b.slotId)!.push(b);
  }

  const totals = emptyTotals();
  const result: AttendeeSlot[] = slots.map((slot) => {
    const rows = rowsOfSlot(bySlot.get(slot.id) ?? []);
    const slotTotals = emptyTotals();
    for (const row of rows) {
      addTo(slotTotals, row);
      addTo(totals, row);
    }
    return { ...slot, bookings: rows, totals: slotTotals };
  });

  return {
    factory,
    filter,
    options: {
      days: [...new Set(allSlots.map((s) => parisDay(s.startsAt)))],
      slots: allSlots.map(({ id, startsAt, status }) => ({ id, startsAt, status })),
    },
    slots: result,
    totals,
  };
}
