// Issue 17, groups beyond schools (docs/decisions/0017-groups-beyond-schools.md): a France Travail
// adviser finds a visit open to employment professionals, books it for 12 job seekers and 2
// advisers, sees the confirmation, and the factory's attendee list shows the agency.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createTestFactory, withDb } from "./db";
import { expectAccessible, proofOfWorkDone, screenshot, signInViaMailbox, visit } from "./utils";

const run = `${Date.now()}`.slice(-6);
const SITE = `Plasturgie de l'emploi ${run}`;
const AGENCY = `France Travail Saint-Claude ${run}`;
const ADVISER = `conseillere.${run}@example.org`;
const CONTACT = `contact.emploi.${run}@example.org`;
let factoryId: string, slotId: string;

test.beforeAll(async () => {
  // A visit for classes that the factory also opened to employment professionals.
  ({ factoryId, slotIds: [slotId] } = await createTestFactory(SITE, [{ hourUtc: 9, capacity: 30, audience: "SCHOOL" }]));
  await withDb(async (client) => {
    await client.query(`UPDATE "Slot" SET "openToEmployment" = true WHERE id = $1`, [slotId]);
    const userId = `e2e${randomUUID().replaceAll("-", "").slice(0, 20)}`;
    await client.query(`INSERT INTO "User" (id, email) VALUES ($1, $2)`, [userId, CONTACT]);
    await client.query(`INSERT INTO "FactoryContact" ("factoryId", "userId") VALUES ($1, $2)`, [factoryId, userId]);
  });
});

test("a France Travail adviser books a visit for 12 job seekers and 2 advisers, and the factory sees the agency", async ({ page }) => {
  // Two sign-ins, four pages with axe and a proof of work.
  test.setTimeout(180_000);

  await test.step("the catalogue lists the visit for employment professionals", async () => {
    await visit(page, `/visites?audience=EMPLOYMENT&q=${encodeURIComponent(SITE)}`);
    const card = page.locator("article").filter({ hasText: SITE });
    await expect(card.getByText("Professionnels de l'emploi")).toBeVisible();
    await expectAccessible(page);
  });

  await test.step("the adviser signs in and books for the agency's group", async () => {
    await signInViaMailbox(page, ADVISER, `/visites/${slotId}/reserver`);
    await expect(page).toHaveURL(new RegExp(`/visites/${slotId}/reserver`));
    await expect(page.getByText("Ouverte aux professionnels de l'emploi", { exact: false })).toBeVisible();
    await page.getByLabel("Pour un groupe de professionnels de l'emploi, d'une association ou d'un centre de formation").check();
    await page.getByLabel("Type de structure").selectOption("EMPLOYMENT");
    await page.getByLabel("Nom de la structure").fill(AGENCY);
    await page.getByLabel("Nombre de participants").fill("12");
    await page.getByLabel("Nombre d'accompagnateurs").fill("2");
    // A SIRET mistyped by one digit: refused next to the field, nothing booked.
    await page.getByLabel("SIRET de la structure").fill("130 005 481 00011");
    await page.getByLabel("Nom et prénom").fill("Inès Conseillère");
    await page.getByLabel(/Téléphone/).fill("03 84 00 00 00");
    await page.getByLabel(/J'accepte que ces informations/).check();
    await proofOfWorkDone(page);
    await page.getByRole("button", { name: "Confirmer la réservation" }).click();
    await expect(page.getByText("Ce SIRET n'existe pas : un chiffre est sans doute mal recopié.").first()).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, "employment-group-siret-refused");

    // France Travail's national SIRET, which its agencies share.
    await page.getByLabel("SIRET de la structure").fill("130 005 481 00010");
    await page.getByLabel(/J'accepte que ces informations/).check();
    await proofOfWorkDone(page);
    await page.getByRole("button", { name: "Confirmer la réservation" }).click();
    await expect(page.getByText("C'est réservé !")).toBeVisible();
    await expect(page.getByText(`12 participants et 2 accompagnateurs · ${AGENCY}`)).toBeVisible();
    // The group's own words in « Modifier le nombre de places », not a class's.
    await expect(page.getByLabel("Nombre de participants")).toHaveValue("12");
    await expect(page.getByLabel("Nombre d'accompagnateurs")).toHaveValue("2");
    await expectAccessible(page);
    await screenshot(page, "employment-group-booked");
  });

  await test.step("the factory's attendee list shows the agency", async () => {
    await signInViaMailbox(page, CONTACT, `/espace-usine/${factoryId}/inscrits`);
    await expect(page.getByRole("heading", { level: 1, name: `Qui vient ? — ${SITE}` })).toBeVisible();
    const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /Inès Conseillère/ }) });
    await expect(row).toContainText(AGENCY);
    await expect(row).toContainText("Service emploi ou reconversion · SIRET 13000548100010");
    await expect(row).toContainText("12 participants + 2 accompagnateurs");
    await expect(page.getByRole("region", { name: "Totaux" })).toContainText("14 places confirmées");
    await expectAccessible(page);
  });
});
