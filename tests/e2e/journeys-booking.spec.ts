// Issue 13, items 1, 2 and 8, and the ticket's QR code, walked as a parent on a phone and a teacher
// would: what was entered survives an error, a saved seat count stays saved, a waiting-list entry
// says where it stands and is not shown as a ticket, and the ticket's QR code opens the ticket.
import { expect, test, type Page } from "@playwright/test";
import jsQR from "jsqr";
import sharp from "sharp";
import { createTestFactory, withDb } from "./db";
import { expectAccessible, linkFromMailbox, screenshot, signInViaMailbox, visit } from "./utils";

const FACTORY = `Cristallerie des Journées ${Date.now() % 100000}`;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
let slots: string[];

test.beforeAll(async () => {
  // A public visit with room, a visit open to classes, and a one-seat visit for the waiting list.
  ({ slotIds: slots } = await createTestFactory(FACTORY, [
    { hourUtc: 8, capacity: 20 },
    { hourUtc: 13, capacity: 30, audience: "BOTH" },
    { hourUtc: 10, capacity: 1 },
  ]));
});

const bookingRow = (email: string) =>
  withDb(async (c) => (await c.query(`SELECT seats, adults, status, "classLevel" FROM "Booking" WHERE email = $1`, [email])).rows);

async function shoot(page: Page, name: string) {
  await screenshot(page, `journeys-booking-${name}-${page.viewportSize()?.width}`);
}

async function fillContact(page: Page, name: string, email: string) {
  await page.getByLabel("Nom et prénom").fill(name);
  await page.getByLabel("Adresse e-mail").fill(email);
}

test.describe.serial("a parent books 3 seats, then changes them", () => {
  const parent = `parent.${Date.now()}@example.org`;
  let manageLink = "";

  test("(1) 3 seats and 1 minor survive the missing consent, and 3 seats are booked", async ({ page }) => {
    await page.setViewportSize(PHONE);
    await visit(page, `/visites/${slots[0]}/reserver`);
    await page.getByLabel("Nombre de places").selectOption("3");
    await page.getByLabel("Dont mineurs").selectOption("1");
    await fillContact(page, "Claire Rousseau", parent);
    await page.getByRole("button", { name: "Confirmer la réservation" }).click();
    await expect(page.locator("#consent-error")).toContainText("Cochez la case pour accepter"); // the field's own error, under the summary's link
    // Before the fix the lists went back to 1 and 0 here.
    await expect(page.getByLabel("Nombre de places")).toHaveValue("3");
    await expect(page.getByLabel("Dont mineurs")).toHaveValue("1");
    await expect(page.getByLabel("Nom et prénom")).toHaveValue("Claire Rousseau");
    await expectAccessible(page);
    await shoot(page, "consent-error");

    await page.getByLabel(/J'accepte que ces informations/).check();
    await page.getByRole("button", { name: "Confirmer la réservation" }).click();
    await expect(page.getByText("C'est réservé !")).toBeVisible();
    await expect(page.getByText("3 personnes")).toBeVisible();
    await expectAccessible(page);
    await shoot(page, "booked");
    manageLink = new URL(page.url()).pathname;
    expect(await bookingRow(parent)).toEqual([{ seats: 3, adults: 2, status: "CONFIRMED", classLevel: null }]);
  });

  test("(QR) the ticket's QR code decodes to the ticket's URL", async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    const ticketLink = await linkFromMailbox(page, parent, /Réservation confirmée/, /\/billet\//);
    await visit(page, manageLink);
    const qr = page.getByRole("img", { name: /QR code du billet/ });
    await expect(qr).toBeVisible();
    await shoot(page, "ticket");
    const { data, info } = await sharp(await qr.screenshot()).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const decoded = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height);
    // Before the fix it held the bare token, meaningless to a phone camera.
    expect(decoded?.data).toBe(ticketLink);
    expect(decoded?.data).toMatch(/^https?:\/\/[^/]+\/billet\/[\w-]+$/);
  });

  test("(2) a saved seat count stays shown and is not put back by the next save", async ({ page }) => {
    await page.setViewportSize(PHONE);
    await visit(page, manageLink);
    const seats = page.getByLabel("Nombre de places");
    await expect(seats).toHaveValue("3");
    await seats.selectOption("2");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await expect(page.getByText("Le nombre de places a été modifié.")).toBeVisible();
    await expect(page.getByText("2 personnes")).toBeVisible();
    // Before the fix the list still said 3 here, and the next save put 3 seats back.
    await expect(seats).toHaveValue("2");
    await expectAccessible(page);
    await shoot(page, "seats-changed");

    await page.getByLabel("Dont mineurs").fill("0");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await expect.poll(async () => (await bookingRow(parent))[0]).toMatchObject({ seats: 2, adults: 2 });
    await expect(seats).toHaveValue("2");
    await expect(page.getByLabel("Dont mineurs")).toHaveValue("0");
    await expectAccessible(page);
  });
});

test("(1) a class level 3e stays 3e after an error, and the class is booked as 3e", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  const teacher = `prof.journees.${Date.now()}@example.org`;
  await signInViaMailbox(page, teacher, `/visites/${slots[1]}/reserver`);
  await expect(page).toHaveURL(new RegExp(`/visites/${slots[1]}/reserver`));
  await page.getByLabel("Pour une classe (enseignant·e)").check();
  await page.getByLabel("Nombre d'élèves").fill("20");
  await page.getByLabel("Nombre d'accompagnateurs adultes").fill("2");
  await page.getByLabel("Code UAI de l'établissement").fill("0740003B");
  await page.getByLabel("Nom de l'établissement").fill("Collège Anthoinoz");
  await page.getByLabel("Niveau de la classe").selectOption("3e");
  await fillContact(page, "Sophie Enseignante", teacher);
  await page.getByLabel(/Téléphone/).fill("06 12 34 56 78");
  await page.getByRole("button", { name: "Confirmer la réservation" }).click();
  await expect(page.locator("#consent-error")).toContainText("Cochez la case pour accepter"); // the field's own error, under the summary's link
  // Before the fix the level went back to 4e.
  await expect(page.getByLabel("Niveau de la classe")).toHaveValue("3e");
  await expect(page.getByLabel("Nombre d'élèves")).toHaveValue("20");
  await expect(page.getByLabel(/Téléphone/)).toHaveValue("06 12 34 56 78");
  await expectAccessible(page);
  await shoot(page, "class-error");

  await page.getByLabel(/J'accepte que ces informations/).check();
  await page.getByRole("button", { name: "Confirmer la réservation" }).click();
  await expect(page.getByText("C'est réservé !")).toBeVisible();
  await expectAccessible(page);
  expect(await bookingRow(teacher)).toEqual([{ seats: 22, adults: 2, status: "CONFIRMED", classLevel: "3e" }]);
});

test("(8) a waitlisted visitor sees their place in line, once, and no ticket", async ({ page }) => {
  await page.setViewportSize(PHONE);
  const stamp = Date.now();
  const [holder, first, second] = ["tient", "premier", "second"].map((who) => `${who}.${stamp}@example.org`);
  const bookOne = async (email: string, button: string) => {
    await visit(page, `/visites/${slots[2]}/reserver`);
    await fillContact(page, "Alex Martin", email);
    await page.getByLabel(/J'accepte que ces informations/).check();
    await page.getByRole("button", { name: button }).click();
    await expect(page).toHaveURL(/\/reservation\//);
    return new URL(page.url()).pathname;
  };
  await bookOne(holder, "Confirmer la réservation");
  const firstLink = await bookOne(first, "M'inscrire sur la liste d'attente");
  await bookOne(second, "M'inscrire sur la liste d'attente");

  for (const viewport of [PHONE, DESKTOP]) {
    await page.setViewportSize(viewport);
    await visit(page, `${firstLink}?nouvelle=1`);
    const banner = page.getByRole("status").filter({ hasText: "liste d'attente" });
    await expect(banner).toContainText("position 1 sur 2");
    // Information, not a green success, and said once.
    await expect(banner).not.toHaveClass(/bg-green/);
    await expect(page.getByText("Vous êtes sur la liste d'attente")).toHaveCount(1);
    await expect(page.getByText(/Si une place se libère/)).toHaveCount(1);
    // Not a ticket: no QR code, no ticket code, no calendar file.
    await expect(page.getByRole("img", { name: /QR code/ })).toHaveCount(0);
    await expect(page.getByText("Code du billet")).toHaveCount(0);
    await expect(page.getByRole("link", { name: /Ajouter à mon agenda/ })).toHaveCount(0);
    // Cancelling frees no seat for the others: say what it does.
    await expect(page.getByText("Les places libérées profiteront aux personnes en liste d'attente.")).toHaveCount(0);
    await expect(page.getByText("Vous quitterez la liste d'attente de cette visite.")).toBeVisible();
    await shoot(page, "waitlisted");
  }
  expect((await bookingRow(second))[0]).toMatchObject({ status: "WAITLISTED" });
});
