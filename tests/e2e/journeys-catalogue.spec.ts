import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_EDITION_SLUG } from "@/lib/seed/demo-accounts";
import { createTestFactory, withDb } from "./db";
import { expectAccessible, screenshot, signedInAs, visit } from "./utils";

// Issue 13, item 7 and the organiser's first screen:
// (7a) a visitor who searched "Grand public" is not offered a classes-only visit with "Réserver";
// (7b) "← Toutes les visites" (factory and booking pages) brings the search back;
// (7c) on a phone, the results of a search are on the first screen;
// (D)  the organiser's dashboard starts with what needs action and the section navigation.

const run = `${Date.now()}`.slice(-6);
const FACTORY = `Faïencerie des filtres ${run}`;
let factoryId = "";
let publicSlot = "";
let schoolSlot = "";
let day = "";

test.beforeAll(async () => {
  // A visit for the public in the morning, one for classes only in the afternoon, the same day.
  ({
    factoryId,
    slotIds: [publicSlot, schoolSlot],
  } = await createTestFactory(FACTORY, [
    { hourUtc: 8, capacity: 20, audience: "PUBLIC" },
    { hourUtc: 13, capacity: 30, audience: "SCHOOL" },
  ]));
  day = await withDb(async (client) => {
    const { rows } = await client.query<{ day: string }>(`SELECT to_char("firstDay", 'YYYY-MM-DD') AS day FROM "Edition" WHERE slug = $1`, [DEMO_EDITION_SLUG]);
    return rows[0].day;
  });
});

test.afterAll(() => withDb((client) => client.query(`DELETE FROM "DevMail" WHERE lower("to") = lower($1)`, [DEMO_ACCOUNTS.organiser.email])));

// The search form's fields, whether on a phone (inside "Filtrer") or a desktop.
const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

async function expectWithinFirstScreen(locator: Locator, height: number) {
  const box = await locator.boundingBox();
  expect(box, "element rendered").not.toBeNull();
  expect(box!.y, "top inside the viewport").toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, "bottom inside the viewport").toBeLessThanOrEqual(height);
}

test("(7a, 7b) the search travels to the factory and booking pages, and back", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  // The canonical address of the search (URLSearchParams encoding, as the app writes it).
  const search = `?${new URLSearchParams({ q: FACTORY, day, audience: "PUBLIC" })}`;

  await test.step("a visitor searches visits for the general public on one day", async () => {
    await visit(page, "/visites");
    await field(page, "Rechercher").fill(FACTORY);
    await page.getByText("Plus de critères").click();
    await field(page, "Jour").selectOption(day);
    await field(page, "Public").selectOption("PUBLIC");
    await page.getByRole("button", { name: "Afficher les visites" }).click();
    await expect(page).toHaveURL(`/visites${search}`);
    await expectAccessible(page);
    // The card's link to the factory carries the search.
    const cards = page.getByRole("article").filter({ hasText: FACTORY });
    await expect(cards).toHaveCount(1);
    await expect(cards.getByRole("link", { name: FACTORY, exact: true })).toHaveAttribute("href", `/usines/${factoryId}${search}`);
    await cards.getByRole("link", { name: FACTORY, exact: true }).click();
  });

  await test.step("the factory page offers the public visit, not the classes-only one with « Réserver »", async () => {
    await expect(page).toHaveURL(`/usines/${factoryId}${search}`);
    await expect(page.getByRole("heading", { level: 1, name: FACTORY })).toBeVisible();
    await expectAccessible(page);
    await expect(page.getByText("Visites ouvertes au grand public, comme dans votre recherche.")).toBeVisible();
    const visits = page.getByRole("region", { name: "Visites proposées" });
    // The old page listed both visits, each with « Réserver »: now one, the public one.
    await expect(visits.getByRole("link", { name: /^Réserver/ })).toHaveCount(1);
    await expect(visits.getByRole("link", { name: /^Réserver/ })).toHaveAttribute("href", `/visites/${publicSlot}/reserver${search}`);
    const others = visits.getByText("Voir aussi les visites réservées aux classes (1)");
    await expect(others).toBeVisible();
    await expect(visits.getByRole("link", { name: /^Inscrire une classe/ })).toBeHidden();
    await others.click();
    const classesOnly = visits.getByRole("article").filter({ hasText: "Réservé aux classes" });
    await expect(classesOnly).toHaveCount(1);
    await expect(classesOnly.getByRole("link", { name: /^Réserver/ })).toHaveCount(0);
    // « Inscrire une classe » says what it does and goes through the teacher's sign-in first.
    const enrol = classesOnly.getByRole("link", { name: /^Inscrire une classe/ });
    await expect(enrol).toHaveAttribute("href", `/connexion?callbackUrl=${encodeURIComponent(`/visites/${schoolSlot}/reserver${search}`)}`);
    await expectAccessible(page);
    await screenshot(page, "journeys-catalogue-factory-public-desktop");
  });

  await test.step("« Toutes les visites » on the factory page keeps the search (address and form)", async () => {
    await page.getByRole("link", { name: "Toutes les visites" }).click();
    await expect(page).toHaveURL(`/visites${search}`);
    await expect(field(page, "Rechercher")).toHaveValue(FACTORY);
    await expect(field(page, "Jour")).toHaveValue(day);
    await expect(field(page, "Public")).toHaveValue("PUBLIC");
    await expectAccessible(page);
  });

  await test.step("the booking page leads back to the same search, and to the factory", async () => {
    await page.getByRole("article").filter({ hasText: FACTORY }).getByRole("link", { name: /^Réserver/ }).click();
    await expect(page).toHaveURL(`/visites/${publicSlot}/reserver${search}`);
    await expectAccessible(page);
    const trail = page.getByRole("navigation", { name: "Fil d'Ariane" });
    await expect(trail.getByRole("link", { name: FACTORY, exact: true })).toHaveAttribute("href", `/usines/${factoryId}${search}`);
    await trail.getByRole("link", { name: "Toutes les visites" }).click();
    await expect(page).toHaveURL(`/visites${search}`);
    await expect(field(page, "Public")).toHaveValue("PUBLIC");
    await expect(field(page, "Jour")).toHaveValue(day);
  });

  await test.step("a forged way back cannot leave the catalogue", async () => {
    await visit(page, `/usines/${factoryId}?audience=PUBLIC&retour=https://evil.example&q=//evil.example`);
    const back = page.getByRole("link", { name: "Toutes les visites" });
    const href = await back.getAttribute("href");
    expect(href).toMatch(/^\/visites\?/);
    expect(href).not.toContain("retour");
  });

  await test.step("without a search, the classes-only visit is listed with its label and « Inscrire une classe »", async () => {
    await visit(page, `/usines/${factoryId}`);
    const classesOnly = page.getByRole("article").filter({ hasText: "Réservé aux classes" });
    await expect(classesOnly).toBeVisible();
    await expect(classesOnly.getByRole("link", { name: /^Réserver/ })).toHaveCount(0);
    await classesOnly.getByRole("link", { name: /^Inscrire une classe/ }).click();
    await expect(page).toHaveURL(/\/connexion\?callbackUrl=/);
    await expectAccessible(page);
  });
});

test("(7c) on a phone, the results of a search are on the first screen", async ({ page }) => {
  const search = `?${new URLSearchParams({ q: FACTORY, audience: "PUBLIC" })}`;
  await page.setViewportSize({ width: 390, height: 844 });
  await visit(page, "/visites");
  // Nothing filtered yet: the form is open.
  await expect(field(page, "Rechercher")).toBeVisible();
  await field(page, "Rechercher").fill(FACTORY);
  await page.getByText("Plus de critères").click();
  await field(page, "Public").selectOption("PUBLIC");
  await page.getByRole("button", { name: "Afficher les visites" }).click();
  await expect(page).toHaveURL(`/visites${search}`);

  // The page lands on the results: their heading has the focus, the first card is on screen.
  const heading = page.getByRole("heading", { level: 2, name: "1 visite trouvée" });
  await expect(heading).toBeFocused();
  const first = page.getByRole("article").first();
  await expect(first).toContainText(FACTORY);
  const box = await first.boundingBox();
  expect(box!.y, "first result's top, px from the top of the screen").toBeLessThan(844);
  expect(box!.y).toBeGreaterThanOrEqual(0);
  await expectAccessible(page);
  await screenshot(page, "journeys-catalogue-results-390");

  // The form folded into « Filtrer » with the count of criteria, and opens again on demand.
  const toggle = page.getByText("Filtrer (2 critères actifs)");
  await expect(toggle).toBeVisible();
  await expect(field(page, "Rechercher")).toBeHidden();

  // Opened straight from its address (a shared link, no scrolling), the results are on the first screen too.
  await page.goto(`/visites${search}`);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  const direct = await page.getByRole("article").first().boundingBox();
  expect(direct!.y, "first result's top without scrolling").toBeLessThan(844);
  await expectAccessible(page);

  await toggle.click();
  await expect(field(page, "Rechercher")).toHaveValue(FACTORY);
  await expectAccessible(page);
});

test("(D) the organiser's first screen shows what needs action and the sections", async ({ page }) => {
  test.setTimeout(120_000);
  const counts = await withDb(async (client) => {
    const { rows } = await client.query<{ pending: number; failed: number }>(
      `SELECT (SELECT count(*) FROM "Factory" f JOIN "Edition" e ON e.id = f."editionId" WHERE e.slug = $1 AND f.status = 'PENDING')::int AS pending,
              (SELECT count(*) FROM "EmailOutbox" WHERE status = 'FAILED')::int AS failed`,
      [DEMO_EDITION_SLUG],
    );
    return rows[0];
  });
  await withDb((client) => client.query(`DELETE FROM "DevMail" WHERE lower("to") = lower($1)`, [DEMO_ACCOUNTS.organiser.email]));
  await page.setViewportSize({ width: 1280, height: 800 });
  await signedInAs(page, DEMO_ACCOUNTS.organiser.email, "/organisation");
  await expect(page).toHaveURL(/\/organisation$/);

  const toDo = page.getByRole("region", { name: "À traiter" });
  await expect(toDo).toBeVisible();
  await expectWithinFirstScreen(toDo, 800);
  const sections = page.getByRole("navigation", { name: "Sections du tableau de bord" });
  await expectWithinFirstScreen(sections, 800);
  await expectWithinFirstScreen(page.getByRole("navigation", { name: "Pages de l'organisation" }), 800);

  // Each thing to do with its count, linked to where it is handled.
  expect(counts.pending, "the demo data has registrations to validate").toBeGreaterThan(0);
  await expect(toDo.getByRole("link", { name: new RegExp(`^${counts.pending} inscriptions? à valider$`) })).toHaveAttribute("href", "/organisation/validations");
  await expect(toDo.getByRole("link", { name: /régions? sous l'objectif$/ }).or(toDo.getByText("Toutes les régions atteignent leur objectif"))).toBeVisible();
  await expect(toDo.getByText(/visites? complètes? avec liste d'attente|Aucune visite complète avec liste d'attente/)).toBeVisible();
  await expect(toDo.getByText(/e-mails? en échec/)).toContainText(counts.failed === 0 ? "Aucun e-mail en échec" : String(counts.failed));

  // The section navigation leads to each section of the page; the map and charts are still there, below.
  await sections.getByRole("link", { name: "Représentativité" }).click();
  await expect(page).toHaveURL(/#repr-heading$/);
  await expect(page.getByRole("heading", { level: 2, name: "Représentativité" })).toBeInViewport();
  await expect(sections).toBeInViewport();
  await expect(page.getByRole("img", { name: /Carte des sites validés par région/ })).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, "journeys-organiser-first-screen-desktop");

  await page.setViewportSize({ width: 390, height: 844 });
  await visit(page, "/organisation");
  await expect(toDo).toBeVisible();
  await screenshot(page, "journeys-organiser-first-screen-390");
});
