import { expect, test, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { createTestFactory, withDb } from "./db";
import { expectAccessible, linkFromMailbox, proofOfWorkDone, screenshot, visit } from "./utils";

// Issue 15, the whole visitor story on a phone: someone in Lyon opens the map, picks the Rhône,
// narrows to the job family « Maintenance », keeps two visits that overlap in « Mon programme »,
// reads the clash and prints the programme; then asks to be told about new visits near 69003,
// confirms from the mailbox (opening the link confirms nothing: its button does), and when a factory
// of the Rhône publishes a visit, the scheduler (every second on this server, as
// school-release.spec.ts relies on) e-mails one digest listing it, with the RFC 8058 headers. The
// one-click unsubscribe (a POST from the "mail provider", cross-site) stops everything: no second
// digest.

const run = `${Date.now()}`.slice(-6);
const PRESSES = `Presses lyonnaises ${run}`;
const VALVES = `Robinetterie de Gerland ${run}`;
const EMAIL = `camille.lyon.${run}@example.org`;
const slots: Record<string, string> = {};

test.beforeAll(async () => {
  // Both at dawn on the first day (so they lead the Rhône's results), 30 minutes apart, in Lyon,
  // each showing a maintenance job.
  for (const [name, minutes, romeCode] of [
    [PRESSES, 0, "I1304"],
    [VALVES, 30, "I1302"],
  ] as const) {
    const { factoryId, slotIds } = await createTestFactory(name, [{ hourUtc: 5, capacity: 20, audience: "PUBLIC" }]);
    slots[name] = slotIds[0];
    await withDb(async (client) => {
      await client.query(
        `UPDATE "Factory" SET "departmentCode" = '69', "regionCode" = '84', "communeName" = 'Lyon', "communeCode" = '69123', "postalCode" = '69007' WHERE id = $1`,
        [factoryId],
      );
      await client.query(`UPDATE "Slot" SET "startsAt" = "startsAt" + $2 * interval '1 minute', "endsAt" = "endsAt" + $2 * interval '1 minute' WHERE id = $1`, [
        slotIds[0],
        minutes,
      ]);
      await client.query(`INSERT INTO "FactoryJob" (id, "factoryId", "romeCode", sentence, position) VALUES ($1, $2, $3, 'Garder les machines en marche.', 1)`, [
        `job${run}${minutes}`,
        factoryId,
        romeCode,
      ]);
    });
  }
});

// A factory of the demo edition in Lyon 3e publishes a visit (an approved factory and an open slot).
async function publishRhoneVisit(name: string) {
  return withDb(async (client) => {
    const { rows } = await client.query<{ id: string; firstDay: Date }>(`SELECT id, "firstDay" FROM "Edition" WHERE slug = 'juo-2027'`);
    const factoryId = `e2e${randomUUID().replaceAll("-", "").slice(0, 20)}`;
    const slotId = `${factoryId}s`;
    const siret = (String(Date.now()).slice(-12) + "69").padStart(14, "3");
    await client.query(
      `INSERT INTO "Factory" (id, "editionId", siret, "companyName", "siteName", address, "postalCode", "communeCode", "communeName",
         "departmentCode", "regionCode", "sectorCode", headcount, "sizeBand", description, status, "updatedAt")
       VALUES ($1, $2, $3, 'Mécanique Lyonnaise', $4, '8 rue Paul Bert', '69003', '69383', 'Lyon', '69', '84', '28', 90, 'PME',
         'Usinage et maintenance de machines spéciales.', 'APPROVED', now())`,
      [factoryId, rows[0].id, siret, name],
    );
    const startsAt = new Date(rows[0].firstDay.getTime() + 8 * 3600_000);
    await client.query(
      `INSERT INTO "Slot" (id, "editionId", "factoryId", "startsAt", "endsAt", "durationMinutes", capacity) VALUES ($1, $2, $3, $4, $5, 90, 12)`,
      [slotId, rows[0].id, factoryId, startsAt, new Date(startsAt.getTime() + 90 * 60_000)],
    );
    return { factoryId, slotId };
  });
}

const digests = () =>
  withDb(async (client) => (await client.query<{ raw: string }>(`SELECT raw FROM "DevMail" WHERE "to" = $1 AND subject LIKE 'Du nouveau%' ORDER BY id`, [EMAIL])).rows);

const toggle = (page: Page, site: string) => page.getByRole("button", { name: new RegExp(`^Ajouter à mon programme : ${site}, `) });

test("a visitor in Lyon: map, Rhône, maintenance, a programme with a clash, printed; alerts near 69003, one digest, one-click unsubscribe", async ({ page, request }) => {
  test.setTimeout(150_000); // two stories in one, with the scheduler's digest to wait for
  await page.setViewportSize({ width: 390, height: 844 });

  await test.step("the map leads to the Rhône's visits", async () => {
    await visit(page, "/visites");
    await page.getByText("Carte des visites", { exact: true }).click();
    await page.getByRole("link", { name: /^Rhône \(69\) : \d+ visites?$/ }).click();
    await expect(page).toHaveURL("/visites?department=69");
    await expectAccessible(page);
  });

  await test.step("the job family « Maintenance » narrows them", async () => {
    // On a phone the filters are folded under « Filtrer », the less common ones under « Plus de critères ».
    await page.getByText(/^Filtrer \(1 critère actif\)$/).click();
    const family = page.getByLabel("Famille de métiers", { exact: true });
    if (!(await family.isVisible())) await page.getByText(/^Plus de critères/).click();
    await family.selectOption({ label: "Maintenance" });
    await page.getByRole("button", { name: "Afficher les visites" }).click();
    await expect(page).toHaveURL(/department=69/);
    await expect(page).toHaveURL(/metier=maintenance/);
    await visit(page, "/visites?department=69&metier=maintenance");
    await expect(page.getByRole("article").nth(0)).toContainText(PRESSES);
    await expect(page.getByRole("article").nth(1)).toContainText(VALVES);
    for (const card of await page.getByRole("article").all()) await expect(card).toContainText("Rhône");
    await screenshot(page, "journeys-lyon-maintenance-390");
  });

  await test.step("two overlapping visits go into « Mon programme », which warns of the clash", async () => {
    await toggle(page, PRESSES).click();
    await toggle(page, VALVES).click();
    await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Mon programme (2)" }).click();
    await expect(page).toHaveURL(`/programme?v=${slots[PRESSES]},${slots[VALVES]}`);
    await visit(page, `/programme?v=${slots[PRESSES]},${slots[VALVES]}`);
    await expect(page.getByRole("region", { name: /À vérifier/ })).toContainText(`Ces deux visites ont lieu en même temps : ${PRESSES}`);
    await screenshot(page, "journeys-lyon-programme-390");
  });

  await test.step("the programme prints without the site's navigation", async () => {
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("navigation", { name: "Navigation principale" })).toBeHidden();
    await expect(page.getByRole("article")).toHaveCount(2);
    await screenshot(page, "journeys-lyon-programme-print-390");
    await page.emulateMedia({ media: "screen" });
  });

  let subscriptionId = "";

  await test.step("the catalogue leads to the « Prévenez-moi » form", async () => {
    await visit(page, "/visites?postalCode=69003");
    await page.getByRole("link", { name: "Prévenez-moi" }).click();
    await expect(page).toHaveURL(/\/alertes\?codePostal=69003$/);
    await expect(page.getByRole("heading", { level: 1, name: "Prévenez-moi" })).toBeVisible();
    // As served (axe, and its HTML kept for the Nu checker).
    await visit(page, "/alertes?codePostal=69003");
  });

  await test.step("they ask to be told about new visits near 69003", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole("textbox", { name: "Adresse e-mail" }).fill(EMAIL);
    await expect(page.getByRole("checkbox", { name: "quand une nouvelle visite est publiée près de chez moi" })).toBeChecked();
    await expect(page.getByRole("textbox", { name: "Votre code postal" })).toHaveValue("69003");
    await page.getByRole("checkbox", { name: /J'accepte que mon adresse e-mail/ }).check();
    await screenshot(page, "journeys-alerts-form-390");
    await proofOfWorkDone(page);
    await page.getByRole("button", { name: "Recevoir les alertes" }).click();
    await expect(page.getByRole("status")).toContainText("nous venons d'envoyer un e-mail à cette adresse");
    await expectAccessible(page);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  await test.step("they confirm from the mailbox: opening the link is not enough, the button is", async () => {
    const link = await linkFromMailbox(page, EMAIL, /Confirmez vos alertes/, /\/alertes\/confirmer\//);
    await visit(page, new URL(link).pathname);
    subscriptionId = await withDb(async (client) => {
      const { rows } = await client.query<{ id: string; status: string }>(`SELECT id, status FROM "AlertSubscription" WHERE email = $1`, [EMAIL]);
      expect(rows.map((r) => r.status)).toEqual(["PENDING"]);
      return rows[0].id;
    });
    await page.getByRole("button", { name: "Confirmer mes alertes" }).click();
    await expect(page.getByRole("status")).toContainText("C'est confirmé");
    await expectAccessible(page);
    await screenshot(page, "journeys-alerts-confirmed-desktop");
  });

  let unsubscribePath = "";
  await test.step("a factory of the Rhône publishes a visit: the scheduler sends one digest that lists it", async () => {
    const { factoryId, slotId } = await publishRhoneVisit(`Atelier de Lyon ${run}`);
    const link = await linkFromMailbox(page, EMAIL, /Du nouveau chez Usines Ouvertes/, /\/visites\/.+\/reserver/);
    expect(link).toContain(`/visites/${slotId}/reserver`);
    await expect(page.getByText(`Mécanique Lyonnaise – Atelier de Lyon ${run}`)).toBeVisible();
    const [digest] = await digests();
    const head = digest.raw.slice(0, digest.raw.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, " ");
    expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    unsubscribePath = new URL(head.match(/^List-Unsubscribe: <([^>]+)>/m)![1]).pathname;
    expect(unsubscribePath).toMatch(/^\/alertes\/desabonnement\/[\w-]+$/);
    // The factory's page offers the same form, for its postal code.
    await visit(page, `/usines/${factoryId}`);
    await expect(page.getByRole("link", { name: "Prévenez-moi" })).toHaveAttribute("href", "/alertes?codePostal=69003");
  });

  await test.step("the mail provider's one-click POST unsubscribes (cross-site, idempotent)", async () => {
    for (let i = 0; i < 2; i++) {
      const response = await request.post(unsubscribePath, {
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://mail.example.net" },
        data: "List-Unsubscribe=One-Click",
      });
      expect(response.status()).toBe(200);
    }
    const row = await withDb(async (client) => (await client.query(`SELECT status, email FROM "AlertSubscription" WHERE id = $1`, [subscriptionId])).rows[0]);
    expect(row).toEqual({ status: "UNSUBSCRIBED", email: `deleted+${subscriptionId}@invalid` });
  });

  await test.step("a person opening the link gets a page with a button, and the same answer", async () => {
    await visit(page, unsubscribePath);
    await expect(page).toHaveURL(/\/confirmer$/);
    await page.getByRole("button", { name: "Me désabonner" }).click();
    await expect(page).toHaveURL(/\/alertes\/desabonne$/);
    await expect(page.getByText("vous ne recevrez plus d'alertes")).toBeVisible();
    await visit(page, "/alertes/desabonne");
  });

  await test.step("no second digest, even a day later with a new visit in the Rhône", async () => {
    // As if the last digest went yesterday: only the unsubscription can hold the next one back.
    await withDb((client) => client.query(`UPDATE "AlertSubscription" SET "lastDigestAt" = now() - interval '2 days' WHERE id = $1`, [subscriptionId]));
    await publishRhoneVisit(`Second atelier ${run}`);
    // Several scheduler ticks (one a second).
    await page.waitForTimeout(4000);
    expect(await digests()).toHaveLength(1);
    expect(await withDb(async (client) => (await client.query(`SELECT count(*)::int AS n FROM "EmailOutbox" WHERE "alertSubscriptionId" = $1`, [subscriptionId])).rows[0].n)).toBe(0);
  });
});
