import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../lib/seed/demo-accounts";
import { setAppClock } from "./clock";
import { withDb } from "./db";
import { expectAccessible, signedInAs, visit } from "./utils";

// Year after year (docs/decisions/0016-editions.md), on the demo data: the organiser compares the
// edition with last year's, makes the next one (a wrong address first), and once its registration
// has opened (the app's clock moved to September 2027) the demo factory registers its Cluses site
// again in one step, visits included. The next edition is removed at the end: the other journeys
// work on this year's.

const NEXT = "juo-2028";

test.describe.configure({ mode: "serial" });

test.afterAll(async ({ request }) => {
  await setAppClock(request, null);
  await withDb((client) => client.query(`DELETE FROM "Edition" WHERE slug = $1`, [NEXT]));
});

test("the organiser compares the edition with the previous one and makes the next edition", async ({ page }) => {
  await signedInAs(page, DEMO_ACCOUNTS.organiser.email, "/organisation/comparaison");
  await expect(page.getByRole("heading", { level: 1, name: "Comparaison avec l'édition précédente" })).toBeVisible();
  const overview = page.getByRole("table", { name: "Journées Usines Ouvertes 2027 comparée à Journées Usines Ouvertes 2026" });
  await expect(overview.getByRole("columnheader", { name: "Journées Usines Ouvertes 2026" })).toBeVisible();
  await expect(overview.getByRole("rowheader", { name: "Sites validés", exact: true })).toBeVisible();
  // Last year's visits are over and were checked in at the door: a no-show rate, in per cent.
  await expect(overview.getByRole("row", { name: /Taux d'absence/ }).getByRole("cell").first()).toHaveText(/\d+\s?%/);
  await expect(page.getByRole("table", { name: /Sites validés par région/ })).toBeVisible();
  await expectAccessible(page);

  // Last year's report for partners: key figures, the perception against the IFOP baseline.
  await visit(page, "/organisation/bilan?edition=juo-2026");
  await expect(page.getByRole("heading", { level: 1, name: "Bilan de l'édition Journées Usines Ouvertes 2026" })).toBeVisible();
  await expect(page.getByText("Départements d'origine des classes")).toBeVisible();
  await expect(page.getByRole("region", { name: "Perception de l'industrie" })).toContainText("et 11 % des Français selon l'IFOP (2024)");
  await expect(page.getByRole("region", { name: "Édition précédente" })).toContainText("Première édition : rien à comparer.");
  await expectAccessible(page);

  await visit(page, "/organisation/edition");
  const next = page.getByRole("region", { name: "Préparer l'édition suivante" });
  await expect(next.getByLabel("Nom de la nouvelle édition")).toHaveValue("Journées Usines Ouvertes 2028");
  // 52 weeks after Friday 19 March 2027: a Friday again.
  await expect(next.getByLabel("Premier jour")).toHaveValue("2028-03-17");
  await next.getByLabel("Adresse").fill("Édition 2028 !");
  await next.getByRole("button", { name: "Créer l'édition suivante" }).click();
  await expect(next.getByText("Lettres minuscules sans accent, chiffres et tirets seulement (par exemple 2028).")).toBeVisible();
  await expectAccessible(page);

  await next.getByLabel("Adresse").fill(NEXT);
  await next.getByRole("button", { name: "Créer l'édition suivante" }).click();
  await expect(page).toHaveURL(new RegExp(`/organisation/edition\\?edition=${NEXT}&creee=1$`));
  await expect(page.getByRole("status").filter({ hasText: "L'édition Journées Usines Ouvertes 2028 est créée" })).toBeVisible();
  // The copied windows, moved by 364 days on the Paris wall clock, ready to be edited.
  await expect(page.getByLabel("Mise en ligne du programme")).toHaveValue("2027-10-31T00:00");
  await expect(page.locator("#firstDay")).toHaveValue("2028-03-17");
  await expectAccessible(page);
});

test("once the next edition takes registrations, a former factory registers again in one step", async ({ page }) => {
  // Wednesday 15 September 2027: this year's edition is over, next year's registration is open.
  await setAppClock(page.request, new Date("2027-09-15T08:00:00Z"));

  await signedInAs(page, DEMO_ACCOUNTS.factory.email, "/espace-usine");
  const former = page.getByRole("region", { name: "Réinscrire un site pour Journées Usines Ouvertes 2028" });
  await expect(former).toBeVisible();
  await expectAccessible(page);
  await former.getByRole("link", { name: "Réinscrire Site de Cluses" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Réinscrire Site de Cluses pour Journées Usines Ouvertes 2028" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Ce qui est repris" })).toContainText("Décolletage Savoyard");
  await expect(page.getByRole("region", { name: "Ce qui change cette année" })).toContainText("Phase d'inscription « Phase 2 : rééquilibrage »");
  const copy = page.getByRole("checkbox", { name: /^Reprendre mes \d+ visites aux nouvelles dates/ });
  await expect(copy).toBeChecked();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Réinscrire le site pour Journées Usines Ouvertes 2028" }).click();

  await expect(page).toHaveURL(/\/espace-usine\/[^/]+$/);
  const factoryId = page.url().split("/").pop()!;
  const { rows } = await withDb((client) =>
    client.query<{ slug: string; site: string; visits: number; first: Date }>(
      `SELECT e.slug, f."siteName" AS site, count(s.id)::int AS visits, min(s."startsAt") AS first
         FROM "Factory" f JOIN "Edition" e ON e.id = f."editionId" LEFT JOIN "Slot" s ON s."factoryId" = f.id
        WHERE f.id = $1 GROUP BY e.slug, f."siteName"`,
      [factoryId],
    ),
  );
  expect(rows).toMatchObject([{ slug: NEXT, site: "Site de Cluses" }]);
  expect(rows[0].visits).toBeGreaterThanOrEqual(2);
  expect(rows[0].first.toISOString().slice(0, 7)).toBe("2028-03");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Site de Cluses");
  await expectAccessible(page);
});
