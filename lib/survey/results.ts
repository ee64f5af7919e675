// What the post-visit survey shows, per edition: response rate, mean satisfaction, and the share
// who would recommend a job in industry (4–5 on the 5-point scale) before vs after the visit, with
// the shift — overall and per region, sector, size band and audience. Aggregated in one SQL
// statement (GROUPING SETS); this file only attaches labels.
//
// Unit: one booking = one answer (a class answers once, through its teacher), so figures are per
// booking, not per visitor. "Eligible" = bookings that visited (confirmed or checked in, visit
// over, slot not cancelled) plus any booking that answered.
import { db } from "@/lib/db";
import { romeJob } from "@/lib/reference/rome";
import { dimensionValueLabel } from "@/lib/representativity/reasons";
import { RECOMMEND_THRESHOLD } from "./schemas";

export type SurveyDimension = "ALL" | "REGION" | "SECTOR" | "SIZE" | "AUDIENCE";

export interface SurveyResultRow {
  dimension: SurveyDimension;
  value: string; // "" for ALL; region code, NAF division, size band, or "individual" / "school"
  label: { fr: string; en: string };
  eligible: number;
  responses: number;
  responseRate: number | null; // %, one decimal
  meanSatisfaction: number | null; // 1–5, two decimals
  recommendBeforeShare: number | null; // %, one decimal
  recommendAfterShare: number | null; // %, one decimal
  shift: number | null; // percentage points (after − before), one decimal
}

export interface SurveyResults {
  editionId: string;
  computedAt: Date;
  overall: SurveyResultRow;
  byRegion: SurveyResultRow[];
  bySector: SurveyResultRow[];
  bySize: SurveyResultRow[];
  byAudience: SurveyResultRow[];
  /** Answers to "Quel métier avez-vous découvert ?", most named first (« Aucun en particulier » left out). */
  discoveredJobs: DiscoveredJobRow[];
}

export interface DiscoveredJobRow {
  romeCode: string;
  /** The official label (the code itself if the record left the curated list). */
  label: string;
  answers: number;
}

/** How many answers named each job, for an edition. */
export async function discoveredJobs(editionId: string): Promise<DiscoveredJobRow[]> {
  const rows = await db.$queryRaw<{ romeCode: string; answers: number }[]>`
    SELECT r."discoveredRomeCode" AS "romeCode", count(*)::int AS answers
    FROM "SurveyResponse" r
    JOIN "Booking" b ON b.id = r."bookingId"
    WHERE b."editionId" = ${editionId} AND r."discoveredRomeCode" IS NOT NULL
    GROUP BY r."discoveredRomeCode"
    ORDER BY answers DESC, r."discoveredRomeCode"`;
  return rows.map((row) => ({ ...row, label: romeJob(row.romeCode)?.label ?? row.romeCode }));
}

interface Row {
  dimension: SurveyDimension;
  value: string;
  eligible: number;
  responses: number;
  responseRate: number | null;
  meanSatisfaction: number | null;
  recommendBeforeShare: number | null;
  recommendAfterShare: number | null;
  shift: number | null;
}

const AUDIENCE_LABELS: Record<string, { fr: string; en: string }> = {
  individual: { fr: "Grand public", en: "General public" },
  school: { fr: "Scolaires", en: "School groups" },
};

function labelOf(dimension: SurveyDimension, value: string): { fr: string; en: string } {
  switch (dimension) {
    case "ALL":
      return { fr: "Ensemble", en: "All" };
    case "AUDIENCE":
      return AUDIENCE_LABELS[value] ?? { fr: value, en: value };
    default:
      return { fr: dimensionValueLabel(dimension, value, "fr"), en: dimensionValueLabel(dimension, value, "en") };
  }
}

function aggregates(editionId: string, now: Date) {
  return db.$queryRaw<Row[]>`
    WITH eligible AS (
      SELECT b.id, CASE WHEN b.kind = 'GROUP' THEN 'school' ELSE 'individual' END AS audience,
             f."regionCode" AS region, f."sectorCode"::text AS sector, f."sizeBand"::text AS size,
             r.id IS NOT NULL AS answered, r.satisfaction,
             (r."recommendBefore" >= ${RECOMMEND_THRESHOLD}) AS before_yes,
             (r."recommendAfter" >= ${RECOMMEND_THRESHOLD}) AS after_yes
      FROM "Booking" b
      JOIN "Slot" s ON s.id = b."slotId"
      JOIN "Factory" f ON f.id = s."factoryId"
      LEFT JOIN "SurveyResponse" r ON r."bookingId" = b.id
      WHERE b."editionId" = ${editionId}
        AND (r.id IS NOT NULL
             OR (b.status IN ('CONFIRMED', 'CHECKED_IN') AND s.status = 'OPEN' AND s."endsAt" <= ${now}))
    ), grouped AS (
      SELECT
        CASE WHEN GROUPING(region) = 0 THEN 'REGION' WHEN GROUPING(sector) = 0 THEN 'SECTOR'
             WHEN GROUPING(size) = 0 THEN 'SIZE' WHEN GROUPING(audience) = 0 THEN 'AUDIENCE' ELSE 'ALL' END AS dimension,
        COALESCE(CASE WHEN GROUPING(region) = 0 THEN region WHEN GROUPING(sector) = 0 THEN sector
                      WHEN GROUPING(size) = 0 THEN size WHEN GROUPING(audience) = 0 THEN audience END, '') AS value,
        count(*)::int AS eligible,
        count(*) FILTER (WHERE answered)::int AS responses,
        avg(satisfaction) AS mean_satisfaction,
        count(*) FILTER (WHERE before_yes) AS before_yes,
        count(*) FILTER (WHERE after_yes) AS after_yes
      FROM eligible
      GROUP BY GROUPING SETS ((), (region), (sector), (size), (audience))
    )
    SELECT dimension, value, eligible, responses,
           round(100.0 * responses / NULLIF(eligible, 0), 1)::float8 AS "responseRate",
           round(mean_satisfaction, 2)::float8 AS "meanSatisfaction",
           round(100.0 * before_yes / NULLIF(responses, 0), 1)::float8 AS "recommendBeforeShare",
           round(100.0 * after_yes / NULLIF(responses, 0), 1)::float8 AS "recommendAfterShare",
           round(100.0 * (after_yes - before_yes) / NULLIF(responses, 0), 1)::float8 AS shift
    FROM grouped
    ORDER BY dimension, responses DESC, value`;
}

export async function surveyResults(editionId: string, now: Date = new Date()): Promise<SurveyResults> {
  const [rows, jobs] = await Promise.all([aggregates(editionId, now), discoveredJobs(editionId)]);
  const labelled: SurveyResultRow[] = rows.map((row) => ({ ...row, label: labelOf(row.dimension, row.value) }));
  const of = (dimension: SurveyDimension) => labelled.filter((row) => row.dimension === dimension);
  const overall = of("ALL")[0] ?? {
    dimension: "ALL",
    value: "",
    label: labelOf("ALL", ""),
    eligible: 0,
    responses: 0,
    responseRate: null,
    meanSatisfaction: null,
    recommendBeforeShare: null,
    recommendAfterShare: null,
    shift: null,
  };
  return {
    editionId,
    computedAt: now,
    overall,
    byRegion: of("REGION"),
    bySector: of("SECTOR"),
    bySize: of("SIZE"),
    byAudience: of("AUDIENCE"),
    discoveredJobs: jobs,
  };
}
