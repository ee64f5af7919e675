import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "@/lib/seed/demo-accounts";
import { createTestFactory, withDb } from "./db";
import { expectAccessible, linkFromMailbox, proofOfWorkDone, screenshot, signedInAs, visit } from "./utils";

// Issue 16: a coach tour through two factories, booked from the public catalogue as one booking
// (a seat on the bus and in both visits), a second party on the waiting list, and the first
// cancellation promoting it; the factory page lists the tour, and the organiser sees the bus fill.

const TAG = randomUUID().slice(0, 6);
const CIRCUIT = `Circuit du Jura ${TAG}`;
const PHONE = { width: 390, height: 844 };
let circuitId = "";
let stopFactoryId = "";
let slotIds: string[] = [];

test.beforeAll(async () => {
  // Two sites in Saint-Claude: 09:00–10:30 and 12:00–13:30 in Paris (the edition's first day, in March).
  const first = await createTestFactory(`Verrerie du circuit ${TAG}`, [{ hourUtc: 8, capacity: 20 }]);
  const second = await createTestFactory(`Tournerie du circuit ${TAG}`, [{ hourUtc: 11, capacity: 20 }]);
  stopFactoryId = first.factoryId;
  slotIds = [first.slotIds[0], second.slotIds[0]];
  circuitId = `e2e${randomUUID().replaceAll("-", "").slice(0, 20)}`;
  await withDb(async (client) => {
    // A bus of 3 seats: a party of 2 fills it enough that the next party of 2 waits.
    await client.query(
      `INSERT INTO "Circuit" (id, "editionId", name, description, audience, "departureAddress", "departurePostalCode", "departureCommuneName",
         "departureDepartmentCode", "departsAt", "returnsAt", "busCapacity", "maxSeatsPerBooking", status, "updatedAt")
       SELECT $1, "editionId", $2, 'Le verre le matin, le bois à midi.', 'BOTH', 'Place de la Cathédrale', '39200', 'Saint-Claude', '39',
         "startsAt" - interval '30 minutes', "startsAt" + interval '5 hours', 3, 3, 'PUBLISHED', now()
       FROM "Slot" WHERE id = $3`,
      [circuitId, CIRCUIT, slotIds[0]],
    );
    for (const [i, slotId] of slotIds.entries()) {
      await client.query(`INSERT INTO "CircuitLeg" (id, "circuitId", "slotId", position) VALUES ($1, $2, $3, $4)`, [`${circuitId}l${i}`, circuitId, slotId, i + 1]);
    }
  });
});

const seatsTaken = () =>
  withDb(async (client) => {
    const bus = await client.query<{ busTaken: number }>(`SELECT "busTaken" FROM "Circuit" WHERE id = $1`, [circuitId]);
    const legs = await client.query<{ taken: number }>(`SELECT taken FROM "Slot" WHERE id = ANY($1) ORDER BY "startsAt"`, [slotIds]);
    return { bus: bus.rows[0].busTaken, legs: legs.rows.map((row) => row.taken) };
  });

const statusOf = (email: string) =>
  withDb(async (client) => (await client.query<{ status: string }>(`SELECT status FROM "CircuitBooking" WHERE email = $1`, [email])).rows[0]?.status);

async function bookTwoSeats(page: Page, name: string, email: string) {
  await page.getByLabel("Nombre de places").selectOption("2");
  await page.getByLabel("Nom et prénom").fill(name);
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel(/J'accepte que ces informations/).check();
  await proofOfWorkDone(page);
  await page.getByRole("button", { name: "Confirmer la réservation" }).click();
  await expect(page).toHaveURL(/\/circuits\/reservation\//);
}

test("a family books a coach tour, a second one waits and is promoted when the first cancels", async ({ page }) => {
  await page.setViewportSize(PHONE);
  const first = `circuit.${TAG}.a@example.org`;
  const second = `circuit.${TAG}.b@example.org`;
  let manageLink = "";

  await test.step("the catalogue of tours lists it with its stops, and its page takes the booking", async () => {
    await visit(page, `/circuits?${new URLSearchParams({ q: CIRCUIT })}`);
    const card = page.getByRole("article").filter({ hasText: CIRCUIT });
    await expect(card).toContainText("Verrerie du circuit");
    await expect(card).toContainText("Tournerie du circuit");
    await expect(card).toContainText("3 places libres");
    await screenshot(page, "journeys-circuits-catalogue-390");
    await card.getByRole("link", { name: `Réserver le circuit ${CIRCUIT}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: CIRCUIT })).toBeVisible();
    await expectAccessible(page);
    await bookTwoSeats(page, "Claire Jurassienne", first);
    await expect(page.getByText("C'est réservé !")).toBeVisible();
    await expect(page.getByText("Code du billet")).toBeVisible();
    await expect(page.getByRole("img", { name: /QR code du billet/ })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, "journeys-circuits-booked-390");
    manageLink = new URL(page.url()).pathname;
    // One booking, seats on the bus and in both visits.
    expect(await seatsTaken()).toEqual({ bus: 2, legs: [2, 2] });
    // The confirmation e-mail carries the same private link.
    const mailed = await linkFromMailbox(page, first, /Circuit confirmé/, /\/circuits\/reservation\//);
    expect(new URL(mailed).pathname).toBe(manageLink);
  });

  await test.step("a second party of two finds one seat left and joins the waiting list", async () => {
    await visit(page, `/circuits/${circuitId}`);
    await expect(page.getByText("1 place libre")).toBeVisible();
    await bookTwoSeats(page, "Marc Comtois", second);
    await expect(page.getByText("Vous êtes sur la liste d'attente du circuit.")).toBeVisible();
    await expect(page.getByText("Vous êtes en position 1 sur 1")).toBeVisible();
    await expectAccessible(page);
    expect(await statusOf(second)).toBe("WAITLISTED");
    expect(await seatsTaken()).toEqual({ bus: 2, legs: [2, 2] });
  });

  await test.step("the first party cancels: the waiting party gets the seats on the bus and in both visits", async () => {
    await visit(page, manageLink);
    await page.getByLabel("Je confirme l'annulation").check();
    await page.getByRole("button", { name: "Annuler la réservation" }).click();
    await expect(page.getByText("Cette réservation est annulée")).toBeVisible();
    await expectAccessible(page);
    expect(await statusOf(first)).toBe("CANCELLED");
    expect(await statusOf(second)).toBe("CONFIRMED");
    expect(await seatsTaken()).toEqual({ bus: 2, legs: [2, 2] });
  });

  await test.step("the factory page lists the tour that stops there", async () => {
    await visit(page, `/usines/${stopFactoryId}`);
    await expect(page.getByRole("heading", { name: "Un circuit en car passe par ici" })).toBeVisible();
    await expect(page.getByRole("article").filter({ hasText: CIRCUIT })).toContainText("1 place libre");
  });

  await test.step("the organiser sees the bus and each stop's seats", async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await signedInAs(page, DEMO_ACCOUNTS.organiser.email, "/organisation/circuits");
    const row = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: new RegExp(CIRCUIT) }) });
    await expect(row).toContainText("2 places prises sur 3");
    await expectAccessible(page);
    await screenshot(page, "journeys-circuits-organiser-1280");
  });

  await test.step("the guide boards the promoted party at the departure with its ticket code", async () => {
    const code = await withDb(async (client) => (await client.query<{ ticketCode: string }>(`SELECT "ticketCode" FROM "CircuitBooking" WHERE email = $1`, [second])).rows[0].ticketCode);
    const row = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: new RegExp(CIRCUIT) }) });
    await row.getByRole("link", { name: /Départ : faire monter les participants/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Départ : ${CIRCUIT}` })).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel("Code billet").fill(code.toLowerCase());
    await page.getByLabel("Personnes présentes").fill("2");
    await page.getByRole("button", { name: "Faire monter" }).click();
    await expect(page.getByText("2 personnes sont à bord.")).toBeVisible();
    await expect(page.getByText("2 à bord depuis")).toBeVisible();
    expect(await statusOf(second)).toBe("CHECKED_IN");
  });
});
