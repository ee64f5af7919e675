// The edition's report (lib/organiser/report.ts) on the real database: pupils and the departments
// their schools are in, read from the UAI; counts of people under 10 hidden, with one more cell when
// a single hidden one could be recovered from the total; survey shares only from 10 answers.
import { describe, expect, it } from "vitest";
import { book } from "@/lib/booking";
import { db } from "@/lib/db";
import { editionReport } from "@/lib/organiser/report";
import { validateUai } from "@/lib/reference";
import { groupInput, individualInput } from "../fixtures/bookings";
import { createEdition, createFactory, createSlot, uid } from "../fixtures/factories";

/** A UAI of the department (three digits) with a valid check letter. */
const uaiOf = (department: string) => [..."ABCDEFGHJKLMNPRSTUVWXYZ"].map((l) => `${department}1234${l}`).find((u) => validateUai(u).ok)!;

describe("the edition's report", () => {
  it("counts pupils and their departments, and hides small groups of people", async () => {
    const edition = await createEdition();
    const summary = { id: edition.id, slug: edition.slug, name: edition.name, firstDay: edition.firstDay, lastDay: edition.lastDay };
    const teacher = await db.user.create({ data: { email: `prof-${uid()}@example.fr` } });
    const [ara, idf, hdf] = await Promise.all([
      createFactory(edition.id, { regionCode: "84", departmentCode: "74" }),
      createFactory(edition.id, { regionCode: "11", departmentCode: "75" }),
      createFactory(edition.id, { regionCode: "32", departmentCode: "59" }),
    ]);
    const [araVisit, idfVisit, hdfVisit] = await Promise.all([createSlot(ara, { capacity: 60 }), createSlot(idf, { capacity: 60 }), createSlot(hdf, { capacity: 60 })]);
    // Two classes (Paris, and Corse-du-Sud) in Auvergne-Rhône-Alpes: 45 pupils + 4 adults.
    await book(groupInput(araVisit.id, { students: 25 }), { userId: teacher.id });
    await book(groupInput(araVisit.id, { students: 20, schoolUai: uaiOf("620"), schoolName: "Lycée d'Ajaccio" }), { userId: teacher.id });
    // 3 people in Île-de-France, 12 in Hauts-de-France.
    await book(individualInput(idfVisit.id, { seats: 3 }));
    await book(individualInput(hdfVisit.id, { seats: 6 }));
    await book(individualInput(hdfVisit.id, { seats: 6 }));

    const report = await editionReport(summary, null);
    expect(report.pupils).toEqual({ pupils: 45, schools: 2, departments: 2 });
    expect(report.visitors.seatsBooked).toBe(49 + 3 + 12);
    // 3 is hidden; alone, it would be the total minus the others: 12, the smallest other, goes too.
    expect(report.visitors.byRegion).toEqual([
      { region: "11", people: null },
      { region: "32", people: null },
      { region: "84", people: 49 },
    ]);
    // No survey answer yet, no door used: nothing to detail.
    expect(report.perception).toMatchObject({ responses: 0, after: null, shift: null, baseline: 11 });
    expect(report.visitors.came).toBeNull();
    expect(report.hosts.openAgainShare).toBeNull();
    expect(report.comparison.previous).toBeNull();
  });
});
