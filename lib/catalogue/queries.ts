import "server-only";
// Read side of the public catalogue: the visit search, its "why is it empty?" helper and the public
// factory page. Everything visitors see is filtered here: APPROVED factories and OPEN slots only,
// and never a SIRET, a headcount or a contact.
//
// The search is hand-written SQL (Prisma's query builder cannot rank by proximity nor match
// accent-insensitively): one query returns the page of items with the total as a window count,
// so a page costs one round trip. Measured on 1,000 factories / 8,900 slots (seed bench-1000):
// ~9 ms p50 for the first page, with or without filters, text search or "near me".
import { Prisma, type Audience, type SizeBand, type SlotFormat } from "@prisma/client";
import { cache } from "react";
import { availability, availabilitySql, seatsLeftSql, slotSeatsSelect, withoutSeatColumns, type Availability, type SlotSeats } from "@/lib/booking/availability";
import { EFFECTIVE_MIN_AGE_SQL, effectiveMinAge, visitConditionFields, type VisitConditionFactory } from "@/lib/booking/visit-conditions";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { romeCodesOf, withRomeLabels, type ShowcasedJob } from "@/lib/reference/rome";
import { resolvePostalCode } from "@/lib/geo/communes";
import { departmentName, regionName } from "@/lib/geo/regions";
import { TIME_ZONE } from "@/lib/paris-time";
import { practicalItems, type PracticalItem, type PracticalSlot } from "@/lib/practical/info";
import { accentInsensitivePattern, searchTerms, type AudienceFilter, type CatalogueFilters, type FilterKey } from "./schemas";
import { isRowId } from "@/lib/booking/ids";

export const DEFAULT_PAGE_SIZE = 20;

export type SlotSummary = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  durationMinutes: number;
  capacity: number;
  /** capacity − confirmed seats (never negative): free seats, some of which may be held for schools. */
  seatsLeft: number;
  /** Someone is already waiting, or the slot is full (a new booking would wait). */
  hasWaitlist: boolean;
  audience: Audience;
  /** Open to employment professionals' groups too (docs/decisions/0017-groups-beyond-schools.md). */
  openToEmployment: boolean;
  format: SlotFormat;
  language: string;
  /** The visit's minimum age (lib/booking/visit-conditions.ts: the stricter of slot and factory; null: none). */
  minAge: number | null;
} & Availability;

export type CatalogueFactory = {
  id: string;
  siteName: string;
  companyName: string;
  communeName: string;
  departmentCode: string;
  regionCode: string;
  sectorCode: string;
  wheelchairAccessible: boolean;
};

/** A search result: the visit, its practical information (lib/practical, shown as pictograms) and its factory. */
export type CatalogueItem = SlotSummary & { practical: PracticalItem[]; factory: CatalogueFactory };

/** How "near me" was understood: the department ranked first and its region ranked second. */
export type NearMe = {
  postalCode: string;
  departmentCode: string;
  departmentName: string;
  regionCode: string;
  regionName: string;
};

export type SearchResult = {
  items: CatalogueItem[];
  total: number;
  page: number;
  pageCount: number;
  /** Set when a known postal code ranks the results. */
  nearMe: NearMe | null;
  /** A postal code was given but matches no commune: results are in the default order. */
  postalCodeUnknown: boolean;
};

// ───────────────────────────── Free text ─────────────────────────────
// `unaccent` is not installed by default, and folding the factories' text in SQL (translate(),
// normalize()) costs 25–85 ms per 1,000 factories, every query. Instead the user's words are folded
// in JavaScript (searchTerms) and each one becomes an accent-tolerant regular expression
// (accentInsensitivePattern: "decolletage" → "d[eéèêë…]c[cç…]…"), matched case-insensitively
// (~*) against the raw text: ~4 ms per 1,000 factories. Each word must occur in the site name,
// company name, commune or description. The uppercase accented letters are in the classes too, so
// the match does not depend on the database's locale.
const factoryText = Prisma.sql`(f."siteName" || ' ' || f."companyName" || ' ' || f."communeName" || ' ' || f.description)`;

// The edition's APPROVED factories, with whether they match the free text, computed once per
// factory (MATERIALIZED: the slot-level aggregates of explainEmpty must not re-run the regexes).
function approvedFactories(editionId: string, filters: CatalogueFilters): Prisma.Sql {
  const terms = searchTerms(filters.q);
  const textMatch =
    terms.length > 0
      ? Prisma.join(terms.map((term) => Prisma.sql`${factoryText} ~* ${accentInsensitivePattern(term)}`), " AND ")
      : Prisma.sql`true`;
  return Prisma.sql`approved AS MATERIALIZED (
    SELECT f.id, f."siteName", f."companyName", f."communeName", f."departmentCode", f."regionCode",
           f."sectorCode", f."wheelchairAccessible", f."minAge", ${textMatch} AS "textMatch"
    FROM "Factory" f
    WHERE f."editionId" = ${editionId} AND f.status = 'APPROVED')`;
}

// What visitors may see at all: OPEN slots of the approved factories above.
const visibleSlots = (editionId: string) => Prisma.sql`
  FROM "Slot" s
  JOIN approved f ON f.id = s."factoryId"
  WHERE s."editionId" = ${editionId} AND s.status = 'OPEN'`;

// ───────────────────────────── Filters → SQL ─────────────────────────────

const effectiveMinAgeSql = Prisma.raw(EFFECTIVE_MIN_AGE_SQL);

type Condition = { key: FilterKey; sql: Prisma.Sql };

function filterConditions(filters: CatalogueFilters, now: Date): Condition[] {
  const conditions: Condition[] = [];
  const add = (key: FilterKey, sql: Prisma.Sql) => conditions.push({ key, sql });
  if (searchTerms(filters.q).length > 0) add("q", Prisma.sql`f."textMatch"`);
  if (filters.region) add("region", Prisma.sql`f."regionCode" = ${filters.region}`);
  if (filters.department) add("department", Prisma.sql`f."departmentCode" = ${filters.department}`);
  if (filters.sector) add("sector", Prisma.sql`f."sectorCode" = ${filters.sector}`);
  if (filters.metier) {
    // The family's ROME codes as one array parameter; each factory is probed on FactoryJob's
    // (factoryId, romeCode) unique index.
    add(
      "metier",
      Prisma.sql`EXISTS (SELECT 1 FROM "FactoryJob" j WHERE j."factoryId" = f.id AND j."romeCode" = ANY(${romeCodesOf(filters.metier)}::varchar[]))`,
    );
  }
  if (filters.day) {
    // Midnight to midnight in Paris, written as a range on startsAt so an index can serve it.
    add(
      "day",
      Prisma.sql`s."startsAt" >= (${filters.day}::date)::timestamp AT TIME ZONE ${TIME_ZONE}
        AND s."startsAt" < ((${filters.day}::date + 1)::timestamp AT TIME ZONE ${TIME_ZONE})`,
    );
  }
  if (filters.time) {
    const comparison = filters.time === "morning" ? Prisma.sql`<` : Prisma.sql`>=`;
    add("time", Prisma.sql`(s."startsAt" AT TIME ZONE ${TIME_ZONE})::time ${comparison} '12:00'::time`);
  }
  if (filters.audience) add("audience", opensToSql(filters.audience));
  if (filters.available) {
    // Bookable now by the audience asked for; without one, by anyone (a school group sees every free seat).
    add("available", Prisma.sql`${seatsLeftSql("s", now, filters.audience === undefined || filters.audience === "SCHOOL")} > 0`);
  }
  if (filters.wheelchair) add("wheelchair", Prisma.sql`f."wheelchairAccessible"`);
  if (filters.maxMinAge !== undefined) {
    add("maxMinAge", Prisma.sql`COALESCE(${effectiveMinAgeSql}, 0) <= ${filters.maxMinAge}::int`);
  }
  if (filters.seats !== undefined) {
    // A group fits when its seats are left for the kind of booking it will make (see the schema).
    add("seats", Prisma.sql`${seatsLeftSql("s", now, filters.audience === "SCHOOL")} >= ${filters.seats}::int`);
  }
  if (filters.language) add("language", Prisma.sql`s.language = ${filters.language}`);
  return conditions;
}

// Whether visit `s` is open to the audience asked for (BOTH: to the public and schools).
const opensToSql = (audience: AudienceFilter) =>
  audience === "EMPLOYMENT" ? Prisma.sql`s."openToEmployment"` : Prisma.sql`s.audience::text IN (${audience}, 'BOTH')`;

const and = (conditions: Prisma.Sql[]) =>
  conditions.length > 0 ? Prisma.sql`AND ${Prisma.join(conditions, " AND ")}` : Prisma.empty;

// ───────────────────────────── Search ─────────────────────────────

type SlotRow = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  durationMinutes: number;
  capacity: number;
  seatsLeftForIndividuals: number;
  seatsLeftForSchools: number;
  schoolReservedUntil: Date | null;
  waiting: boolean;
  audience: Audience;
  openToEmployment: boolean;
  format: SlotFormat;
  language: string;
  minAge: number | null;
  factoryId: string;
  siteName: string;
  companyName: string;
  communeName: string;
  departmentCode: string;
  regionCode: string;
  sectorCode: string;
  wheelchairAccessible: boolean;
  idRequired: boolean;
  total: number;
} & PracticalSlot;

function resolveNearMe(postalCode: string | undefined): { nearMe: NearMe | null; unknown: boolean } {
  if (!postalCode) return { nearMe: null, unknown: false };
  const resolution = resolvePostalCode(postalCode);
  // A postal code shared by several communes: the most populous one (listed first) stands for it;
  // they are nearly always in the same department anyway.
  const commune = resolution.ok ? resolution.commune : resolution.reason === "AMBIGUOUS" ? resolution.candidates[0] : undefined;
  if (!commune) return { nearMe: null, unknown: true };
  return {
    nearMe: {
      postalCode,
      departmentCode: commune.departmentCode,
      departmentName: departmentName(commune.departmentCode) ?? commune.departmentName,
      regionCode: commune.regionCode,
      regionName: regionName(commune.regionCode) ?? commune.regionName,
    },
    unknown: false,
  };
}

/**
 * One page of the OPEN slots of APPROVED factories matching `filters`, ordered by proximity to
 * `filters.postalCode` (same department, then same region, then the rest) when given, then by
 * start time, then by site name. A page beyond the last one returns the last page.
 */
export async function searchSlots(
  editionId: string,
  filters: CatalogueFilters,
  { pageSize = DEFAULT_PAGE_SIZE, now = clockNow() }: { pageSize?: number; now?: Date } = {},
): Promise<SearchResult> {
  const { nearMe, unknown } = resolveNearMe(filters.postalCode);
  const rank = nearMe
    ? Prisma.sql`CASE WHEN f."departmentCode" = ${nearMe.departmentCode} THEN 0
        WHEN f."regionCode" = ${nearMe.regionCode} THEN 1 ELSE 2 END`
    : Prisma.sql`0`;
  const where = and(filterConditions(filters, now).map((c) => c.sql));

  const factories = approvedFactories(editionId, filters);
  // The inner query sorts narrow rows (id and sort keys) and counts them; only the page's 20 rows
  // are then joined to their details and checked for a waiting list.
  const fetchPage = (page: number) => db.$queryRaw<SlotRow[]>`
    WITH ${factories},
    page AS (
      SELECT s.id, s."startsAt", f."siteName", ${rank} AS rank, count(*) OVER ()::int AS total
      ${visibleSlots(editionId)} ${where}
      ORDER BY rank, s."startsAt", f."siteName", s.id
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}
    )
    SELECT s.id, s."startsAt", s."endsAt", s."durationMinutes", s.capacity,
           ${availabilitySql("s", now)},
           EXISTS (SELECT 1 FROM "Booking" b WHERE b."slotId" = s.id AND b.status = 'WAITLISTED') AS waiting,
           s.audience::text AS audience, s."openToEmployment", s.format::text AS format, s.language, ${effectiveMinAgeSql} AS "minAge",
           f.id AS "factoryId", f."siteName", f."companyName", f."communeName", f."departmentCode",
           f."regionCode", f."sectorCode", f."wheelchairAccessible", f."idRequired",
           s."meetingPoint", s."parkingInfo", s."publicTransport", s."walkingDistanceMeters", s.ppe::text AS ppe,
           s."photographyAllowed", p.total
    FROM page p
    JOIN "Slot" s ON s.id = p.id
    JOIN "Factory" f ON f.id = s."factoryId"
    ORDER BY p.rank, p."startsAt", p."siteName", p.id`;

  let page = filters.page ?? 1;
  let rows = await fetchPage(page);
  if (rows.length === 0 && page > 1) {
    // Out of range (a stale link): count, then serve the last page.
    const [{ total }] = await db.$queryRaw<{ total: number }[]>`
      WITH ${factories} SELECT count(*)::int AS total ${visibleSlots(editionId)} ${where}`;
    if (total > 0) {
      page = Math.ceil(total / pageSize);
      rows = await fetchPage(page);
    } else {
      page = 1;
    }
  }
  const total = rows[0]?.total ?? 0;
  return {
    items: rows.map((row) => ({
      id: row.id,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      durationMinutes: row.durationMinutes,
      capacity: row.capacity,
      seatsLeft: row.seatsLeftForSchools,
      seatsLeftForIndividuals: row.seatsLeftForIndividuals,
      seatsLeftForSchools: row.seatsLeftForSchools,
      schoolReservedUntil: row.schoolReservedUntil,
      hasWaitlist: row.seatsLeftForSchools === 0 || row.waiting,
      audience: row.audience,
      openToEmployment: row.openToEmployment,
      format: row.format,
      language: row.language,
      minAge: row.minAge,
      practical: practicalItems(row, row),
      factory: {
        id: row.factoryId,
        siteName: row.siteName,
        companyName: row.companyName,
        communeName: row.communeName,
        departmentCode: row.departmentCode,
        regionCode: row.regionCode,
        sectorCode: row.sectorCode,
        wheelchairAccessible: row.wheelchairAccessible,
      },
    })),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    nearMe,
    postalCodeUnknown: unknown,
  };
}

// ───────────────────────────── Map ─────────────────────────────

export type DepartmentCount = { departmentCode: string; count: number };

/**
 * For the catalogue's map: how many visits match `filters` in each department, by department code
 * (departments without any left out). The department filter itself is left out, so that the map of
 * a search narrowed to one department still shows where else to look. One query, grouped.
 */
export async function countVisitsByDepartment(editionId: string, filters: CatalogueFilters, now: Date = clockNow()): Promise<DepartmentCount[]> {
  const where = and(
    filterConditions(filters, now)
      .filter((condition) => condition.key !== "department")
      .map((condition) => condition.sql),
  );
  return db.$queryRaw<DepartmentCount[]>`
    WITH ${approvedFactories(editionId, filters)}
    SELECT f."departmentCode", count(*)::int AS count ${visibleSlots(editionId)} ${where}
    GROUP BY f."departmentCode"
    ORDER BY f."departmentCode"`;
}

// ───────────────────────────── Empty results ─────────────────────────────

export type RelaxSuggestion = { filter: FilterKey; count: number };

/**
 * For a search without results: each active filter whose removal alone (the others kept) would
 * yield results, with that number of results, most results first. One query: every count is a
 * FILTER aggregate over the edition's visible slots. Empty when no single filter is to blame.
 */
export async function explainEmpty(editionId: string, filters: CatalogueFilters, now: Date = clockNow()): Promise<RelaxSuggestion[]> {
  const conditions = filterConditions(filters, now);
  if (conditions.length === 0) return [];
  const counts = conditions.map((without, index) => {
    const others = conditions.filter((c) => c !== without).map((c) => c.sql);
    const predicate = others.length > 0 ? Prisma.join(others, " AND ") : Prisma.sql`true`;
    return Prisma.sql`count(*) FILTER (WHERE ${predicate})::int AS ${Prisma.raw(`"c${index}"`)}`;
  });
  const [row] = await db.$queryRaw<Record<string, number>[]>`
    WITH ${approvedFactories(editionId, filters)}
    SELECT ${Prisma.join(counts, ", ")} ${visibleSlots(editionId)}`;
  return conditions
    .map((condition, index) => ({ filter: condition.key, count: row[`c${index}`] }))
    .filter((suggestion) => suggestion.count > 0)
    .sort((a, b) => b.count - a.count);
}

// ───────────────────────────── Visits that fit a group ─────────────────────────────

export type VisitThatFits = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  /** Seats left now for the kind of booking asked about (a class or individuals). */
  seatsLeft: number;
  sameFactory: boolean;
  factory: { id: string; siteName: string; communeName: string; departmentCode: string };
};

/**
 * For a booking refused because slot `slotId` has too few seats: the nearest other visits of the
 * edition with `seats` seats left now for that kind of booking (`audience`: an individual's, a class's
 * or another group's), open to it and
 * not started (and, for individuals, allowing that many per booking) — the same factory's first,
 * then its department's, soonest first; at most `limit`.
 * `maxMinAge`: a class's youngest age, so that only visits it may join are offered.
 */
export async function findVisitsThatFit(
  slotId: string,
  { seats, audience, maxMinAge, limit = 3, now = clockNow() }: { seats: number; audience: AudienceFilter; maxMinAge?: number | null; limit?: number; now?: Date },
): Promise<VisitThatFits[]> {
  const seatsLeft = seatsLeftSql("s", now, audience === "SCHOOL");
  const ageRule = maxMinAge != null ? Prisma.sql`AND COALESCE(${effectiveMinAgeSql}, 0) <= ${maxMinAge}::int` : Prisma.empty;
  const rows = await db.$queryRaw<(Omit<VisitThatFits, "factory"> & VisitThatFits["factory"] & { factoryId: string })[]>`
    SELECT s.id, s."startsAt", s."endsAt", ${seatsLeft}::int AS "seatsLeft", (f.id = home.id) AS "sameFactory",
           f.id AS "factoryId", f."siteName", f."communeName", f."departmentCode"
    FROM "Slot" o
    JOIN "Factory" home ON home.id = o."factoryId"
    JOIN "Slot" s ON s."editionId" = o."editionId" AND s.id <> o.id
    JOIN "Factory" f ON f.id = s."factoryId"
    WHERE o.id = ${slotId}
      AND f.status = 'APPROVED' AND s.status = 'OPEN' AND s."startsAt" > ${now}
      AND (f.id = home.id OR f."departmentCode" = home."departmentCode")
      AND ${opensToSql(audience)}
      AND ${seatsLeft} >= ${seats}::int
      ${audience === "PUBLIC" ? Prisma.sql`AND s."maxSeatsPerBooking" >= ${seats}::int` : Prisma.empty}
      ${ageRule}
    ORDER BY (f.id = home.id) DESC, s."startsAt", f."siteName", s.id
    LIMIT ${limit}`;
  return rows.map(({ factoryId, siteName, communeName, departmentCode, ...slot }) => ({
    ...slot,
    factory: { id: factoryId, siteName, communeName, departmentCode },
  }));
}

// ───────────────────────────── Factory page ─────────────────────────────

export type FactoryPage = {
  id: string;
  editionId: string;
  companyName: string;
  siteName: string;
  address: string;
  postalCode: string;
  communeName: string;
  departmentCode: string;
  regionCode: string;
  sectorCode: string;
  sizeBand: SizeBand;
  description: string;
  updatedAt: Date;
  /** Its edition, for the page's share card and structured data. */
  edition: { name: string; firstDay: Date; lastDay: Date; bookingOpensAt: Date };
  slots: SlotSummary[];
  /** "Métiers à découvrir": the jobs it showcases (official labels), apprenticeships, offers, testimonial. */
  jobs: ShowcasedJob[];
  takesApprentices: boolean;
  jobOffersUrl: string | null;
  testimonialText: string | null;
  testimonialVideoUrl: string | null;
} & VisitConditionFactory;

type FactoryPageRow = Omit<FactoryPage, "edition" | "slots" | "jobs"> & {
  editionName: string;
  firstDay: Date;
  lastDay: Date;
  bookingOpensAt: Date;
  jobs: { romeCode: string; sentence: string }[];
  /** JSON: its dates are strings until turned back into Dates. */
  slots: (Omit<FactorySlotRow, "startsAt" | "endsAt" | "schoolReservedUntil" | "circuitReservedUntil"> & {
    startsAt: string;
    endsAt: string;
    schoolReservedUntil: string | null;
    circuitReservedUntil: string | null;
  })[];
};

type FactorySlotRow = Pick<SlotSummary, "id" | "startsAt" | "endsAt" | "durationMinutes" | "audience" | "openToEmployment" | "format" | "language" | "minAge"> &
  SlotSeats & { hasWaitingEntry: boolean };

const FACTORY_PAGE_COLUMNS = Prisma.raw(
  ["id", "editionId", "companyName", "siteName", "address", "postalCode", "communeName", "departmentCode", "regionCode", "sectorCode",
    "sizeBand", "description", "updatedAt", "takesApprentices", "jobOffersUrl", "testimonialText", "testimonialVideoUrl",
    ...Object.keys(visitConditionFields)]
    .map((column) => `f."${column}"`)
    .join(", "),
);

const SLOT_SEAT_FIELDS = Prisma.raw(Object.keys(slotSeatsSelect).map((column) => `'${column}', s."${column}"`).join(", "));

const optionalDate = (value: string | null) => (value === null ? null : new Date(value));

/**
 * The public page of a factory with its OPEN slots by start time, or null unless it is APPROVED.
 * One statement (the factory, its edition, jobs and slots as JSON): the page is rendered on most
 * views, and Prisma's client compiles each of its queries on every call (bench/README.md).
 * Cached per request, so the page and its metadata share one query.
 */
export const getFactoryPage = cache(async (factoryId: string, now: Date = clockNow()): Promise<FactoryPage | null> => {
  if (!isRowId(factoryId)) return null;
  const [row] = await db.$queryRaw<FactoryPageRow[]>`
    SELECT ${FACTORY_PAGE_COLUMNS},
           e.name AS "editionName", e."firstDay", e."lastDay", e."bookingOpensAt",
           COALESCE((SELECT json_agg(json_build_object('romeCode', j."romeCode", 'sentence', j.sentence) ORDER BY j.position)
                     FROM "FactoryJob" j WHERE j."factoryId" = f.id), '[]') AS jobs,
           COALESCE((SELECT json_agg(json_build_object(
                       'id', s.id, 'startsAt', s."startsAt", 'endsAt', s."endsAt", 'durationMinutes', s."durationMinutes",
                       ${SLOT_SEAT_FIELDS},
                       'audience', s.audience, 'openToEmployment', s."openToEmployment", 'format', s.format,
                       'language', s.language, 'minAge', s."minAge",
                       -- One waiting entry is enough to know, through the partial index on waiting entries.
                       'hasWaitingEntry', EXISTS (SELECT 1 FROM "Booking" b WHERE b."slotId" = s.id AND b.status = 'WAITLISTED'))
                     ORDER BY s."startsAt", s.id)
                     FROM "Slot" s WHERE s."factoryId" = f.id AND s.status = 'OPEN'), '[]') AS slots
    FROM "Factory" f
    JOIN "Edition" e ON e.id = f."editionId"
    WHERE f.id = ${factoryId} AND f.status = 'APPROVED'`;
  if (!row) return null;
  const { slots, jobs, editionName, firstDay, lastDay, bookingOpensAt, ...factory } = row;
  return {
    ...factory,
    edition: { name: editionName, firstDay, lastDay, bookingOpensAt },
    jobs: withRomeLabels(jobs),
    slots: slots.map(({ hasWaitingEntry, ...json }) => {
      const slot = {
        ...json,
        startsAt: new Date(json.startsAt),
        endsAt: new Date(json.endsAt),
        schoolReservedUntil: optionalDate(json.schoolReservedUntil),
        circuitReservedUntil: optionalDate(json.circuitReservedUntil),
      };
      const seats = availability(slot, now);
      return {
        ...withoutSeatColumns(slot),
        capacity: slot.capacity,
        ...seats,
        seatsLeft: seats.seatsLeftForSchools,
        hasWaitlist: seats.seatsLeftForSchools === 0 || hasWaitingEntry,
        minAge: effectiveMinAge(slot, factory),
      };
    }),
  };
});
