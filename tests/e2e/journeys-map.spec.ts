import { expect, test } from "@playwright/test";
import { createTestFactory, withDb } from "./db";
import { screenshot, visit } from "./utils";

// Issue 15, the map: a visitor opens /visites, picks the Rhône (69) on the map (by keyboard on a
// phone, where the map is folded under « Carte des visites »; with the mouse on a desktop), and the
// list shows the Rhône's visits only.

const run = `${Date.now()}`.slice(-6);
const FACTORY = `Soierie de la carte ${run}`;

test.beforeAll(async () => {
  // First thing in the morning, so that it leads the Rhône's results whatever the demo data holds there.
  const { factoryId } = await createTestFactory(FACTORY, [{ hourUtc: 6, capacity: 20, audience: "PUBLIC" }]);
  await withDb((client) =>
    client.query(
      `UPDATE "Factory" SET "departmentCode" = '69', "regionCode" = '84', "communeName" = 'Lyon', "communeCode" = '69123', "postalCode" = '69003' WHERE id = $1`,
      [factoryId],
    ),
  );
});

test("a visitor picks the Rhône on the map, by keyboard on a phone and with the mouse on a desktop", async ({ page }) => {
  // Four full checks (axe and the Nu checker) of the catalogue with its map, on two screen sizes:
  // 50–57 s on two shared cores, too close to the default 60 s (one fresh run in four went over).
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await visit(page, "/visites");
  // Server-rendered: the drawing is in the page's HTML, not built in the browser.
  const html = await (await page.request.get("/visites")).text();
  expect(html).toContain('data-department="69"');
  // The outlines are one cached file the map's <use> elements point to, not part of each page.
  const outlines = html.match(/href="(\/carte\/departements\.svg\?v=\w+)#d69"/)?.[1];
  expect(outlines, "the Rhône's outline reference").toBeTruthy();
  const sprite = await page.request.get(outlines!);
  expect(sprite.headers()["content-type"]).toContain("image/svg+xml");
  expect(sprite.headers()["cache-control"]).toContain("immutable");
  expect(await sprite.text()).toContain('id="d69"');

  // Folded on a phone; opened from the keyboard.
  const toggle = page.getByText("Carte des visites", { exact: true });
  const rhone = page.getByRole("link", { name: /^Rhône \(69\) : \d+ visites?$/ });
  await expect(rhone).toBeHidden();
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(rhone).toBeVisible();
  const count = Number((await rhone.textContent())!.match(/(\d+) visites?/)![1]);
  expect(count).toBeGreaterThanOrEqual(1);

  await rhone.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL("/visites?department=69");
  // The page lands on the results, which are the Rhône's only, as many as the map said.
  const heading = page.getByRole("heading", { level: 2, name: new RegExp(`^${count} visites? trouvées?$`) });
  await expect(heading).toBeFocused();
  const cards = page.getByRole("article");
  await expect(cards.first()).toContainText(FACTORY);
  for (const card of await cards.all()) await expect(card).toContainText("Rhône");
  await screenshot(page, "journeys-map-rhone-390");

  // On the map of the narrowed search, the Rhône is marked as the current choice, the other
  // departments still offered.
  await toggle.click();
  await expect(rhone).toHaveAttribute("aria-current", "true");
  await visit(page, "/visites?department=69");

  // A desktop shows the map beside the results; a click on the drawing narrows the search too.
  await page.setViewportSize({ width: 1280, height: 800 });
  await visit(page, "/visites");
  await expect(page.getByRole("figure", { name: "Carte des visites par département" })).toBeVisible();
  await expect(page.getByText(/Fond de carte : « France departments » de Victor Cazanave/).first()).toBeVisible();
  await page.locator('svg a[data-department="69"]').click();
  await expect(page).toHaveURL("/visites?department=69");
  await expect(page.getByRole("article").first()).toContainText(FACTORY);
  await visit(page, "/visites?department=69");
  await screenshot(page, "journeys-map-rhone-1280");
});
