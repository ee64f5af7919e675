import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "@/lib/seed/demo-accounts";
import { setAppClock } from "./clock";
import { createTestCircuit, createTestFactory, withDb } from "./db";
import { expectAccessible, linkFromMailbox, proofOfWorkDone, screenshot, signedInAs, visit } from "./utils";

// Issue 16: allocation by draw. A coach tour is ranked like a visit. The organiser puts two popular
// visits in a draw; a visitor ranks them from the public page and changes her mind from her private
// link; at the close the draw runs once, and the public page publishes the seed, the order under
// pseudonyms and the result, which the visitor's page and her mailbox confirm.

const TAG = randomUUID().slice(0, 6);
const DRAW = `Tirage du Jura ${TAG}`;
const SITES = [`Verrerie du tirage ${TAG}`, `Lunetterie du tirage ${TAG}`];
const TOUR = `Le car des ateliers ${TAG}`;
const TOUR_DRAW = `Tirage du car ${TAG}`;
const PHONE = { width: 390, height: 844 };
const slotIds: string[] = [];

// "2026-12-06T21:15" in Paris, as <input type="datetime-local"> takes it.
const parisLocal = (instant: Date) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Paris", dateStyle: "short", timeStyle: "short" }).format(instant).replace(" ", "T");

test.beforeAll(async () => {
  // Two seats each: four parties of two want them, so two get a place and two wait.
  for (const [i, name] of SITES.entries()) {
    const factory = await createTestFactory(name, [{ hourUtc: 9 + 3 * i, capacity: 2, audience: "PUBLIC", maxSeats: 2 }]);
    slotIds.push(factory.slotIds[0]);
  }
});

test.afterAll(({ request }) => setAppClock(request, null));

const bookingsOf = () =>
  withDb(async (client) => (await client.query<{ status: string; seats: number }>(`SELECT status, seats FROM "Booking" WHERE "slotId" = ANY($1)`, [slotIds])).rows);

test("a coach tour in a draw: the organiser ticks it, its page points to the draw, where it is ranked like a visit", async ({ page }) => {
  // Its own tour through two visits of its own: the demo's draw may have been drawn by the time this
  // runs (other journeys move the app's clock).
  const stops = [];
  for (const [i, name] of [`Cristallerie du car ${TAG}`, `Pipier du car ${TAG}`].entries()) {
    stops.push((await createTestFactory(name, [{ hourUtc: 8 + 3 * i, capacity: 10, audience: "PUBLIC", maxSeats: 4 }])).slotIds[0]);
  }
  const circuitId = await createTestCircuit(TOUR, stops);

  await signedInAs(page, DEMO_ACCOUNTS.organiser.email, "/organisation/tirages");
  await page.getByLabel("Nom du tirage").fill(TOUR_DRAW);
  await page.getByLabel("Ouverture des vœux").fill(parisLocal(new Date(Date.now() - 60_000)));
  await page.getByLabel("Clôture des vœux (et tirage)").fill(parisLocal(new Date(Date.now() + 24 * 3600_000)));
  await page.getByRole("checkbox", { name: new RegExp(TOUR) }).check();
  await page.getByRole("button", { name: "Créer le tirage" }).click();
  await expect(page.getByText("Le tirage est créé.")).toBeVisible();

  await page.context().clearCookies();
  await visit(page, `/circuits/${circuitId}`);
  await expect(page.getByText(/Ce circuit est attribué par tirage au sort/)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Voir le tirage et faire mes vœux" }).click();
  await expect(page.getByRole("heading", { level: 1, name: TOUR_DRAW })).toBeVisible();
  await expect(page.getByText(`Circuit en car « ${TOUR} »`)).toBeVisible();
  await expect(page.getByLabel("Vœu n° 1").getByRole("option", { name: new RegExp(`Circuit « ${TOUR} »`) })).toHaveCount(1);
  await expectAccessible(page);
});

test("a visitor ranks two visits in a draw, the draw runs at the close and publishes a result anyone can check", async ({ page }) => {
  test.slow(); // one long journey over two accounts, the clock moved to the close, and axe on every screen
  const email = `tirage.${TAG}@example.org`;
  const closesAt = new Date(Date.now() + 24 * 3600_000);
  let drawId = "";
  let manageLink = "";

  await test.step("the organiser opens a wish window over the two visits", async () => {
    await signedInAs(page, DEMO_ACCOUNTS.organiser.email, "/organisation/tirages");
    await page.getByLabel("Nom du tirage").fill(DRAW);
    await page.getByLabel("Ouverture des vœux").fill(parisLocal(new Date(Date.now() - 60_000)));
    await page.getByLabel("Clôture des vœux (et tirage)").fill(parisLocal(closesAt));
    // A whole phase is the other choice: its audience and day replace the list of visits.
    await page.getByRole("radio", { name: /Toute une phase de réservation/ }).check();
    await expect(page.getByLabel("Public des visites")).toBeVisible();
    await expect(page.getByRole("checkbox", { name: new RegExp(SITES[0]) })).toHaveCount(0);
    await expectAccessible(page);
    await page.getByRole("radio", { name: /Les visites que je coche/ }).check();
    for (const site of SITES) await page.getByRole("checkbox", { name: new RegExp(site) }).check();
    await page.getByRole("button", { name: "Créer le tirage" }).click();
    await expect(page.getByText("Le tirage est créé.")).toBeVisible();
    await expectAccessible(page);
    drawId = await withDb(async (client) => (await client.query<{ id: string }>(`SELECT id FROM "Draw" WHERE name = $1`, [DRAW])).rows[0].id);
  });

  await test.step("the visits' pages point to the draw instead of the booking form", async () => {
    await visit(page, `/visites/${slotIds[0]}/reserver`);
    await expect(page.getByText(/Cette visite est attribuée par tirage au sort/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Confirmer la réservation" })).toHaveCount(0);
  });

  await test.step("a visitor ranks both visits on the public page, on her phone", async () => {
    await page.context().clearCookies();
    await page.setViewportSize(PHONE);
    await visit(page, "/tirages");
    await page.getByRole("link", { name: DRAW }).click();
    await expect(page.getByRole("heading", { level: 1, name: DRAW })).toBeVisible();
    await expect(page.getByText("Empreinte de la graine (SHA-256)")).toBeVisible();
    await expectAccessible(page);
    await expect(page.getByLabel("Vœu n° 1").getByRole("option", { name: new RegExp(SITES[0]) })).toHaveCount(1);
    await page.getByLabel("Vœu n° 1").selectOption(slotIds[0]);
    await page.getByLabel("Vœu n° 2").selectOption(slotIds[1]);
    await page.getByLabel("Nombre de places").selectOption("2");
    await page.getByLabel("Nom et prénom").fill("Lise Bisontine");
    await page.getByLabel("Adresse e-mail").fill(email);
    await page.getByLabel(/J'accepte que ces informations/).check();
    await proofOfWorkDone(page);
    await page.getByRole("button", { name: "Envoyer mes vœux" }).click();
    await expect(page).toHaveURL(/\/tirages\/demande\//);
    await expect(page.getByText("Vos vœux sont enregistrés.")).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, "journeys-draws-applied-390");
    manageLink = new URL(page.url()).pathname;
    const mailed = await linkFromMailbox(page, email, /Vœux enregistrés/, /\/tirages\/demande\//);
    expect(new URL(mailed).pathname).toBe(manageLink);
  });

  await test.step("she puts the second visit first, from her private link", async () => {
    await visit(page, manageLink);
    const ranked = page.getByRole("list").filter({ hasText: SITES[0] }).first();
    await page.getByLabel("Vœu n° 1").selectOption(slotIds[1]);
    await page.getByLabel("Vœu n° 2").selectOption(slotIds[0]);
    await page.getByRole("button", { name: "Modifier mes vœux" }).click();
    await expect(page.getByText("Vos vœux sont modifiés.")).toBeVisible();
    await expect(ranked.getByRole("listitem").first()).toContainText(SITES[1]);
    await expectAccessible(page);
  });

  await test.step("three other parties applied too; the window closes and the draw runs once", async () => {
    await withDb(async (client) => {
      for (let i = 0; i < 3; i++) {
        const address = `autre.${i}.${TAG}@example.org`;
        const booker = { kind: "INDIVIDUAL", seats: 2, minors: 0, contactName: `Autre ${i}`, email: address, consent: true, locale: "fr" };
        await client.query(
          `INSERT INTO "DrawApplication" (id, "drawId", kind, seats, email, booker, wishes, "manageTokenHash", "updatedAt")
           VALUES ($1, $2, 'INDIVIDUAL', 2, $3, $4, $5, $6, now())`,
          [`e2e${TAG}${i}`, drawId, address, JSON.stringify(booker), slotIds, randomUUID().replaceAll("-", "").padEnd(64, "0")],
        );
      }
    });
    await setAppClock(page.request, new Date(closesAt.getTime() + 60_000));
    // The scheduler draws within a second; the organiser's button does the same once, whichever is first.
    await page.setViewportSize({ width: 1280, height: 800 });
    await signedInAs(page, DEMO_ACCOUNTS.organiser.email, "/organisation/tirages");
    const run = page.getByRole("button", { name: `Lancer le tirage maintenant : ${DRAW}` });
    if (await run.isVisible()) await run.click();
    await expect.poll(async () => (await bookingsOf()).filter((b) => b.status === "CONFIRMED").length, { timeout: 20_000 }).toBe(2);
    // Two parties placed (two seats in each visit), the two others on both waiting lists.
    const bookings = await bookingsOf();
    expect(bookings.filter((b) => b.status === "WAITLISTED")).toHaveLength(4);
  });

  await test.step("the public page publishes the seed, the order and the result", async () => {
    await visit(page, `/tirages/${drawId}`);
    await expect(page.getByRole("heading", { name: "Résultat du tirage" })).toBeVisible();
    const table = page.getByRole("table", { name: "Ordre du tirage et résultat" });
    await expect(table.getByRole("row")).toHaveCount(5);
    await expect(table.getByRole("cell", { name: "Liste d'attente" })).toHaveCount(2);
    await expect(page.getByText("npm run draw:verify")).toBeVisible();
    await screenshot(page, "journeys-draws-result-1280");
    const record = await page.request.get(`/tirages/${drawId}/resultat.json`);
    expect(record.status()).toBe(200);
    expect((await record.json()).allocations).toHaveLength(2);
  });

  await test.step("her page tells her place in the order and what she got", async () => {
    await visit(page, manageLink);
    await expect(page.getByText(/Tiré au sort au rang \d sur 4/)).toBeVisible();
  });
});
