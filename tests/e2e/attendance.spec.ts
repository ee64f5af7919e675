import { expect, test } from "@playwright/test";
import { setAppClock } from "./clock";
import { createTestFactory, withDb } from "./db";
import { expectAccessible, linkFromMailbox, visit } from "./utils";

// Attendance reconfirmation (docs/decisions/0014-attendance-reconfirmation.md): the demo edition asks visitors 3 days before their
// visit whether they still come. A visitor answers "Je libère ma place" from the e-mail, and the
// visitor waiting for that visit is promoted at once.

const run = `${Date.now()}`.slice(-6);
const FACTORY = `Cristallerie de la présence ${run}`;
const HOLDER = `hugo.martin.${run}@example.org`;
const WAITER = `nina.petit.${run}@example.org`;
let slotId = "";
let startsAt: Date;

test.beforeAll(async () => {
  // 05:00 (Paris) on the first day: no demo visit starts that early, so moving the clock to 3 days
  // before it asks only this visit's visitors.
  ({ slotIds: [slotId] } = await createTestFactory(FACTORY, [{ hourUtc: 4, capacity: 2, audience: "BOTH" }]));
  startsAt = await withDb(async (client) => (await client.query(`SELECT "startsAt" FROM "Slot" WHERE id = $1`, [slotId])).rows[0].startsAt);
});

test.afterAll(async ({ request }) => {
  await setAppClock(request, null);
});

async function bookTwoSeats(page: import("@playwright/test").Page, name: string, email: string, button: string) {
  await visit(page, `/visites/${slotId}/reserver`);
  await page.getByLabel("Nombre de places").selectOption("2");
  await page.getByLabel("Nom et prénom").fill(name);
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel(/J'accepte que ces informations/).check();
  await page.getByRole("button", { name: button }).click();
}

const statusOf = (email: string) =>
  withDb(async (client) => (await client.query(`SELECT status FROM "Booking" WHERE email = $1`, [email])).rows[0]?.status);

test("a visitor releases their seat from the attendance e-mail and the waiting visitor is promoted", async ({ page, request }) => {
  await test.step("one visitor takes both seats, another joins the waiting list", async () => {
    await bookTwoSeats(page, "Hugo Martin", HOLDER, "Confirmer la réservation");
    await expect(page.getByText("C'est réservé !")).toBeVisible();
    await bookTwoSeats(page, "Nina Petit", WAITER, "M'inscrire sur la liste d'attente");
    await expect(page.getByText("Vous êtes sur la liste d'attente.")).toBeVisible();
  });

  await test.step("three days before the visit, the holder is asked whether they still come", async () => {
    await setAppClock(request, new Date(startsAt.getTime() - 3 * 24 * 3600_000 + 60_000));
    // Nobody touches the booking: the scheduler (every second on this server) writes the request.
    const release = await linkFromMailbox(page, HOLDER, /^Venez-vous toujours/, /presence\?reponse=non/);
    await visit(page, release);
    await expect(page.getByRole("heading", { name: "Venez-vous toujours ?", level: 1 })).toBeVisible();
    await expect(page.getByText(/Sans réponse de votre part avant le .*, votre place sera libérée/)).toBeVisible();
    // Opening the link changed nothing: the answer takes a click.
    expect(await statusOf(HOLDER)).toBe("CONFIRMED");
  });

  await test.step("the holder releases the seat; the waiting visitor is confirmed and e-mailed", async () => {
    await page.getByLabel("Je confirme l'annulation").check();
    await page.getByRole("button", { name: "Annuler la réservation" }).click();
    await expect(page.getByText("Cette réservation est annulée.")).toBeVisible();
    await expectAccessible(page);
    expect(await statusOf(WAITER)).toBe("CONFIRMED");
    const ticket = await linkFromMailbox(page, WAITER, /Place confirmée/, /\/billet\//);
    await visit(page, ticket);
    await expect(page.getByText("Confirmée")).toBeVisible();
  });

  await test.step("the promoted visitor, asked in turn, confirms in one click", async () => {
    const coming = await linkFromMailbox(page, WAITER, /^Venez-vous toujours/, /presence\?reponse=oui/);
    await visit(page, coming);
    await page.getByRole("button", { name: "Je confirme ma venue" }).click();
    await expect(page.getByText("Merci : votre venue est confirmée. À bientôt !")).toBeVisible();
    await expectAccessible(page);
  });
});
