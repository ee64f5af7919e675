import { expect, test, type Page } from "@playwright/test";
import { createTestFactory, withDb } from "./db";
import { expectAccessible, linkFromMailbox, screenshot, signInViaMailbox, visit } from "./utils";

const FACTORY = `Verrerie du Jura ${Date.now() % 100000}`;
let slots: string[];

test.beforeAll(async () => {
  // One public slot of exactly 3 seats (visitor A fills it, visitor B waits), one for a class.
  ({ slotIds: slots } = await createTestFactory(FACTORY, [
    { hourUtc: 8, capacity: 3 },
    { hourUtc: 13, capacity: 30, audience: "BOTH" },
  ]));
});

async function fillIndividual(page: Page, seats: number, name: string, email: string) {
  await page.getByLabel("Nombre de places").selectOption(String(seats));
  await page.getByLabel("Nom et prénom").fill(name);
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel(/J'accepte que ces informations/).check();
}

test.describe.serial("visitors book, wait and are promoted", () => {
  const visitorA = `camille.${Date.now()}@example.org`;
  const visitorB = `hugo.${Date.now()}@example.org`;
  let manageLinkA = "";

  test("(a) a visitor on a phone filters the catalogue, books 3 seats and sees the ticket", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await visit(page, "/visites");
    await page.getByLabel("Rechercher").fill(FACTORY);
    await page.getByRole("button", { name: "Afficher les visites" }).click();
    await expect(page).toHaveURL(/q=/);
    await expectAccessible(page);
    const card = page.getByRole("article").filter({ hasText: FACTORY }).filter({ hasText: /3 places/ });
    await card.getByRole("link", { name: /Réserver/ }).click();
    await expect(page).toHaveURL(new RegExp(`/visites/${slots[0]}/reserver`));
    await expectAccessible(page);

    // A mistake first: the consent box left unticked gets a clear message next to it.
    await page.getByLabel("Nom et prénom").fill("Camille Martin");
    await page.getByLabel("Adresse e-mail").fill(visitorA);
    await page.getByRole("button", { name: "Confirmer la réservation" }).click();
    await expect(page.locator("#consent-error")).toContainText("Cochez la case pour accepter"); // the field's own error, under the summary's link
    await expectAccessible(page);

    await fillIndividual(page, 3, "Camille Martin", visitorA);
    await page.getByRole("button", { name: "Confirmer la réservation" }).click();
    await expect(page.getByText("C'est réservé !")).toBeVisible();
    await expect(page.getByText("Confirmée")).toBeVisible();
    await expectAccessible(page);

    manageLinkA = await linkFromMailbox(page, visitorA, /Réservation confirmée/, /\/reservation\//);
    await page.goto(manageLinkA);
    await expect(page.getByRole("img", { name: /QR code du billet/ })).toBeVisible();
    await expect(page.getByRole("link", { name: /Ajouter à mon agenda/ })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, "ticket-390");
  });

  test("(c) a second visitor lands on the waiting list", async ({ page }) => {
    await visit(page, `/visites/${slots[0]}/reserver`);
    await expect(page.getByText(/Complet/)).toBeVisible();
    await fillIndividual(page, 2, "Hugo Bernard", visitorB);
    await page.getByRole("button", { name: "M'inscrire sur la liste d'attente" }).click();
    await expect(page.getByText("Vous êtes sur la liste d'attente.")).toBeVisible();
    await expectAccessible(page);
  });

  test("(a) cancels, and (c) is promoted and told by e-mail", async ({ page }) => {
    await visit(page, manageLinkA);
    await page.getByLabel("Je confirme l'annulation").check();
    await page.getByRole("button", { name: "Annuler la réservation" }).click();
    await expect(page.getByText("Cette réservation est annulée.")).toBeVisible();
    await expectAccessible(page);
    // Promoted in the cancellation's own transaction, before its e-mail is even delivered.
    const statusB = await withDb(async (c) => (await c.query(`SELECT status FROM "Booking" WHERE email = $1`, [visitorB])).rows.map((r) => r.status));
    expect(statusB).toEqual(["CONFIRMED"]);

    const ticketB = await linkFromMailbox(page, visitorB, /Place confirmée/, /\/billet\//);
    await page.goto(ticketB);
    await expect(page.getByText("Confirmée")).toBeVisible();
    await expect(page.getByRole("img", { name: /QR code du billet/ })).toBeVisible();
    await expectAccessible(page);
  });
});

test("(b) a teacher signs in and books for a class of 24 with 2 adults", async ({ page }) => {
  // A teacher new to the site: any address can sign in (the demo teacher already has a class booked).
  await signInViaMailbox(page, `prof.${Date.now()}@example.org`, `/visites/${slots[1]}/reserver`);
  await expect(page).toHaveURL(new RegExp(`/visites/${slots[1]}/reserver`));
  await expectAccessible(page);
  await page.getByLabel("Pour une classe (enseignant·e)").check();
  await page.getByLabel("Nombre d'élèves").fill("24");
  await page.getByLabel("Nombre d'accompagnateurs adultes").fill("2");
  await page.getByLabel("Code UAI de l'établissement").fill("0740003X");
  await page.getByLabel("Nom de l'établissement").fill("Collège Anthoinoz");
  await page.getByLabel("Niveau de la classe").selectOption("4e");
  await page.getByLabel("Nom et prénom").fill("Sophie Enseignante");
  await page.getByLabel(/Téléphone/).fill("06 12 34 56 78");
  await page.getByLabel(/J'accepte que ces informations/).check();
  await page.getByRole("button", { name: "Confirmer la réservation" }).click();
  // A typo in the school code is caught with the expected format.
  await expect(page.locator("#schoolUai-error")).toContainText(/Ce code UAI n'est pas valide/); // the field's own error, under the summary's link
  await expectAccessible(page);
  await page.getByLabel("Code UAI de l'établissement").fill("0740003B");
  await page.getByLabel(/J'accepte que ces informations/).check();
  await page.getByRole("button", { name: "Confirmer la réservation" }).click();
  await expect(page.getByText("C'est réservé !")).toBeVisible();
  await expect(page.getByText(/24 élèves et 2 accompagnateurs/)).toBeVisible();
  await expectAccessible(page);
  const taken = await withDb(async (c) => (await c.query(`SELECT taken, "takenBySchools" FROM "Slot" WHERE id = $1`, [slots[1]])).rows[0]);
  expect(taken).toEqual({ taken: 26, takenBySchools: 26 });
});
