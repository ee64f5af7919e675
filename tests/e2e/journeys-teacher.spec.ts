// Issue 13, items 3 and 4: a teacher with a class of 29 finds the visits that fit it, is told the
// maximum before filling the form, gets the seats left and visits that fit when a visit is too
// small, and cannot book a CM2 class on a visit from 16.
import { expect, test, type Page } from "@playwright/test";
import { createTestFactory, withDb } from "./db";
import { expectAccessible, proofOfWorkDone, screenshot, signInViaMailbox, visit } from "./utils";

const FACTORY = `Cristallerie des Classes ${Date.now() % 100000}`;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
let small: string, big: string, both: string, adultsOnly: string;

test.beforeAll(async () => {
  const { slotIds } = await createTestFactory(FACTORY, [
    { hourUtc: 8, capacity: 20, audience: "SCHOOL" },
    { hourUtc: 10, capacity: 40, audience: "SCHOOL" },
    { hourUtc: 13, capacity: 35, audience: "BOTH" },
    { hourUtc: 15, capacity: 30, audience: "SCHOOL" },
  ]);
  [small, big, both, adultsOnly] = slotIds;
  await withDb((c) => c.query(`UPDATE "Slot" SET "minAge" = 16 WHERE id = $1`, [adultsOnly]));
});

// The slot ids the visible result cards link to.
async function cardSlotIds(page: Page): Promise<string[]> {
  const hrefs = await page.locator('#resultats a[href*="/reserver"]').evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  return [...new Set(hrefs.map((href) => /\/visites\/([^/?]+)\/reserver/.exec(decodeURIComponent(href))?.[1] ?? ""))];
}

// Seats a class can book now (no seat is ever held back from classes).
const schoolSeatsLeft = (ids: string[]) =>
  withDb(async (c) => {
    const { rows } = await c.query<{ id: string; left: number }>(
      `SELECT id, CASE WHEN status = 'OPEN' THEN capacity - taken ELSE 0 END AS left FROM "Slot" WHERE id = ANY($1)`,
      [ids],
    );
    return Object.fromEntries(rows.map((row) => [row.id, row.left]));
  });

async function fillClass(page: Page, students: number, adults: number, level: string) {
  await page.getByLabel("Nombre d'élèves").fill(String(students));
  await page.getByLabel("Nombre d'accompagnateurs adultes").fill(String(adults));
  await page.getByLabel("Code UAI de l'établissement").fill("0740003B");
  await page.getByLabel("Nom de l'établissement").fill("Collège Jean-Moulin");
  await page.getByLabel("Niveau de la classe").selectOption(level);
  await page.getByLabel("Nom et prénom").fill("Nadia Professeure");
  await page.getByLabel(/Téléphone/).fill("06 12 34 56 78");
  await page.getByLabel(/J'accepte que ces informations/).check();
  await proofOfWorkDone(page);
}

test("a teacher with a class of 29 filters by group size, sees the maximum, is offered visits that fit, and a CM2 class is refused on a 16+ visit", async ({ page }) => {
  // Sign-in, five pages with axe and two proofs of work: longer than the default minute.
  test.setTimeout(180_000);
  await signInViaMailbox(page, `prof.places.${Date.now()}@example.org`, "/visites");

  // The catalogue, filtered as a teacher would: 29 places, school groups, this factory.
  await page.setViewportSize(DESKTOP);
  await visit(page, "/visites");
  await page.getByLabel("Rechercher").fill(FACTORY);
  if (!(await page.getByLabel("Places pour").isVisible())) await page.getByText("Plus de critères").click();
  await page.getByLabel("Public", { exact: true }).selectOption("SCHOOL");
  await page.getByLabel("Places pour").fill("29");
  await page.getByRole("button", { name: "Afficher les visites" }).click();
  await expect(page).toHaveURL(/seats=29/);
  await expect(page.getByRole("link", { name: /Places pour 29 personnes/ })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "teacher-seats-filter-1280");
  // The 20-seat visit is gone (before the filter it was listed with the others).
  expect((await cardSlotIds(page)).sort()).toEqual([big, both, adultsOnly].sort());

  // The whole catalogue for 29 places and schools: every card has at least 29 seats for a class.
  await page.setViewportSize(PHONE);
  await visit(page, "/visites?audience=SCHOOL&seats=29");
  const shown = await cardSlotIds(page);
  expect(shown.length).toBeGreaterThan(0);
  const left = await schoolSeatsLeft(shown);
  for (const id of shown) expect(left[id], `school seats left of ${id}`).toBeGreaterThanOrEqual(29);
  await screenshot(page, "teacher-seats-filter-390");

  // A visit that fits: the maximum is stated before the form is filled.
  await visit(page, `/visites/${big}/reserver`);
  await expect(page.getByText("Jusqu'à 40 places pour une classe sur cette visite, élèves et accompagnateurs compris.")).toBeVisible();

  // A visit too small for the class: the refusal gives the seats left and visits that fit.
  await visit(page, `/visites/${small}/reserver`);
  await expect(page.getByText("Jusqu'à 20 places pour une classe sur cette visite", { exact: false })).toBeVisible();
  await fillClass(page, 27, 2, "4e");
  await page.getByRole("button", { name: "Confirmer la réservation" }).click();
  // Said at the top of the form and next to the number of students.
  await expect(page.getByText("Cette visite n'a pas autant de places, même en liste d'attente.").first()).toBeVisible();
  await expect(page.getByText("Il ne reste que 20 places sur cette visite pour une classe (20 en tout), et vous en demandez 29.")).toBeVisible();
  const suggestions = page.getByRole("region", { name: "Visites proches avec 29 places libres" });
  await expect(suggestions).toBeVisible();
  const offered = await suggestions.locator('a[href$="/reserver"]').evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  // The same factory first, soonest first; never the visit from 16 for a 4e class (13–14).
  expect(offered.slice(0, 2)).toEqual([`/visites/${big}/reserver`, `/visites/${both}/reserver`]);
  expect(offered).not.toContain(`/visites/${adultsOnly}/reserver`);
  expect(offered.length).toBeLessThanOrEqual(3);
  await expectAccessible(page);
  await screenshot(page, "teacher-seats-refused-390");
  await page.setViewportSize(DESKTOP);
  await screenshot(page, "teacher-seats-refused-1280");
  expect(await withDb(async (c) => (await c.query(`SELECT count(*)::int AS n FROM "Booking" WHERE "slotId" = $1`, [small])).rows[0].n)).toBe(0);

  // A CM2 class on a visit from 16: the levels allowed are said, and the booking is refused by age.
  await visit(page, `/visites/${adultsOnly}/reserver`);
  await expect(page.getByText("Classes admises (visite à partir de 16 ans) : 1re, Tle, BTS.")).toBeVisible();
  await fillClass(page, 22, 2, "CM2");
  await page.getByRole("button", { name: "Confirmer la réservation" }).click();
  // Said at the top of the form and next to the class level.
  await expect(page.getByText("Cette visite est à partir de 16 ans : une classe de CM2 (10–11 ans) ne peut pas y être inscrite.").first()).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "teacher-class-too-young-1280");
  await page.setViewportSize(PHONE);
  await screenshot(page, "teacher-class-too-young-390");
  expect(await withDb(async (c) => (await c.query(`SELECT count(*)::int AS n FROM "Booking" WHERE "slotId" = $1`, [adultsOnly])).rows[0].n)).toBe(0);
});
