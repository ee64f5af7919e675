import { createHash, randomBytes, randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createTestFactory, withDb } from "./db";
import { expectAccessible, proofOfWorkDone, screenshot, signInViaMailbox, visit, bothSizes } from "./utils";

// Issue 15, "Jobs". A factory contact picks three jobs from the curated ROME list, says what each
// person does, ticks "apprentices" and gives the offers link (an http:// link is refused first);
// the factory page shows "Métiers à découvrir", the catalogue's job family filter finds the factory
// (and another family does not), and a visitor of an ended visit is asked which of these jobs they
// discovered.

const run = `${Date.now()}`.slice(-7);
const SITE = `Forges du Jura ${run}`;
const CONTACT = "usine@usines-ouvertes.demo";
const OFFERS = `https://example.com/forges-${run}/offres`;
const JOBS = [
  { code: "I1310", label: "Maintenance mécanique industrielle", sentence: "Dépanne les presses et prépare les arrêts d'été." },
  { code: "H2913", label: "Soudage manuel", sentence: "Soude au TIG les cadres des machines, pièce par pièce." },
  { code: "H2903", label: "Conduite d'équipement d'usinage", sentence: "Règle les tours à commande numérique au centième." },
];
const surveyToken = randomBytes(32).toString("base64url");
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

let factoryId = "";
let bookingId = "";

test.beforeAll(async () => {
  ({ factoryId } = await createTestFactory(SITE, [{ hourUtc: 9, capacity: 12 }]));
  bookingId = `e2e${randomUUID().replaceAll("-", "").slice(0, 20)}`;
  await withDb(async (client) => {
    await client.query(`INSERT INTO "FactoryContact" ("factoryId", "userId") SELECT $1, id FROM "User" WHERE email = $2`, [factoryId, CONTACT]);
    // A visit of this factory that ended this morning, with one visitor invited to the survey.
    const slotId = `e2e${randomUUID().replaceAll("-", "").slice(0, 20)}`;
    const startsAt = new Date(Date.now() - 6 * 3600_000);
    await client.query(
      `INSERT INTO "Slot" (id, "editionId", "factoryId", "startsAt", "endsAt", "durationMinutes", capacity, taken, audience)
       SELECT $1, "editionId", id, $2, $3, 90, 10, 1, 'PUBLIC' FROM "Factory" WHERE id = $4`,
      [slotId, startsAt, new Date(startsAt.getTime() + 90 * 60_000), factoryId],
    );
    await client.query(
      `INSERT INTO "Booking" (id, "editionId", "slotId", kind, status, seats, "contactName", email, "manageTokenHash", "ticketTokenHash", "ticketCode", "surveyTokenHash", "consentAt", "updatedAt")
       SELECT $1, "editionId", id, 'INDIVIDUAL', 'CONFIRMED', 1, 'Hugo Métiers', $2, $3, $4, $5, $6, now(), now() FROM "Slot" WHERE id = $7`,
      [bookingId, `hugo.${run}@example.org`, sha256(randomUUID()), sha256(randomUUID()), randomUUID().slice(0, 8).toUpperCase(), sha256(surveyToken), slotId],
    );
  });
});


test("a factory shows three jobs and its apprenticeships; the page, the catalogue filter and the survey use them", async ({ page }) => {
  test.slow();

  await test.step("the contact picks three jobs, a sentence each, apprentices and the offers link", async () => {
    await signInViaMailbox(page, CONTACT, `/espace-usine/${factoryId}/profil`);
    await expect(page.getByRole("heading", { level: 2, name: "Métiers à découvrir" })).toBeVisible();
    for (const [i, job] of JOBS.entries()) {
      await page.getByLabel(`Métier ${i + 1}`, { exact: true }).selectOption(job.code);
      await page.getByLabel(`Ce que fait cette personne chez vous (métier ${i + 1})`).fill(job.sentence);
    }
    await page.getByLabel("Nous accueillons des apprentis").check();
    const offers = page.getByLabel("Lien vers vos offres d'emploi et d'apprentissage");
    await offers.fill(OFFERS.replace("https:", "http:"));
    await page.getByRole("button", { name: "Enregistrer les métiers" }).click();
    await expect(page.getByLabel("Lien vers vos offres d'emploi et d'apprentissage")).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#jobs-jobOffersUrl-error")).toHaveText("Indiquez une adresse complète qui commence par https://");
    // What was typed is kept: the jobs are still chosen.
    await expect(page.getByLabel("Métier 2", { exact: true })).toHaveValue(JOBS[1].code);
    await expectAccessible(page);
    await expect.poll(() => withDb(async (client) => (await client.query(`SELECT 1 FROM "FactoryJob" WHERE "factoryId" = $1`, [factoryId])).rowCount)).toBe(0);

    await page.getByLabel("Lien vers vos offres d'emploi et d'apprentissage").fill(OFFERS);
    await page.getByRole("button", { name: "Enregistrer les métiers" }).click();
    await expect(page.getByText("Métiers enregistrés : la page du site est à jour.")).toBeVisible();
    await expect(page.getByLabel("Métier 3", { exact: true })).toHaveValue(JOBS[2].code);
    // One more empty row for a fourth job.
    await expect(page.getByLabel("Métier 4", { exact: true })).toHaveValue("");
    await bothSizes(page, "jobs-factory-form");
  });

  await test.step("the factory page shows « Métiers à découvrir » with the official labels and codes", async () => {
    await visit(page, `/usines/${factoryId}`);
    const section = page.getByRole("region", { name: "Métiers à découvrir" });
    await expect(section).toBeVisible();
    for (const job of JOBS) {
      await expect(section.getByRole("heading", { level: 3, name: job.label })).toBeVisible();
      await expect(section.getByText(`code ROME ${job.code}`)).toBeVisible();
      await expect(section.getByText(job.sentence)).toBeVisible();
    }
    await expect(section.getByText("Accueille des apprentis")).toBeVisible();
    await expect(section.getByRole("link", { name: `Offres d'emploi et d'apprentissage de ${SITE}` })).toHaveAttribute("href", OFFERS);
    await expect(section.getByText(/répertoire ROME 4\.0 de France Travail/)).toBeVisible();
    await bothSizes(page, "jobs-factory-page");
  });

  await test.step("the catalogue's job family filter finds the factory; another family does not", async () => {
    await visit(page, `/visites?${new URLSearchParams({ q: SITE })}`);
    await page.getByText("Plus de critères").click();
    await page.getByLabel("Famille de métiers", { exact: true }).selectOption({ label: "Maintenance" });
    await page.getByRole("button", { name: "Afficher les visites" }).click();
    await expect(page).toHaveURL(/[?&]metier=maintenance(&|$)/);
    await expect(page.getByRole("article").filter({ hasText: SITE }).first()).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, "jobs-catalogue-filter-1280");

    await visit(page, `/visites?${new URLSearchParams({ q: SITE, metier: "fonderie" })}`);
    await expect(page.getByRole("article")).toHaveCount(0);
  });

  await test.step("the survey asks which of these jobs the visitor discovered", async () => {
    await visit(page, `/enquete/${surveyToken}`);
    const question = page.getByRole("group", { name: "Quel métier avez-vous découvert ?" });
    for (const job of JOBS) await expect(question.getByLabel(job.label, { exact: true })).toBeVisible();
    await expect(question.getByLabel("Aucun en particulier")).toBeVisible();
    await page.getByRole("group", { name: /êtes-vous satisfait/ }).getByLabel("Très satisfait·e", { exact: true }).check();
    await page.getByRole("group", { name: "Avant la visite" }).getByLabel("Probablement pas", { exact: true }).check();
    await page.getByRole("group", { name: "Maintenant" }).getByLabel("Certainement", { exact: true }).check();
    await question.getByLabel(JOBS[1].label, { exact: true }).check();
    await bothSizes(page, "jobs-survey");
    await proofOfWorkDone(page);
    await page.getByRole("button", { name: "Envoyer mon avis" }).click();
    await expect(page.getByRole("heading", { name: "Merci pour votre avis !" })).toBeVisible();
    const { rows } = await withDb((client) => client.query<{ code: string }>(`SELECT "discoveredRomeCode" AS code FROM "SurveyResponse" WHERE "bookingId" = $1`, [bookingId]));
    expect(rows).toEqual([{ code: JOBS[1].code }]);
  });
});
