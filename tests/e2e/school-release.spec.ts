import { expect, test } from "@playwright/test";
import { setAppClock } from "./clock";
import { createTestFactory, withDb } from "./db";
import { expectAccessible, linkFromMailbox, visit } from "./utils";

// A visit whose free seats are all held for school classes until a date: visitors see it as
// "Réservé aux classes jusqu'au …" (catalogue, factory page, API) and can only wait; when the date
// passes, the scheduler promotes the waiting visitor and e-mails them, without anyone touching the slot.

const run = `${Date.now()}`.slice(-6);
const FACTORY = `Verrerie des classes ${run}`;
const VISITOR = `lea.garnier.${run}@example.org`;
let factoryId = "";
let slotId = "";
let releaseAt: Date;

test.beforeAll(async () => {
  ({ factoryId, slotIds: [slotId] } = await createTestFactory(FACTORY, [{ hourUtc: 9, capacity: 4, audience: "BOTH" }]));
  // Every seat held for classes until tomorrow (to the minute: the page shows minutes).
  releaseAt = new Date(Math.ceil((Date.now() + 24 * 3600_000) / 60_000) * 60_000);
  await withDb((client) =>
    client.query(`UPDATE "Slot" SET "schoolReservedSeats" = 4, "schoolReservedUntil" = $2 WHERE id = $1`, [slotId, releaseAt]),
  );
});

test.afterAll(async ({ request }) => {
  await setAppClock(request, null);
});

const reservedText = /Réservé aux classes jusqu'au \d{1,2} \S+ \d{4}/;

test("a visitor waits for seats held for classes and is promoted when they are released", async ({ page, request }) => {
  await test.step("the catalogue shows the visit as reserved for classes, not bookable", async () => {
    await visit(page, `/visites?q=${encodeURIComponent(FACTORY)}`);
    const card = page.getByRole("article").filter({ hasText: FACTORY });
    await expect(card.getByText(reservedText)).toBeVisible();
    await expect(card.getByRole("link", { name: /^Réserver/ })).toHaveCount(0);
    await expect(card.getByRole("link", { name: /^Inscrire une classe/ })).toBeVisible();
    // A teacher searching for classes sees it bookable.
    await visit(page, `/visites?q=${encodeURIComponent(FACTORY)}&audience=SCHOOL`);
    await expect(page.getByRole("article").filter({ hasText: FACTORY }).getByRole("link", { name: /^Réserver/ })).toBeVisible();
  });

  await test.step("so does the factory page", async () => {
    await visit(page, `/usines/${factoryId}`);
    const slot = page.getByRole("article").filter({ hasText: reservedText });
    await expect(slot).toHaveCount(1);
    await expect(slot.getByRole("link", { name: /^Réserver/ })).toHaveCount(0);
  });

  await test.step("and the API", async () => {
    const response = await request.get(`/api/v1/slots?q=${encodeURIComponent(FACTORY)}`);
    expect(response.status()).toBe(200);
    const { items } = await response.json();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: slotId,
      seatsLeft: 4,
      seatsLeftForIndividuals: 0,
      seatsLeftForSchools: 4,
      schoolReservedUntil: releaseAt.toISOString(),
    });
  });

  await test.step("a visitor joins the waiting list", async () => {
    await visit(page, `/visites/${slotId}/reserver`);
    await expect(page.getByText(reservedText)).toBeVisible();
    await page.getByLabel("Nombre de places").selectOption("2");
    await page.getByLabel("Nom et prénom").fill("Léa Garnier");
    await page.getByLabel("Adresse e-mail").fill(VISITOR);
    await page.getByLabel(/J'accepte que ces informations/).check();
    await page.getByRole("button", { name: "M'inscrire sur la liste d'attente" }).click();
    await expect(page.getByText("Vous êtes sur la liste d'attente.")).toBeVisible();
    await expectAccessible(page);
  });

  await test.step("after the release time, the scheduler promotes and e-mails the visitor", async () => {
    await setAppClock(request, new Date(releaseAt.getTime() + 60_000));
    // Nobody touches the slot: the scheduler (every second on this server) does it.
    await expect(async () => {
      const status = await withDb(async (client) =>
        (await client.query(`SELECT status FROM "Booking" WHERE email = $1`, [VISITOR])).rows[0]?.status,
      );
      expect(status).toBe("CONFIRMED");
    }).toPass({ timeout: 20_000 });
    const ticket = await linkFromMailbox(page, VISITOR, /Place confirmée/, /\/billet\//);
    await page.goto(ticket);
    await expect(page.getByText("Confirmée")).toBeVisible();
    await expectAccessible(page);

    await visit(page, `/usines/${factoryId}`);
    await expect(page.getByText("2 places restantes")).toBeVisible();
  });
});
