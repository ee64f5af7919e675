import "server-only";
// An edition against the one before, side by side, from the same figures as the dashboard
// (representativity, visits and seats, attendance, the visitors' survey), plus the sites that came
// back. Both editions are read with the same functions, so a figure means the same in both columns.
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { DIMENSIONS, type Dimension } from "@/lib/representativity/reasons";
import { surveyResults } from "@/lib/survey/results";
import { attendanceFigures } from "./attendance";
import { representativity, visitFigures } from "./dashboard";
import { previousEdition, type EditionSummary } from "./editions";

export interface EditionFigures {
  edition: EditionSummary;
  /** Approved sites. */
  sites: number;
  /** Of which took part in the edition before (same SIRET, approved there too). */
  returning: number;
  approvedBy: Record<Dimension, Map<string, number>>;
  seatsOffered: number;
  seatsBooked: number;
  fillRate: number | null;
  schoolShare: number | null;
  /** Over visits whose door desk was used; null without any. */
  noShowRate: number | null;
  walkIns: number;
  /** Visitors who would recommend a career in industry, before and after their visit (%), and the shift (points). */
  recommendBefore: number | null;
  recommendAfter: number | null;
  surveyShift: number | null;
  surveyResponses: number;
}

async function figuresOf(edition: EditionSummary, before: EditionSummary | null, now: Date): Promise<EditionFigures> {
  const [repr, visits, attendance, survey, returning] = await Promise.all([
    representativity(edition.id),
    visitFigures(edition.id, db, now),
    attendanceFigures(edition.id, db, now),
    surveyResults(edition.id, now),
    before
      ? db.factory.count({
          where: { editionId: edition.id, status: "APPROVED", siret: { in: (await db.factory.findMany({ where: { editionId: before.id, status: "APPROVED" }, select: { siret: true } })).map((f) => f.siret) } },
        })
      : 0,
  ]);
  const approvedBy = Object.fromEntries(DIMENSIONS.map((d) => [d, new Map(repr[d].map((row) => [row.value, row.approved]))])) as Record<Dimension, Map<string, number>>;
  return {
    edition,
    sites: [...approvedBy.SIZE.values()].reduce((a, b) => a + b, 0),
    returning,
    approvedBy,
    seatsOffered: visits.totals.capacity,
    seatsBooked: visits.totals.seatsBooked,
    fillRate: visits.totals.fillRate,
    schoolShare: visits.totals.schoolShare,
    noShowRate: attendance.totals.noShowRate,
    walkIns: attendance.walkIns,
    recommendBefore: survey.overall.recommendBeforeShare,
    recommendAfter: survey.overall.recommendAfterShare,
    surveyShift: survey.overall.shift,
    surveyResponses: survey.overall.responses,
  };
}

/** The edition's figures and its predecessor's (null when it is the first edition). */
export async function editionComparison(edition: EditionSummary, previous: EditionSummary | null, now: Date = clockNow()) {
  const beforePrevious = previous && (await previousEdition(previous));
  const [current, before] = await Promise.all([figuresOf(edition, previous, now), previous ? figuresOf(previous, beforePrevious ?? null, now) : null]);
  return { current, previous: before };
}
