// The organisers' dashboard: representativity of the roster (factories by region, sector and size
// band against targets and caps, read from lib/representativity), visits and seats (published
// slots, capacity, seats booked, fill rate, school share, waiting list) by Paris day, region and
// sector, and the health of the e-mail outbox. Everything is aggregated in PostgreSQL: a handful of
// statements whatever the size of the edition (1,000 factories, 10,000 slots), run in parallel.
import "server-only";
import { seatsLeftSql } from "@/lib/booking/availability";
import { ORGANISATION_TYPES, type OrganisationType } from "@/lib/booking/schemas";
import { now as clockNow } from "@/lib/clock";
import { db, type Tx } from "@/lib/db";
import { REGIONS } from "@/lib/geo/regions";
import { romeJob, type JobFamily } from "@/lib/reference/rome";
import { SIZE_BANDS } from "@/lib/reference/size-band";
import { dimensionValueLabel, quotaUsage, type Dimension, type QuotaUsageRow } from "@/lib/representativity";

type Client = Tx | typeof db;

export const FACTORY_STATUSES = ["APPROVED", "PENDING", "WAITLISTED", "REJECTED"] as const;
export type FactoryStatusName = (typeof FACTORY_STATUSES)[number];

// ───────────────────────────── Representativity ─────────────────────────────

export interface RepresentativityRow extends QuotaUsageRow {
  /** Factories still missing to reach the target (0 when reached or without target). */
  missing: number;
  /** For regions: overseas (DROM), drawn as an inset on the map. */
  overseas: boolean;
}

export type Representativity = Record<Dimension, RepresentativityRow[]>;

const emptyRow = (dimension: Dimension, value: string): QuotaUsageRow => ({
  dimension,
  value,
  label: { fr: dimensionValueLabel(dimension, value, "fr"), en: dimensionValueLabel(dimension, value, "en") },
  approved: 0,
  pending: 0,
  waitlisted: 0,
  rejected: 0,
  cap: null,
  target: null,
  overCap: false,
  capReached: false,
  underTarget: false,
});

export const overseasRegions = new Set(REGIONS.filter((r) => r.overseas).map((r) => r.code));

/**
 * Factories by status against cap and target, per dimension value (lib/representativity's
 * quotaUsage, one SQL statement). Every region and every size band is listed, with zeros when it
 * has neither factory nor quota (the map needs all 18 regions); sectors are listed when they have
 * a factory or a quota. Regions: mainland by code, then overseas; sectors by NAF code; sizes by band.
 */
export async function representativity(editionId: string, client: Client = db): Promise<Representativity> {
  const usage = await quotaUsage(editionId, client);
  const complete = (dimension: Dimension, values: readonly string[]) => {
    const rows = usage.filter((row) => row.dimension === dimension);
    const known = new Set(rows.map((row) => row.value));
    return [...rows, ...values.filter((value) => !known.has(value)).map((value) => emptyRow(dimension, value))];
  };
  const decorate = (row: QuotaUsageRow): RepresentativityRow => ({
    ...row,
    missing: row.target !== null ? Math.max(0, row.target - row.approved) : 0,
    overseas: row.dimension === "REGION" && overseasRegions.has(row.value),
  });
  const regions = complete(
    "REGION",
    REGIONS.map((r) => r.code),
  )
    .map(decorate)
    .sort((a, b) => Number(a.overseas) - Number(b.overseas) || a.value.localeCompare(b.value));
  const sectors = complete("SECTOR", [])
    .map(decorate)
    .sort((a, b) => a.value.localeCompare(b.value));
  const sizeOrder = (value: string) => SIZE_BANDS.indexOf(value as (typeof SIZE_BANDS)[number]);
  const sizes = complete("SIZE", SIZE_BANDS)
    .map(decorate)
    .sort((a, b) => sizeOrder(a.value) - sizeOrder(b.value));
  return { REGION: regions, SECTOR: sectors, SIZE: sizes };
}

/** Factories of the edition by registration status (all four statuses, zeros included). */
export async function factoryStatusCounts(editionId: string, client: Client = db): Promise<Record<FactoryStatusName, number> & { total: number }> {
  const rows = await client.$queryRaw<{ status: FactoryStatusName; n: number }[]>`
    SELECT status::text AS status, count(*)::int AS n FROM "Factory" WHERE "editionId" = ${editionId} GROUP BY status`;
  const counts = { APPROVED: 0, PENDING: 0, WAITLISTED: 0, REJECTED: 0, total: 0 };
  for (const row of rows) {
    counts[row.status] = row.n;
    counts.total += row.n;
  }
  return counts;
}

// ───────────────────────────── Visits and seats ─────────────────────────────

export interface VisitFigures {
  /** Published slots: OPEN slots of APPROVED factories (what visitors can see in the catalogue). */
  slots: number;
  /** Seats offered by those slots. */
  capacity: number;
  /** Seats taken by confirmed (or already checked-in) bookings. */
  seatsBooked: number;
  /** Of which by school groups. */
  schoolSeats: number;
  /** seatsBooked / capacity, null without capacity. */
  fillRate: number | null;
  /** schoolSeats / seatsBooked, null without booked seats. */
  schoolShare: number | null;
  /** Waiting-list entries (bookings WAITLISTED) and the seats they ask for. */
  waitlistEntries: number;
  waitlistSeats: number;
  /** Slots whose every seat is taken. */
  fullSlots: number;
  /** Of which with people on their waiting list, and how many entries those lists hold. */
  fullSlotsWithWaitlist: number;
  fullSlotsWaitlistEntries: number;
}

export interface VisitBreakdown<K extends string = string> extends VisitFigures {
  key: K;
}

export interface Visits {
  totals: VisitFigures;
  /** By Paris calendar day ("2027-03-19"), in order. */
  byDay: VisitBreakdown[];
  /** By region code: mainland regions in code order, then overseas ones. */
  byRegion: VisitBreakdown[];
  /** By NAF division, in code order. */
  bySector: VisitBreakdown[];
}

type VisitRow = {
  grouping: number;
  day: string | null;
  region: string | null;
  sector: string | null;
  slots: number;
  capacity: number;
  booked: number;
  school: number;
  wl_entries: number;
  wl_seats: number;
  full: number;
  full_waiting: number;
  full_waiting_entries: number;
};

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

function figures(row: VisitRow | undefined): VisitFigures {
  const r = row ?? { slots: 0, capacity: 0, booked: 0, school: 0, wl_entries: 0, wl_seats: 0, full: 0, full_waiting: 0, full_waiting_entries: 0 };
  return {
    slots: r.slots,
    capacity: r.capacity,
    seatsBooked: r.booked,
    schoolSeats: r.school,
    fillRate: ratio(r.booked, r.capacity),
    schoolShare: ratio(r.school, r.booked),
    waitlistEntries: r.wl_entries,
    waitlistSeats: r.wl_seats,
    fullSlots: r.full,
    fullSlotsWithWaitlist: r.full_waiting,
    fullSlotsWaitlistEntries: r.full_waiting_entries,
  };
}

/**
 * Published slots, capacity, seats booked (the slots' CHECK-guarded counters), school seats and
 * waiting lists — in total, by Paris day, by region and by sector, in ONE statement (GROUPING SETS).
 */
export async function visitFigures(editionId: string, client: Client = db, now: Date = clockNow()): Promise<Visits> {
  const rows = await client.$queryRaw<VisitRow[]>`
    WITH waiting AS (
      SELECT b."slotId", count(*)::int AS entries, sum(b.seats)::int AS seats
      FROM "Booking" b
      WHERE b."editionId" = ${editionId} AND b.status = 'WAITLISTED'
      GROUP BY b."slotId"
    ), published AS (
      SELECT to_char(s."startsAt" AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS day,
             f."regionCode" AS region, f."sectorCode"::text AS sector,
             s.capacity, s.taken, s."takenBySchools", ${seatsLeftSql("s", now, true)} AS free,
             COALESCE(w.entries, 0) AS wl_entries, COALESCE(w.seats, 0) AS wl_seats
      FROM "Slot" s
      JOIN "Factory" f ON f.id = s."factoryId"
      LEFT JOIN waiting w ON w."slotId" = s.id
      WHERE s."editionId" = ${editionId} AND s.status = 'OPEN' AND f.status = 'APPROVED'
    )
    SELECT GROUPING(day, region, sector)::int AS grouping, day, region, sector,
           count(*)::int AS slots,
           COALESCE(sum(capacity), 0)::int AS capacity,
           COALESCE(sum(taken), 0)::int AS booked,
           COALESCE(sum("takenBySchools"), 0)::int AS school,
           COALESCE(sum(wl_entries), 0)::int AS wl_entries,
           COALESCE(sum(wl_seats), 0)::int AS wl_seats,
           (count(*) FILTER (WHERE free = 0))::int AS full,
           (count(*) FILTER (WHERE free = 0 AND wl_entries > 0))::int AS full_waiting,
           COALESCE(sum(wl_entries) FILTER (WHERE free = 0), 0)::int AS full_waiting_entries
    FROM published
    GROUP BY GROUPING SETS ((day), (region), (sector), ())`;
  // GROUPING(day, region, sector) is a bit mask, day being the highest bit: 0b011 = grouped by day.
  const of = (mask: number, key: (row: VisitRow) => string | null): VisitBreakdown[] =>
    rows
      .filter((row) => row.grouping === mask)
      .map((row) => ({ key: key(row) ?? "", ...figures(row) }))
      .sort((a, b) => a.key.localeCompare(b.key));
  return {
    totals: figures(rows.find((row) => row.grouping === 0b111)),
    byDay: of(0b011, (row) => row.day),
    byRegion: of(0b101, (row) => row.region).sort((a, b) => Number(overseasRegions.has(a.key)) - Number(overseasRegions.has(b.key))),
    bySector: of(0b110, (row) => row.sector),
  };
}

// ───────────────────────────── Groups beyond schools ─────────────────────────────

export interface OrganisationGroupFigures {
  /** Bookings confirmed or checked in. */
  groups: number;
  /** Their participants (job seekers, trainees…), never counted as pupils. */
  participants: number;
  /** Their accompanying staff. */
  staff: number;
}

/**
 * Groups of organisations other than schools (docs/decisions/0017-groups-beyond-schools.md), by kind
 * of organisation: employment services' job seekers are what the event's partners ask about.
 */
export async function organisationGroupFigures(editionId: string, client: Client = db): Promise<Record<OrganisationType, OrganisationGroupFigures>> {
  const rows = await client.$queryRaw<(OrganisationGroupFigures & { type: OrganisationType })[]>`
    SELECT "organisationType"::text AS type, count(*)::int AS groups,
           COALESCE(sum(students), 0)::int AS participants, COALESCE(sum(adults), 0)::int AS staff
    FROM "Booking"
    WHERE "editionId" = ${editionId} AND "organisationType" IS NOT NULL AND status IN ('CONFIRMED', 'CHECKED_IN')
    GROUP BY "organisationType"`;
  const figuresOf = (type: OrganisationType): OrganisationGroupFigures => {
    const { groups = 0, participants = 0, staff = 0 } = rows.find((row) => row.type === type) ?? {};
    return { groups, participants, staff };
  };
  return Object.fromEntries(ORGANISATION_TYPES.map((type) => [type, figuresOf(type)])) as Record<OrganisationType, OrganisationGroupFigures>;
}

// ───────────────────────────── Jobs showcased ─────────────────────────────

export interface JobsInRegion {
  region: string;
  /** APPROVED factories of the region, and those of them showing at least one job. */
  approved: number;
  withJobs: number;
  /** withJobs / approved, null without approved factories. */
  share: number | null;
  /** Different ROME records shown in the region. */
  distinctJobs: number;
  /** The families shown by most (factory, job) pairs, at most three, most first. */
  topFamilies: { family: JobFamily; count: number }[];
}

/**
 * The jobs APPROVED factories showcase, by region (regions with approved factories, in the
 * dashboard's order: mainland by code, then overseas). Two grouped statements, in parallel.
 */
export async function jobsByRegion(editionId: string, client: Client = db): Promise<JobsInRegion[]> {
  const [factories, pairs] = await Promise.all([
    client.$queryRaw<{ region: string; approved: number; withJobs: number }[]>`
      SELECT f."regionCode" AS region, count(*)::int AS approved,
             (count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "FactoryJob" j WHERE j."factoryId" = f.id)))::int AS "withJobs"
      FROM "Factory" f
      WHERE f."editionId" = ${editionId} AND f.status = 'APPROVED'
      GROUP BY f."regionCode"`,
    client.$queryRaw<{ region: string; romeCode: string; factories: number }[]>`
      SELECT f."regionCode" AS region, j."romeCode", count(*)::int AS factories
      FROM "FactoryJob" j
      JOIN "Factory" f ON f.id = j."factoryId"
      WHERE f."editionId" = ${editionId} AND f.status = 'APPROVED'
      GROUP BY f."regionCode", j."romeCode"`,
  ]);
  return factories
    .map((row) => {
      const jobs = pairs.filter((pair) => pair.region === row.region);
      const byFamily = new Map<JobFamily, number>();
      for (const pair of jobs) {
        const family = romeJob(pair.romeCode)?.family;
        if (family) byFamily.set(family, (byFamily.get(family) ?? 0) + pair.factories);
      }
      const topFamilies = [...byFamily]
        .map(([family, count]) => ({ family, count }))
        .sort((a, b) => b.count - a.count || a.family.localeCompare(b.family))
        .slice(0, 3);
      return { ...row, share: ratio(row.withJobs, row.approved), distinctJobs: jobs.length, topFamilies };
    })
    .sort((a, b) => Number(overseasRegions.has(a.region)) - Number(overseasRegions.has(b.region)) || a.region.localeCompare(b.region));
}

// ───────────────────────────── E-mail outbox ─────────────────────────────

export interface OutboxFailure {
  id: string;
  /** The recipient, partly masked: enough to recognise, not to copy into a mailing list. */
  to: string;
  subject: string;
  template: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
}

export interface OutboxHealth {
  /** Waiting to be sent (including retries). */
  pending: number;
  /** Of which already failed at least once and wait for a retry. */
  retrying: number;
  /** Given up after the last retry: a person did not get a message. */
  failed: number;
  sentLast24h: number;
  /** When the oldest e-mail still waiting was written (null when none waits). */
  oldestPendingAt: Date | null;
  /** The latest permanent failures, newest first. */
  recentFailures: OutboxFailure[];
}

/** "c•••@example.fr": first character of the local part, then the domain. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf("@");
  if (at <= 0) return "•••";
  return `${address[0]}•••${address.slice(at)}`;
}

/**
 * The outbox is shared by every edition (an e-mail row does not say which one it is about), so
 * these figures are platform-wide.
 */
export async function outboxHealth(client: Client = db, failuresShown = 5): Promise<OutboxHealth> {
  const [[counts], failures] = await Promise.all([
    client.$queryRaw<{ pending: number; retrying: number; failed: number; sent24h: number; oldest: Date | null }[]>`
      SELECT (count(*) FILTER (WHERE status = 'PENDING'))::int AS pending,
             (count(*) FILTER (WHERE status = 'PENDING' AND attempts > 0))::int AS retrying,
             (count(*) FILTER (WHERE status = 'FAILED'))::int AS failed,
             (count(*) FILTER (WHERE status = 'SENT' AND "sentAt" > now() - interval '24 hours'))::int AS sent24h,
             min("createdAt") FILTER (WHERE status = 'PENDING') AS oldest
      FROM "EmailOutbox"
      WHERE status IN ('PENDING', 'FAILED') OR "sentAt" > now() - interval '24 hours'`,
    client.$queryRaw<{ id: bigint; to: string; subject: string; template: string; attempts: number; lastError: string | null; createdAt: Date }[]>`
      SELECT id, "to", subject, template, attempts, "lastError", "createdAt"
      FROM "EmailOutbox" WHERE status = 'FAILED'
      ORDER BY id DESC LIMIT ${failuresShown}`,
  ]);
  return {
    pending: counts.pending,
    retrying: counts.retrying,
    failed: counts.failed,
    sentLast24h: counts.sent24h,
    oldestPendingAt: counts.oldest,
    recentFailures: failures.map((f) => ({ ...f, id: String(f.id), to: maskEmail(f.to) })),
  };
}

// ───────────────────────────── What needs action ─────────────────────────────

/** Approved factories with no open slot: visitors find nothing to book there. */
export async function approvedWithoutVisit(editionId: string, client: Client = db): Promise<number> {
  const [row] = await client.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "Factory" f
    WHERE f."editionId" = ${editionId} AND f.status = 'APPROVED'
      AND NOT EXISTS (SELECT 1 FROM "Slot" s WHERE s."factoryId" = f.id AND s.status = 'OPEN')`;
  return row.n;
}

/**
 * The rows furthest below their target first (most factories missing); ties, and rows without a
 * shortfall, keep their reference order (the sort is stable).
 */
export function furthestBelowTargetFirst(rows: RepresentativityRow[]): RepresentativityRow[] {
  return [...rows].sort((a, b) => b.missing - a.missing);
}

export interface ToDo {
  /** Registrations waiting for an organiser's decision. */
  toValidate: number;
  /** Regions below their target, furthest below first. */
  regionsUnderTarget: RepresentativityRow[];
  /** Full visits with people waiting, and how many wait on them. */
  fullWithWaitlist: number;
  waitingOnFull: number;
  approvedWithoutVisit: number;
  failedEmails: number;
}

/** The dashboard's first screen: what needs an organiser today, from the figures below it. */
export function toDo(data: Omit<Dashboard, "toDo">, withoutVisit: number): ToDo {
  return {
    toValidate: data.factories.PENDING,
    regionsUnderTarget: furthestBelowTargetFirst(data.representativity.REGION.filter((row) => row.underTarget)),
    fullWithWaitlist: data.visits.totals.fullSlotsWithWaitlist,
    waitingOnFull: data.visits.totals.fullSlotsWaitlistEntries,
    approvedWithoutVisit: withoutVisit,
    failedEmails: data.outbox.failed,
  };
}

// ───────────────────────────── All of it ─────────────────────────────

export interface Dashboard {
  factories: Awaited<ReturnType<typeof factoryStatusCounts>>;
  representativity: Representativity;
  visits: Visits;
  groups: Record<OrganisationType, OrganisationGroupFigures>;
  jobs: JobsInRegion[];
  outbox: OutboxHealth;
  toDo: ToDo;
}

/** Everything the organiser's dashboard shows, in parallel queries. */
export async function organiserDashboard(editionId: string, client: Client = db): Promise<Dashboard> {
  const [factories, repr, visits, groups, jobs, outbox, withoutVisit] = await Promise.all([
    factoryStatusCounts(editionId, client),
    representativity(editionId, client),
    visitFigures(editionId, client),
    organisationGroupFigures(editionId, client),
    jobsByRegion(editionId, client),
    outboxHealth(client),
    approvedWithoutVisit(editionId, client),
  ]);
  const data = { factories, representativity: repr, visits, groups, jobs, outbox };
  return { ...data, toDo: toDo(data, withoutVisit) };
}
