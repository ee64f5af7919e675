import "server-only";
// The edition's report for partners (docs/decisions/0019-edition-report.md): the dashboard's figures
// that can leave the organisation, with every count of people under SMALL_GROUP suppressed (and one
// more cell of the same table when only one would be hidden: the total would give it away).
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { departmentOfUai } from "@/lib/reference/uai";
import { hostSurveyFigures } from "@/lib/host-survey";
import { surveyResults } from "@/lib/survey/results";
import { IFOP_2024_RECOMMEND_SHARE } from "@/lib/survey/schemas";
import { attendanceFigures } from "./attendance";
import { editionComparison } from "./comparison";
import { visitFigures } from "./dashboard";
import type { EditionSummary } from "./editions";
import { SMALL_GROUP, suppressSmall } from "./suppression";

export { SMALL_GROUP } from "./suppression";

export interface EditionReport {
  comparison: Awaited<ReturnType<typeof editionComparison>>;
  visitors: { seatsBooked: number; came: number | null; walkIns: number; byRegion: { region: string; people: number | null }[] };
  pupils: { pupils: number; schools: number; departments: number };
  perception: { responses: number; before: number | null; after: number | null; shift: number | null; baseline: number; byRegion: { region: string; responses: number; after: number | null; shift: number | null }[] };
  hosts: { invited: number; answered: number; openAgainShare: number | null; recruitmentLeads: number; apprenticeshipApplications: number };
}

/** The report of the edition (the previous one beside it when there is one). */
export async function editionReport(edition: EditionSummary, previous: EditionSummary | null, now: Date = clockNow()): Promise<EditionReport> {
  const [comparison, visits, attendance, survey, hosts, schools] = await Promise.all([
    editionComparison(edition, previous, now),
    visitFigures(edition.id, db, now),
    attendanceFigures(edition.id, db, now),
    surveyResults(edition.id, now),
    hostSurveyFigures(edition.id),
    // School classes booked (confirmed or checked in): their pupils and where their schools are.
    db.booking.findMany({
      where: { editionId: edition.id, kind: "GROUP", schoolUai: { not: null }, status: { in: ["CONFIRMED", "CHECKED_IN"] } },
      select: { schoolUai: true, students: true },
    }),
  ]);
  const regionPeople = suppressSmall(visits.byRegion.map((r) => r.seatsBooked));
  const uais = schools.map((b) => b.schoolUai!);
  const surveyed = survey.byRegion.filter((r) => r.responses > 0);
  return {
    comparison,
    visitors: {
      seatsBooked: visits.totals.seatsBooked,
      came: attendance.totals.visits > 0 ? attendance.totals.cameSeats : null,
      walkIns: attendance.walkIns,
      byRegion: visits.byRegion.map((r, i) => ({ region: r.key, people: regionPeople[i] })).filter((r) => r.people !== 0),
    },
    pupils: {
      pupils: schools.reduce((sum, b) => sum + (b.students ?? 0), 0),
      schools: new Set(uais).size,
      departments: new Set(uais.map(departmentOfUai)).size,
    },
    perception: {
      responses: survey.overall.responses,
      before: survey.overall.responses >= SMALL_GROUP ? survey.overall.recommendBeforeShare : null,
      after: survey.overall.responses >= SMALL_GROUP ? survey.overall.recommendAfterShare : null,
      shift: survey.overall.responses >= SMALL_GROUP ? survey.overall.shift : null,
      baseline: IFOP_2024_RECOMMEND_SHARE,
      // Shares of fewer than SMALL_GROUP answers would tell what a handful of visitors said.
      byRegion: surveyed.map((r) => ({
        region: r.value,
        responses: r.responses,
        after: r.responses >= SMALL_GROUP ? r.recommendAfterShare : null,
        shift: r.responses >= SMALL_GROUP ? r.shift : null,
      })),
    },
    hosts: {
      invited: hosts.invited,
      answered: hosts.answered,
      openAgainShare: hosts.answered >= SMALL_GROUP ? hosts.openAgain.YES / hosts.answered : null,
      recruitmentLeads: hosts.recruitmentLeads,
      apprenticeshipApplications: hosts.apprenticeshipApplications,
    },
  };
}
