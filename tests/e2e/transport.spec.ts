// Issue 17, school transport (docs/decisions/0020-school-transport.md): the demo teacher books a
// class on a visit for schools and asks for a coach (pupils, departure postal code); the organiser
// sees the request with its distance between departments on /organisation/transports and accepts it
// with a cost; the teacher's booking page then shows it accepted, and the teacher got the e-mail.
// Runs with the shared-state journeys: it signs the demo organiser in and moves the dashboard's
// transport figures.
import { expect, test } from "@playwright/test";
import { distanceKm } from "@/lib/geo/distance";
import { DEMO_ACCOUNTS } from "@/lib/seed/demo-accounts";
import { createTestFactory, withDb } from "./db";
import { expectAccessible, proofOfWorkDone, screenshot, signedInAs, signInViaMailbox, visit } from "./utils";

const run = `${Date.now()}`.slice(-6);
const SITE = `Lunetterie du Haut-Jura ${run}`;
const SCHOOL = `Collège des Pentes ${run}`;
const TEACHER = DEMO_ACCOUNTS.teacher.email;
let slotId: string;

test.beforeAll(async () => {
  // A visit for classes in Saint-Claude (Jura, 39), early on the first day: the demo teacher's own
  // class visit (from 9:00) does not overlap it.
  ({ slotIds: [slotId] } = await createTestFactory(SITE, [{ hourUtc: 5, capacity: 40, audience: "SCHOOL" }]));
  // Magic links work once: the newest mail must be this run's (see organiser.spec.ts).
  await withDb((client) => client.query(`DELETE FROM "DevMail" WHERE lower("to") = ANY($1)`, [[TEACHER, DEMO_ACCOUNTS.organiser.email]]));
});

test("a teacher asks for a coach with a class booking and the organiser accepts it within the budget", async ({ page }) => {
  // Two sign-ins, five pages with axe and two proofs of work.
  test.setTimeout(240_000);
  let bookingUrl = "";

  await test.step("the teacher books the class and asks for a coach from Lyon", async () => {
    await signInViaMailbox(page, TEACHER, `/visites/${slotId}/reserver`);
    await expect(page).toHaveURL(new RegExp(`/visites/${slotId}/reserver`));
    await page.getByRole("spinbutton", { name: "Nombre d'élèves", exact: true }).fill("24");
    await page.getByLabel("Nombre d'accompagnateurs adultes").fill("2");
    await page.getByLabel("Code UAI de l'établissement").fill("0740003B");
    await page.getByLabel("Nom de l'établissement").fill(SCHOOL);
    await page.getByLabel("Niveau de la classe").selectOption("4e");
    await page.getByLabel("Nom et prénom").fill(DEMO_ACCOUNTS.teacher.name);
    await page.getByLabel(/Téléphone/).fill("06 12 34 56 78");
    const coach = page.getByRole("group", { name: "Transport en car" });
    await coach.getByLabel("Je demande un car pour venir avec ma classe").check();
    // More pupils than the class: said next to the field, nothing booked.
    await coach.getByLabel("Nombre d'élèves à transporter").fill("30");
    await coach.getByLabel("Code postal de départ").fill("69003");
    await expect(coach.getByText("Départ : Lyon (Rhône)")).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel(/J'accepte que ces informations/).check();
    await proofOfWorkDone(page);
    await page.getByRole("button", { name: "Confirmer la réservation" }).click();
    await expect(coach.getByText("Pas plus d'élèves que dans la classe.")).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, "transport-pupils-refused");
    expect(await withDb(async (c) => (await c.query(`SELECT count(*)::int AS n FROM "Booking" WHERE "slotId" = $1`, [slotId])).rows[0].n)).toBe(0);

    await coach.getByLabel("Je demande un car pour venir avec ma classe").check();
    await coach.getByLabel("Nombre d'élèves à transporter").fill("20");
    await page.getByLabel(/J'accepte que ces informations/).check();
    await proofOfWorkDone(page);
    await page.getByRole("button", { name: "Confirmer la réservation" }).click();
    await expect(page).toHaveURL(/\/reservation\/[^/?]+\?nouvelle=1/);
    bookingUrl = new URL(page.url()).pathname;
    const status = page.getByRole("region", { name: "Transport en car" });
    await expect(status).toContainText("20 élèves au départ de Lyon");
    await expect(status).toContainText("Demande en cours d'examen");
    await expectAccessible(page);
    await screenshot(page, "transport-requested");
  });

  await test.step("the organiser sees the request with its distance and accepts it with the coach's cost", async () => {
    await signedInAs(page, DEMO_ACCOUNTS.organiser.email, "/organisation/transports");
    await expect(page.getByRole("heading", { level: 1, name: "Transport scolaire" })).toBeVisible();
    const request = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: `${SCHOOL} — 4e` }) });
    await expect(request).toContainText("À traiter");
    await expect(request).toContainText("Lyon (Rhône)");
    await expect(request).toContainText(`≈ ${distanceKm("69", "39")} km à vol d'oiseau (entre départements)`);
    await expect(request).toContainText("20 sur 24");
    await expectAccessible(page);
    await screenshot(page, "transport-organiser-list");
    await request.getByLabel("Coût du car (€)").fill("1200");
    await request.getByRole("button", { name: `Accepter : ${SCHOOL} — 4e` }).click();
    await expect(page.getByText("Demande acceptée : l'enseignant est prévenu par e-mail.")).toBeVisible();
    await expect(request).toContainText("Acceptée");
    await expect(request).toContainText(/Coût\s+1\s?200\s€/);
    await expectAccessible(page);
    await screenshot(page, "transport-organiser-accepted");
  });

  await test.step("the teacher's booking page shows the coach accepted, and the e-mail arrived", async () => {
    await visit(page, bookingUrl);
    const status = page.getByRole("region", { name: "Transport en car" });
    await expect(status).toContainText("Demande acceptée : l'organisation prend le car en charge.");
    await expect(status).toContainText(/Coût pris en charge : 1\s?200 €/);
    await screenshot(page, "transport-accepted");
    await expect
      .poll(
        () => withDb(async (c) => (await c.query(`SELECT count(*)::int AS n FROM "DevMail" WHERE lower("to") = $1 AND subject LIKE 'Transport en car accepté%'`, [TEACHER])).rows[0].n),
        { timeout: 20_000 },
      )
      .toBe(1);
  });
});
