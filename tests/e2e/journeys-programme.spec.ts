import { expect, test, type Page } from "@playwright/test";
import { BASE_URL } from "../../playwright.config";
import { createTestFactory, withDb } from "./db";
import { expectAccessible, screenshot, visit } from "./utils";

// Issue 15, « Mon programme » and the printable programmes: on a phone, a visitor keeps two visits
// of the Rhône that overlap, opens « Mon programme » from the header, reads the clash, copies the
// share link (which shows the same visits in a fresh browser), removes one; the Rhône's printable
// programme, linked from the filtered catalogue, prints without the site's header and navigation.
// Then the same pages on a desktop.

const run = `${Date.now()}`.slice(-6);
const WEAVING = `Tissage du programme ${run}`;
const FOUNDRY = `Fonderie du programme ${run}`;
const slots: Record<string, string> = {};

test.beforeAll(async () => {
  // 07:00–08:30 and 07:30–09:00 UTC on the edition's first day, in Lyon and Villeurbanne.
  for (const [name, minutes, commune, code, postal] of [
    [WEAVING, 0, "Lyon", "69123", "69003"],
    [FOUNDRY, 30, "Villeurbanne", "69266", "69100"],
  ] as const) {
    const { factoryId, slotIds } = await createTestFactory(name, [{ hourUtc: 7, capacity: 20, audience: "PUBLIC" }]);
    slots[name] = slotIds[0];
    await withDb((client) =>
      client.query(
        `UPDATE "Factory" SET "departmentCode" = '69', "regionCode" = '84', "communeName" = $2, "communeCode" = $3, "postalCode" = $4 WHERE id = $1;`,
        [factoryId, commune, code, postal],
      ),
    );
    await withDb((client) =>
      client.query(`UPDATE "Slot" SET "startsAt" = "startsAt" + $2 * interval '1 minute', "endsAt" = "endsAt" + $2 * interval '1 minute' WHERE id = $1`, [slotIds[0], minutes]),
    );
  }
});

const toggle = (page: Page, action: "Ajouter à" | "Retirer de", site: string) =>
  page.getByRole("button", { name: new RegExp(`^${action} mon programme : ${site}, `) });
const stored = (page: Page) => page.evaluate(() => localStorage.getItem("uo.programme.v1"));

test("a visitor keeps two overlapping visits, sees the clash, shares, removes one, prints the Rhône's programme", async ({ page, browser, context }) => {
  // One long journey with an accessibility check on every screen, the Rhône's printable programme
  // the largest: 40–57 s alone on two cores, over the 60 s default when other work shares them.
  test.slow();
  await page.setViewportSize({ width: 390, height: 844 });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: BASE_URL });
  const search = `/visites?${new URLSearchParams({ q: `programme ${run}` })}`;

  await test.step("a corrupt stored programme is read as empty", async () => {
    await page.goto("/");
    await page.evaluate(() => localStorage.setItem("uo.programme.v1", "{pas du json"));
    await visit(page, search);
    await expect(toggle(page, "Ajouter à", WEAVING)).toHaveAttribute("aria-pressed", "false");
  });

  await test.step("two visits go into « Mon programme » from their cards", async () => {
    await toggle(page, "Ajouter à", WEAVING).click();
    await expect(toggle(page, "Retirer de", WEAVING)).toHaveAttribute("aria-pressed", "true");
    await toggle(page, "Ajouter à", FOUNDRY).click();
    await expect(toggle(page, "Retirer de", FOUNDRY)).toHaveAttribute("aria-pressed", "true");
    expect(JSON.parse((await stored(page))!)).toEqual([slots[WEAVING], slots[FOUNDRY]]);
    await expectAccessible(page);
    await screenshot(page, "journeys-programme-cards-390");
  });

  const mine = `/programme?v=${slots[WEAVING]},${slots[FOUNDRY]}`;
  await test.step("the header leads to the programme, which says the two visits overlap", async () => {
    await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Mon programme (2)" }).click();
    await expect(page).toHaveURL(mine);
    await visit(page, mine);
    await expect(page.getByRole("heading", { level: 1, name: "Mon programme" })).toBeVisible();
    await expect(page.getByRole("article")).toHaveCount(2);
    await expect(page.getByRole("region", { name: /À vérifier/ })).toContainText(`Ces deux visites ont lieu en même temps : ${WEAVING}`);
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
    await screenshot(page, "journeys-programme-clash-390");
  });

  await test.step("/programme without a list shows the device's, at its shareable address", async () => {
    await page.goto("/programme");
    await expect(page).toHaveURL(mine);
    await expectAccessible(page);
  });

  await test.step("the share link shows the same visits in a fresh browser", async () => {
    await page.getByRole("button", { name: "Copier le lien de partage" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Lien copié" })).toBeVisible();
    const shared = await page.evaluate(() => navigator.clipboard.readText());
    expect(shared).toBe(`${BASE_URL}/programme?v=${slots[WEAVING]},${slots[FOUNDRY]}`);

    const fresh = await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris", viewport: { width: 390, height: 844 } });
    const other = await fresh.newPage();
    await visit(other, shared.replace(BASE_URL, ""));
    await expect(other.getByRole("article")).toHaveCount(2);
    await expect(other.getByRole("heading", { level: 3, name: WEAVING })).toBeVisible();
    await expect(other.getByRole("heading", { level: 3, name: FOUNDRY })).toBeVisible();
    // Kept here only when asked.
    expect(await stored(other)).toBeNull();
    await other.getByRole("button", { name: "Garder ce programme sur cet appareil" }).click();
    expect(JSON.parse((await stored(other))!)).toEqual([slots[WEAVING], slots[FOUNDRY]]);
    await expect(other.getByRole("link", { name: "Mon programme (2)" })).toBeVisible();
    await fresh.close();
  });

  await test.step("a visit taken out leaves the other one, without a warning", async () => {
    await page.getByRole("link", { name: new RegExp(`^Retirer de mon programme : ${FOUNDRY}, `) }).click();
    await expect(page).toHaveURL(`/programme?v=${slots[WEAVING]}`);
    await expectAccessible(page);
    await expect(page.getByRole("article")).toHaveCount(1);
    await expect(page.getByRole("region", { name: /À vérifier/ })).toHaveCount(0);
    expect(JSON.parse((await stored(page))!)).toEqual([slots[WEAVING]]);
    await expect(page.getByRole("link", { name: "Mon programme (1)" })).toBeVisible();
  });

  await test.step("a visit no longer offered is said so, without an error", async () => {
    await visit(page, `/programme?v=${slots[WEAVING]},inconnue42`);
    await expect(page.getByText("Cette visite n'est plus proposée (référence inconnue42).")).toBeVisible();
  });

  await test.step("the Rhône's printable programme, from the filtered catalogue, prints without the header", async () => {
    await visit(page, "/visites?department=69");
    await page.getByRole("link", { name: "Programme imprimable" }).click();
    await expect(page).toHaveURL("/programme/imprimer?departement=69");
    await visit(page, "/programme/imprimer?departement=69");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Journées Usines Ouvertes 2027 — programme du Rhône");
    await expect(page.getByRole("row").filter({ hasText: WEAVING })).toContainText("Lyon");
    const nav = page.getByRole("navigation", { name: "Navigation principale" });
    await expect(nav).toBeVisible();
    await page.emulateMedia({ media: "print" });
    await expect(nav).toBeHidden();
    await expect(page.getByRole("banner")).toBeHidden();
    await expect(page.getByRole("button", { name: "Imprimer" })).toBeHidden();
    await screenshot(page, "journeys-programme-print-390");
    await page.emulateMedia({ media: "screen" });
  });

  await test.step("the printable programmes are in the sitemap, the personal one is not", async () => {
    const sitemap = await (await page.request.get("/sitemap.xml")).text();
    expect(sitemap).toContain(`${BASE_URL}/programme/imprimer?departement=69`);
    expect(sitemap).toContain(`${BASE_URL}/programme/imprimer?region=84`);
    expect(sitemap).not.toContain("/programme?v=");
  });
});

test("on a desktop: the factory page's toggle, the programme and its printed form", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const factoryId = await withDb(async (client) => (await client.query(`SELECT "factoryId" FROM "Slot" WHERE id = $1`, [slots[FOUNDRY]])).rows[0].factoryId);
  await visit(page, `/usines/${factoryId}`);
  await toggle(page, "Ajouter à", FOUNDRY).click();
  await expect(page.getByRole("link", { name: "Mon programme (1)" })).toBeVisible();
  await visit(page, `/visites/${slots[WEAVING]}/reserver`);
  await toggle(page, "Ajouter à", WEAVING).click();
  await page.getByRole("link", { name: "Mon programme (2)" }).click();
  await expect(page).toHaveURL(`/programme?v=${slots[FOUNDRY]},${slots[WEAVING]}`);
  await expectAccessible(page);
  await expect(page.getByText(`Ces deux visites ont lieu en même temps : ${WEAVING}`)).toBeVisible();
  await screenshot(page, "journeys-programme-clash-1280");
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Navigation principale" })).toBeHidden();
  await expect(page.getByText(`Ce programme en ligne : ${BASE_URL}/programme?v=`)).toBeVisible();
  await screenshot(page, "journeys-programme-print-1280");
  await page.emulateMedia({ media: "screen" });
  await visit(page, "/programme/imprimer?region=84");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Journées Usines Ouvertes 2027 — programme d'Auvergne-Rhône-Alpes");
  await screenshot(page, "journeys-programme-region-1280");
});
