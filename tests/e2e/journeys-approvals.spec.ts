import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { DEMO_ACCOUNTS } from "@/lib/seed/demo-accounts";
import { createPendingFactories, withDb } from "./db";
import { expectAccessible, screenshot, signedInAs, visit } from "./utils";

// Issue 13, item 10 — the organiser's approvals and first screen:
//   the approval queue opens a site's description and photos, and approves several sites at once
//   ("Valider la sélection": before, one site per click, and no way to tick several);
//   the dashboard's first screen (1280×800) says what needs action, the regions furthest below target
//   first, and the regions' chart and table follow that order (before: a fixed order, by code).

const run = `${Date.now()}`.slice(-6);
const SITES = [`Forge du Jura ${run}`, `Tournerie des Combes ${run}`, `Émaillerie du Doubs ${run}`];
const DESCRIPTION = `Forgeage à chaud de pièces pour l'outillage, presse de 400 tonnes (${run}).`;
let ids: string[] = [];
let region = "";

test.beforeAll(async () => {
  const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#7a4b2a" } }).jpeg().toBuffer();
  ({ ids, region } = await createPendingFactories([
    { name: SITES[0], description: DESCRIPTION, photo },
    { name: SITES[1], description: "Tournage du bois, jouets et manches d'outils." },
    { name: SITES[2], description: "Émaillage de casseroles." },
  ]));
});

test.afterAll(() => withDb((client) => client.query(`DELETE FROM "DevMail" WHERE lower("to") = lower($1)`, [DEMO_ACCOUNTS.organiser.email])));

const missingIn = (text: string) => [...text.matchAll(/−\s?(\d+)|il manque (\d+)/g)].map((m) => Number(m[1] ?? m[2]));
const nonIncreasing = (values: number[]) => values.every((v, i) => i === 0 || values[i - 1] >= v);

test("(10) the organiser opens a site's description and photos, approves two at once; the first screen sorts the regions", async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const queue = `/organisation/validations?status=PENDING&region=${region}&sector=23&size=PME`;
  await signedInAs(page, DEMO_ACCOUNTS.organiser.email, queue);
  await expect(page).toHaveURL(queue);
  const site = (name: string) => page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2, name: new RegExp(`^${name}`) }) });

  await test.step("a registration opens on its description and photos, served by the photo route", async () => {
    await site(SITES[0]).getByText(/^Présentation du site et photos \(1 photo\)/).click();
    await expect(site(SITES[0]).getByText(DESCRIPTION)).toBeVisible();
    const photo = site(SITES[0]).getByRole("img", { name: `Atelier de ${SITES[0]}` });
    await expect(photo).toBeVisible();
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await expectAccessible(page);
  });

  await test.step("two sites ticked, approved in one go; the third stays in the queue", async () => {
    for (const name of SITES.slice(0, 2)) await site(name).getByRole("checkbox", { name: new RegExp(`^Ajouter à la sélection : ${name}`) }).check();
    await page.getByRole("button", { name: "Valider la sélection" }).click();
    const outcome = page.getByRole("status").filter({ hasText: "2 sites validés" });
    await expect(outcome).toContainText(SITES[0]);
    await expect(outcome).toContainText(SITES[1]);
    await expect(site(SITES[0])).toHaveCount(0);
    await expect(site(SITES[1])).toHaveCount(0);
    await expect(site(SITES[2])).toBeVisible();
    const rows = await withDb((client) =>
      client.query<{ status: string; logs: number }>(
        `SELECT f.status::text AS status, (SELECT count(*) FROM "AuditLog" a WHERE a."entityId" = f.id AND a.action = 'factory.approved')::int AS logs
         FROM unnest($1::text[]) WITH ORDINALITY AS s(id, n) JOIN "Factory" f ON f.id = s.id ORDER BY s.n`,
        [ids],
      ),
    );
    expect(rows.rows).toEqual([
      { status: "APPROVED", logs: 1 },
      { status: "APPROVED", logs: 1 },
      { status: "PENDING", logs: 0 },
    ]);
    await expectAccessible(page);
    await screenshot(page, "journeys-approvals-queue-desktop");
  });

  await test.step("the dashboard's first screen: what needs action, the regions furthest behind first, and so the chart's table", async () => {
    await visit(page, "/organisation");
    const toDo = page.getByRole("region", { name: "À traiter" });
    const box = await toDo.boundingBox();
    expect(box && box.y + box.height, "« À traiter » within the first screen").toBeLessThanOrEqual(800);
    const furthest = toDo.getByText(/^Les plus en retard :/);
    await expect(furthest).toBeVisible();
    const firstScreen = missingIn(await furthest.innerText());
    expect(firstScreen.length).toBeGreaterThan(0);
    expect(firstScreen, "furthest behind first").toEqual([...firstScreen].sort((a, b) => b - a));
    await expect(page.getByRole("navigation", { name: "Sections du tableau de bord" })).toBeInViewport();

    await toDo.getByRole("link", { name: "Toutes les régions, de la plus en retard à la moins en retard" }).click();
    await expect(page.getByRole("heading", { level: 3, name: "Par région", exact: true })).toBeInViewport();
    await expect(page.getByRole("navigation", { name: "Ordre des graphiques et tableaux" }).getByText("Les plus loin de l'objectif d'abord")).toHaveAttribute("aria-current", "true");
    await openRegionTable(page);
    const statuses = await regionStatuses(page);
    expect(statuses.some((s) => s > 0), "the demo data has regions below target").toBe(true);
    expect(nonIncreasing(statuses), `regions sorted by what they miss: ${statuses.join(", ")}`).toBe(true);
    expect(statuses.slice(0, firstScreen.length)).toEqual(firstScreen);

    // The reference order is still one click away.
    await page.getByRole("link", { name: "Ordre de référence (codes)" }).click();
    await expect(page).toHaveURL(/\/organisation\?ordre=codes#repr-region-title$/);
    await openRegionTable(page);
    expect(nonIncreasing(await regionStatuses(page)), "the reference order is by code, not by gap").toBe(false);

    const desktopHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: 390, height: 844 });
    await visit(page, queue);
    await expect(site(SITES[2])).toBeVisible();
    await expect(page.getByRole("button", { name: "Valider la sélection" })).toBeInViewport();
    await screenshot(page, "journeys-approvals-queue-390");
    await page.goto("/organisation");
    await expect(page.getByRole("region", { name: "À traiter" })).toBeInViewport();
    const phoneHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    // For the record in the run's output (the issue measured 9,800 and 16,200 px).
    console.log(`dashboard height: ${desktopHeight} px at 1280×800, ${phoneHeight} px at 390 px`);
  });
});

// The table under the regions' chart (a <details>, which stays open across the change of order).
async function openRegionTable(page: Page) {
  const details = page.locator("details").filter({ has: page.getByText("Tableau des données — Par région") });
  if ((await details.getAttribute("open")) === null) await details.getByText("Tableau des données — Par région").click();
}

/** What each row of the regions' table misses to reach its target (0 when nothing is missing), in table order. */
async function regionStatuses(page: Page): Promise<number[]> {
  const rows = page.getByRole("table", { name: /Sites par région/ }).getByRole("row");
  await expect(rows.nth(1)).toBeVisible();
  const texts = await rows.allInnerTexts();
  return texts.slice(1).map((row) => missingIn(row)[0] ?? 0);
}
