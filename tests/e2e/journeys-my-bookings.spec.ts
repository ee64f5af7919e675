// Issue 13, item 5: a visitor who booked finds their bookings again ("Retrouver mes réservations":
// one e-mail with the private links, the same answer for an address without bookings), and the
// overlap error names the booking it overlaps; a teacher signs in and lands on "Mes réservations"
// with their class booking (the organiser's landing: smoke.spec.ts).
import { expect, test, type Page } from "@playwright/test";
import { createTestFactory } from "./db";
import { expectAccessible, linkFromMailbox, proofOfWorkDone, screenshot, signInViaMailbox, visit } from "./utils";

const FACTORY = `Tannerie des Retrouvailles ${Date.now() % 100000}`;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const MANAGE_LINK = /\/reservation\/[A-Za-z0-9_-]{43}$/;
const SAME_ANSWER = "Si des réservations existent pour cette adresse, vous allez recevoir un e-mail";
let publicVisit: string, overlapping: string, schoolVisit: string;

test.beforeAll(async () => {
  // A public visit at 08:00 UTC, another at 09:00 UTC (it overlaps the first: 90 minutes each), and a
  // visit for classes in the afternoon.
  ({
    slotIds: [publicVisit, overlapping, schoolVisit],
  } = await createTestFactory(FACTORY, [
    { hourUtc: 8, capacity: 20, audience: "PUBLIC" },
    { hourUtc: 9, capacity: 20, audience: "PUBLIC" },
    { hourUtc: 14, capacity: 40, audience: "SCHOOL" },
  ]));
});

async function shoot(page: Page, name: string) {
  await screenshot(page, `journeys-my-bookings-${name}-${page.viewportSize()?.width}`);
}

async function bookPublicVisit(page: Page, slotId: string, email: string) {
  await visit(page, `/visites/${slotId}/reserver`);
  await page.getByLabel("Nombre de places").selectOption("2");
  await page.getByLabel("Nom et prénom").fill("Lucie Bernard");
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel(/J'accepte que ces informations/).check();
  await page.getByRole("button", { name: "Confirmer la réservation" }).click();
}

async function askForMyBookings(page: Page, email: string) {
  await page.getByLabel("Adresse e-mail utilisée pour réserver").fill(email);
  await proofOfWorkDone(page);
  await page.getByRole("button", { name: "Recevoir mes liens par e-mail" }).click();
  await expect(page.getByRole("status").filter({ hasText: SAME_ANSWER })).toBeVisible();
}

test("a visitor finds their booking again by e-mail, and the overlap error names it", async ({ page }) => {
  test.slow(); // two bookings, two requests, the mailbox, and axe on every screen
  const parent = `lucie.retrouve.${Date.now()}@example.org`;
  const stranger = `personne.${Date.now()}@example.org`;
  await page.setViewportSize(PHONE);
  await bookPublicVisit(page, publicVisit, parent);
  await expect(page.getByText("C'est réservé !")).toBeVisible();

  // A second visit at an overlapping time: the error says which booking is in the way.
  await bookPublicVisit(page, overlapping, parent);
  const alert = page.getByRole("alert").filter({ hasText: "chevauche" }).first();
  await expect(alert).toContainText(FACTORY);
  await expect(alert).toContainText(/de \d{1,2}:\d{2} à \d{1,2}:\d{2}/);
  await expectAccessible(page);
  await shoot(page, "overlap");
  // exact: the error summary's link to the e-mail field quotes the message, which names the page too.
  await page.getByRole("link", { name: "Retrouver mes réservations", exact: true }).first().click();
  await expect(page).toHaveURL(/\/reservations\/retrouver$/);

  // The footer leads there too; an address without bookings gets the same answer…
  await visit(page, "/");
  await page.getByRole("contentinfo").getByRole("link", { name: "Retrouver mes réservations" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Retrouver mes réservations" })).toBeVisible();
  await expectAccessible(page);
  await askForMyBookings(page, stranger);
  await expectAccessible(page);
  await shoot(page, "find-sent");

  // …as the parent's, who receives one e-mail with the private link.
  await page.setViewportSize(DESKTOP);
  await visit(page, "/reservations/retrouver");
  await shoot(page, "find");
  await askForMyBookings(page, parent);
  const link = await linkFromMailbox(page, parent, /Vos réservations/, MANAGE_LINK);
  await expect(page.getByText("Ces liens sont personnels")).toBeVisible();
  await expect(page.getByRole("link", { name: MANAGE_LINK })).toHaveCount(1);
  await shoot(page, "mail");
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Ma réservation" })).toBeVisible();
  await expect(page.getByText(FACTORY).first()).toBeVisible();
  await expectAccessible(page);

  // Nothing was sent to the address without bookings.
  await visit(page, `/dev/boite-mail?to=${encodeURIComponent(stranger)}`);
  await expect(page.getByRole("link", { name: /Vos réservations/ })).toHaveCount(0);
});

test("a teacher signs in and lands on Mes réservations with their class booking", async ({ page }) => {
  test.slow(); // a sign-in through the mailbox and a class booking
  const teacher = `prof.espace.${Date.now()}@example.org`;
  await page.setViewportSize(PHONE);
  await signInViaMailbox(page, teacher);
  // No booking yet: their space says so.
  await expect(page).toHaveURL(/\/mes-reservations$/);
  await expect(page.getByText("Aucune réservation pour l'instant")).toBeVisible();

  await visit(page, `/visites/${schoolVisit}/reserver`);
  await page.getByLabel("Nombre d'élèves").fill("24");
  await page.getByLabel("Nombre d'accompagnateurs adultes").fill("2");
  await page.getByLabel("Code UAI de l'établissement").fill("0740003B");
  await page.getByLabel("Nom de l'établissement").fill("Collège Jean-Moulin");
  await page.getByLabel("Niveau de la classe").selectOption("4e");
  await page.getByLabel("Nom et prénom").fill("Nadia Professeure");
  await page.getByLabel(/Téléphone/).fill("06 12 34 56 78");
  await page.getByLabel(/J'accepte que ces informations/).check();
  await page.getByRole("button", { name: "Confirmer la réservation" }).click();
  await expect(page.getByText("C'est réservé !")).toBeVisible();

  // Their own space lists the class.
  await visit(page, "/mes-reservations");
  await expect(page.getByRole("heading", { level: 1, name: "Mes réservations" })).toBeVisible();
  const card = page.getByRole("listitem").filter({ hasText: FACTORY });
  await expect(card).toContainText("Collège Jean-Moulin");
  await expect(card).toContainText("24 élèves et 2 accompagnateurs");
  await expect(card).toContainText("Confirmée");
  await expectAccessible(page);
  await shoot(page, "teacher");
  await page.setViewportSize(DESKTOP);
  await shoot(page, "teacher");
  await page.getByRole("link", { name: new RegExp(`Gérer cette réservation – .*${FACTORY}`) }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ma réservation" })).toBeVisible();
  await expectAccessible(page);
});
