import { createHash, randomBytes, randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { createTestFactory, withDb } from "./db";
import { expectAccessible, screenshot, signInViaMailbox, visit } from "./utils";

// The door desk without network (docs/decisions/0018-offline-door.md): the desk keeps today's tickets
// on the phone, the network drops, the page still reloads, two tickets are checked in offline (one
// by its code, one by its QR code's link), meanwhile one of them is checked in on another device;
// back online the desk syncs by itself and reports that conflict. The visit is today in real time
// (a visit all day long written in the database): the app's clock is not moved.

const run = `${Date.now()}`.slice(-7);
const CONTACT = `accueil.hors-ligne.${run}@example.org`;
const SITE = `Verrerie hors ligne ${run}`;
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const code = () => Array.from(randomBytes(8), (b) => ALPHABET[b & 31]).join("");
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const rowId = () => `e2e${randomUUID().replaceAll("-", "").slice(0, 20)}`;

const CAMILLE = { id: rowId(), name: "Camille Martin", seats: 2, code: code(), token: randomBytes(32).toString("base64url") };
const LOUIS = { id: rowId(), name: "Louis Bernard", seats: 3, code: code(), token: randomBytes(32).toString("base64url") };

let factoryId = "";

test.beforeAll(async () => {
  ({ factoryId } = await createTestFactory(SITE, []));
  await withDb(async (client) => {
    // Today from 00:01 to 23:59, Paris time: under way whenever the test runs (a midday visit was
    // over after 13:30, and the desk then rightly offers no walk-ins).
    const slotId = rowId();
    await client.query(
      `INSERT INTO "Slot" (id, "editionId", "factoryId", "startsAt", "endsAt", "durationMinutes", capacity, taken, audience)
       SELECT $1, "editionId", id, (date_trunc('day', now() AT TIME ZONE 'Europe/Paris') + interval '1 minute') AT TIME ZONE 'Europe/Paris',
              (date_trunc('day', now() AT TIME ZONE 'Europe/Paris') + interval '23 hours 59 minutes') AT TIME ZONE 'Europe/Paris', 1438, 20, 5, 'PUBLIC'
       FROM "Factory" WHERE id = $2`,
      [slotId, factoryId],
    );
    for (const b of [CAMILLE, LOUIS]) {
      await client.query(
        `INSERT INTO "Booking" (id, "editionId", "slotId", kind, status, seats, "contactName", email, "manageTokenHash", "ticketTokenHash", "ticketCode", "consentAt", "updatedAt")
         SELECT $1, "editionId", id, 'INDIVIDUAL', 'CONFIRMED', $2, $3, $4, $5, $6, $7, now(), now() FROM "Slot" WHERE id = $8`,
        [b.id, b.seats, b.name, `${b.id}@example.org`, sha256(randomUUID()), sha256(b.token), b.code, slotId],
      );
    }
  });
});

const status = (page: Page) => page.getByRole("status").filter({ hasText: /^(En ligne|Hors connexion)/ });

async function checkInOffline(page: Page, typed: string, name: string, seats: number) {
  await page.getByLabel("Code du billet (8 caractères)").fill(typed);
  await page.getByRole("button", { name: "Vérifier le billet" }).click();
  const card = page.getByRole("article", { name });
  await expect(card).toContainText(`${seats} personnes`);
  await card.getByRole("button", { name: `Accueillir (${seats})` }).click();
  await expect(page.getByText(`${seats} personnes accueillies, en attente de synchronisation. Bonne visite !`)).toBeVisible();
  await expect(card.getByText("En attente de synchronisation")).toBeVisible();
  await expectAccessible(page);
}

test("the door desk checks two tickets in offline, syncs when the network returns and reports a conflict", async ({ page, context, baseURL }) => {
  test.slow();
  const desk = `/espace-usine/${factoryId}/accueil`;

  await test.step("online, the desk keeps today's tickets and its page on the phone", async () => {
    await signInViaMailbox(page, CONTACT, "/espace-usine");
    await withDb((client) => client.query(`INSERT INTO "FactoryContact" ("factoryId", "userId") SELECT $1, id FROM "User" WHERE email = $2`, [factoryId, CONTACT]));
    await page.setViewportSize({ width: 390, height: 844 });
    await visit(page, desk);
    await expect(status(page)).toHaveText("En ligne.");
    await expect(page.getByText(/^Billets du jour sur cet appareil : 2 \(copie de \d{1,2} h \d{2}\)\.$/)).toBeVisible();
    // The service worker has taken the page and its scripts.
    await expect
      .poll(() => page.evaluate(async () => (await caches.has("door-pages-v1")) && (await (await caches.open("door-static-v1")).keys()).length > 0))
      .toBe(true);
    // The copy is not in any HTTP cache: the route says no-store.
    const copy = await page.request.get(`${desk}/copie-locale`);
    expect(copy.headers()["cache-control"]).toBe("no-store");
  });

  await test.step("the network drops: the indicator says so, a reload still shows the desk, walk-ins wait", async () => {
    await context.setOffline(true);
    await expect(status(page)).toHaveText(/^Hors connexion : les entrées sont enregistrées sur cet appareil/);
    await expect(page.getByText(/hors connexion, les entrées sans réservation demandent le nombre de places libres à jour/)).toBeVisible();
    await expectAccessible(page);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: `Accueil à l'entrée — ${SITE}` })).toBeVisible();
    await expect(status(page)).toHaveText(/^Hors connexion/);
    await expect(page.getByText(/^Billets du jour sur cet appareil : 2/)).toBeVisible();
    await expectAccessible(page);
  });

  await test.step("two tickets are checked in offline: one by its code, one by its QR code's link", async () => {
    await checkInOffline(page, CAMILLE.code.toLowerCase(), "C. Martin", 2);
    await checkInOffline(page, `${baseURL}/billet/${LOUIS.token}`, "L. Bernard", 3);
    await expect(status(page)).toHaveText(/2 entrées en attente de synchronisation\.$/);
    await screenshot(page, "door-offline-390");
    // Nothing reached the server yet.
    const statuses = await withDb(async (client) => (await client.query(`SELECT status FROM "Booking" WHERE id = ANY($1) ORDER BY id`, [[CAMILLE.id, LOUIS.id]])).rows);
    expect(statuses).toEqual([{ status: "CONFIRMED" }, { status: "CONFIRMED" }]);
  });

  await test.step("meanwhile another device, online, checks Louis Bernard's party in", async () => {
    await withDb((client) =>
      client.query(`UPDATE "Booking" SET status = 'CHECKED_IN', "checkedInCount" = 3, "checkedInAt" = now(), "updatedAt" = now() WHERE id = $1`, [LOUIS.id]),
    );
  });

  await test.step("back online, the desk syncs by itself and reports the conflict", async () => {
    await context.setOffline(false);
    // At once on the browser's "online" event, else at the desk's next try (every 10 s).
    await expect(status(page)).toHaveText("En ligne.", { timeout: 25_000 });
    await expect(page.getByText("Synchronisation : 1 entrée enregistrée, 1 conflit :")).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "L. Bernard" })).toHaveText(/^L\. Bernard : Déjà accueilli à \d{1,2} h \d{2} \(3 personnes\)\.$/);
    await expectAccessible(page);
    await screenshot(page, "door-offline-synced-390");
    const camille = await withDb(async (client) => (await client.query(`SELECT status, "checkedInCount" FROM "Booking" WHERE id = $1`, [CAMILLE.id])).rows[0]);
    expect(camille).toEqual({ status: "CHECKED_IN", checkedInCount: 2 });
    // Sent once: syncing again sends nothing more.
    await page.getByRole("button", { name: "Synchroniser maintenant" }).click();
    await expect(page.getByText(/^Billets du jour sur cet appareil : 2/)).toBeVisible();
    expect(await withDb(async (client) => Number((await client.query(`SELECT count(*) AS n FROM "DoorSyncEntry" WHERE "factoryId" = $1`, [factoryId])).rows[0].n))).toBe(2);
  });
});
