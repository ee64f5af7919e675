import ExcelJS from "exceljs";
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import Papa from "papaparse";
import { DEMO_ACCOUNTS, DEMO_EDITION_SLUG } from "@/lib/seed/demo-accounts";
import { withDb } from "./db";
import { expectAccessible, screenshot, signedInAs, visit } from "./utils";

// The organiser's dashboard and exports, as the demo organiser: map and bar charts (with their
// tables), on a desktop and on a phone, printed, and an Excel export read back; then a cap lowered,
// a waitlisted site approved over it with a reason, and both found in the audit log.

async function demoEdition() {
  return withDb(async (client) => {
    const { rows } = await client.query<{ id: string; factories: number; approved: number }>(
      `SELECT e.id, count(f.id)::int AS factories, (count(f.id) FILTER (WHERE f.status = 'APPROVED'))::int AS approved
       FROM "Edition" e LEFT JOIN "Factory" f ON f."editionId" = e.id WHERE e.slug = $1 GROUP BY e.id`,
      [DEMO_EDITION_SLUG],
    );
    return rows[0];
  });
}

// The development mailbox lists the newest mail first, and a magic link works once: mails left from
// an earlier sign-in of the same account (here or in another spec) would be clicked instead of the
// new one. Clear them before signing in, and after the journeys.
const clearOrganiserMail = () =>
  withDb((client) => client.query(`DELETE FROM "DevMail" WHERE lower("to") = lower($1)`, [DEMO_ACCOUNTS.organiser.email]));

async function signIn(page: Page, path = "/organisation") {
  await clearOrganiserMail();
  await signedInAs(page, DEMO_ACCOUNTS.organiser.email, path);
  await expect(page).toHaveURL(new RegExp(`${path}$`));
}

// Region names from the official data the app uses (lib/geo imports JSON in a way Playwright's loader does not take).
const REGION_NAMES = new Map<string, string>(
  JSON.parse(fs.readFileSync("node_modules/@etalab/decoupage-administratif/data/regions.json", "utf8")).map((r: { code: string; nom: string }) => [r.code, r.nom]),
);

// The region cap the quota journey lowers, put back afterwards: the specs share one seeded database.
let lowered: { regionCode: string; cap: number; target: number | null } | null = null;

test.afterAll(async () => {
  await clearOrganiserMail();
  if (lowered) {
    const { regionCode, cap, target } = lowered;
    await withDb((client) =>
      client.query(
        `UPDATE "Quota" q SET cap = $3, target = $4 FROM "Edition" e
         WHERE e.id = q."editionId" AND e.slug = $1 AND q.dimension = 'REGION' AND q.value = $2`,
        [DEMO_EDITION_SLUG, regionCode, cap, target],
      ),
    );
  }
});

async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "horizontal overflow in px").toBeLessThanOrEqual(0);
}

test.describe.serial("organiser dashboard and exports", () => {
  test("the dashboard shows the map, the bars and their tables, on a desktop, a phone and on paper", async ({ page }) => {
    // Eight axe runs (sign-in, mailbox, and the largest page of the app at three sizes, in two
    // languages): about 45 s alone on two cores, over two minutes when other work shares them.
    test.setTimeout(240_000);
    const edition = await demoEdition();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page);
    await visit(page, "/organisation");
    await expect(page.getByRole("heading", { level: 1, name: "Espace organisation" })).toBeVisible();

    // Headline figures, straight from the database.
    const registrations = page.getByRole("region", { name: "Inscriptions des sites" });
    await expect(registrations.getByText("Sites inscrits").locator("xpath=..")).toContainText(String(edition.factories));
    await expect(registrations.getByText("Validés", { exact: true }).locator("xpath=..")).toContainText(String(edition.approved));

    // The map: mainland regions drawn, overseas ones as insets.
    const map = page.getByRole("img", { name: /Carte des sites validés par région/ });
    await expect(map).toBeVisible();
    await expect(map.locator("[data-region]")).toHaveCount(13);
    await expect(map.locator("[data-region] use")).toHaveCount(26);
    await expect(page.getByRole("figure").getByText("La Réunion", { exact: true })).toBeVisible();

    // Bars by region, sector and size; under-target values say so in words.
    for (const name of ["Par région", "Par secteur d'activité", "Par taille d'entreprise"]) {
      await expect(page.getByRole("heading", { level: 3, name, exact: true })).toBeVisible();
    }
    await expect(page.getByText(/Sous l'objectif : il manque/).first()).toBeVisible();
    await expect(page.getByText(/^Sous l'objectif : (aucune région|\d+ régions?),/)).toBeVisible();

    // Each chart's table alternative opens and is accessible too.
    const regionTable = page.getByText("Tableau des données — Par région");
    await regionTable.click();
    const table = page.getByRole("table", { name: /Sites par région/ });
    await expect(table).toBeVisible();
    await expect(table.getByRole("row")).toHaveCount(19); // header + 18 regions
    await expect(table.getByRole("rowheader", { name: "Bretagne" })).toBeVisible();

    // Visits and seats, e-mails.
    const visits = page.getByRole("region", { name: "Visites et places" });
    await expect(visits.locator("dl")).toContainText("Taux de remplissage");
    await expect(page.getByRole("heading", { level: 3, name: "Taux de remplissage par jour", exact: true })).toBeVisible();
    await expect(page.getByRole("region", { name: "E-mails", exact: true })).toContainText("En échec définitif");
    await expectAccessible(page);

    // Links to the other organiser pages.
    const nav = page.getByRole("navigation", { name: "Pages de l'organisation" });
    for (const [name, href] of [
      ["Paramètres de l'édition", "/organisation/edition"],
      ["Quotas", "/organisation/quotas"],
      ["Validations", "/organisation/validations"],
      ["Journal", "/organisation/journal"],
      ["Rôles", "/organisation/roles"],
      ["Exports", "/organisation/exports"],
    ]) {
      await expect(nav.getByRole("link", { name, exact: true })).toHaveAttribute("href", href);
    }
    await screenshot(page, "organiser-dashboard-desktop");

    // A phone: same content, nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await visit(page, "/organisation");
    await expect(page.getByRole("img", { name: /Carte des sites validés par région/ })).toBeVisible();
    await expectNoHorizontalScroll(page);
    await screenshot(page, "organiser-dashboard-390");

    // Printed: the navigation cards and table toggles go, the map and bars stay.
    await page.setViewportSize({ width: 1000, height: 900 });
    await page.emulateMedia({ media: "print" });
    await expect(nav).toBeHidden();
    await expect(page.getByRole("img", { name: /Carte des sites validés par région/ })).toBeVisible();
    await screenshot(page, "organiser-dashboard-print");
    await page.emulateMedia({ media: "screen" });

    // In English too.
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Organiser area" })).toBeVisible();
    await expect(page.getByRole("img", { name: /Map of approved sites by region/ })).toBeVisible();
    await expect(page.getByRole("heading", { level: 3, name: "By company size", exact: true })).toBeVisible();
    await expectAccessible(page);
  });

  test("the organiser downloads the factories as Excel and the bookings with contact details (logged)", async ({ page }) => {
    const edition = await demoEdition();
    await signIn(page);
    await page.getByRole("link", { name: "Exports", exact: true }).click();
    await expect(page).toHaveURL(/\/organisation\/exports$/);
    await expect(page.getByRole("heading", { level: 1, name: "Exports" })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, "organiser-exports");

    // XLSX is offered first (issue 13, item 12): every export's first link, the contact form's first choice.
    for (const kind of ["Sites", "Créneaux", "Réservations"]) {
      const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2, name: kind, exact: true }) });
      await expect(card.getByRole("link").first()).toHaveAccessibleName(`Télécharger ${kind} en Excel (XLSX)`);
    }
    await expect(page.getByRole("radio").first()).toHaveAccessibleName("Excel (XLSX)");
    await expect(page.getByRole("radio").first()).toBeChecked();

    const download = async (name: string) => {
      const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name, exact: true }).click()]);
      return file;
    };
    const readXlsx = async (file: Awaited<ReturnType<typeof download>>) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(await file.path());
      const sheet = workbook.worksheets[0];
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      const rows = sheet.getRows(2, sheet.rowCount - 1) ?? [];
      return { sheet, header, cells: (name: string) => rows.map((row) => row.getCell(header.indexOf(name) + 1)) };
    };
    const factoriesXlsx = await download("Télécharger Sites en Excel (XLSX)");
    expect(factoriesXlsx.suggestedFilename()).toMatch(/^usines-ouvertes-juo-2027-factories-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const factories = await readXlsx(factoriesXlsx);
    expect(factories.sheet.name).toBe("Sites");
    expect(factories.header).toEqual(expect.arrayContaining(["Site", "Entreprise", "SIRET", "Région", "Statut", "Places réservées"]));
    expect(factories.sheet.rowCount - 1).toBe(edition.factories);
    // SIRET and postal codes are text cells ("@"): all 14 digits and the leading zeros stay as typed.
    const expected = await withDb(async (client) =>
      (await client.query<{ siret: string; postalCode: string }>(`SELECT siret, "postalCode" FROM "Factory" WHERE "editionId" = $1`, [edition.id])).rows,
    );
    expect(expected.some((f) => f.postalCode.startsWith("0"))).toBe(true);
    const [sirets, postalCodes] = [factories.cells("SIRET"), factories.cells("Code postal")];
    for (const cell of [...sirets, ...postalCodes]) {
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.numFmt).toBe("@");
    }
    expect(new Map(sirets.map((cell, i) => [cell.value, postalCodes[i].value]))).toEqual(new Map(expected.map((f) => [f.siret, f.postalCode])));

    // Start times are real Excel times (a fraction of a day shown "hh:mm"), not the text "09:00".
    const starts = (await readXlsx(await download("Télécharger Créneaux en Excel (XLSX)"))).cells("Début");
    expect(starts.length).toBeGreaterThan(0);
    for (const cell of starts) {
      expect(cell.type).toBe(ExcelJS.ValueType.Date);
      expect(cell.numFmt).toBe("hh:mm");
    }
    // The time a visitor is told (Paris), e.g. 09:30 stored as 1899-12-30 09:30.
    const parisStarts = await withDb(async (client) =>
      (await client.query<{ start: string }>(
        `SELECT DISTINCT to_char("startsAt" AT TIME ZONE 'Europe/Paris', 'HH24:MI') AS start FROM "Slot" WHERE "editionId" = $1`,
        [edition.id],
      )).rows.map((r) => r.start),
    );
    expect(parisStarts).toContain((starts[0].value as Date).toISOString().slice(11, 16));

    // The CSV for French Excel: decimal commas ("41,1", which the old file wrote "41.1") and the SIRET as a text formula.
    const csvFile = await download("Télécharger Sites en CSV");
    const sitesCsv = Papa.parse<Record<string, string>>(fs.readFileSync(await csvFile.path(), "utf8").replace(/^\uFEFF/, ""), { delimiter: ";", header: true, skipEmptyLines: true });
    const rates = sitesCsv.data.map((r) => r["Remplissage (%)"]);
    for (const rate of rates) expect(rate).toMatch(/^(\d+(,\d)?)?$/);
    expect(rates.some((rate) => rate.includes(","))).toBe(true);
    for (const r of sitesCsv.data) expect(r["SIRET"]).toMatch(/^="\d{14}"$/);

    // With contact details: an explicit option and a reason, then the download is in the audit log.
    const before = await withDb(async (client) =>
      (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog" WHERE action = 'edition.bookings_exported_with_contacts'`)).rows[0].n,
    );
    await page.getByLabel("J'ai besoin du nom et de l'e-mail des contacts").check();
    await page.getByLabel("Motif (consigné au journal)").fill("Prévenir les visiteurs d'un changement d'horaire");
    await page.getByRole("radio", { name: "CSV" }).check();
    const [withContacts] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Télécharger avec les coordonnées" }).click()]);
    expect(withContacts.suggestedFilename()).toMatch(/bookings-avec-coordonnees-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync(await withContacts.path(), "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split("\r\n")[0]).toContain(";Nom du contact;E-mail");
    const after = await withDb(async (client) =>
      (await client.query<{ n: number; reason: string }>(
        `SELECT count(*) OVER ()::int AS n, reason FROM "AuditLog" WHERE action = 'edition.bookings_exported_with_contacts' ORDER BY id DESC LIMIT 1`,
      )).rows[0],
    );
    expect(after.n).toBe(before + 1);
    expect(after.reason).toBe("Prévenir les visiteurs d'un changement d'horaire");
  });
  test("lowers a cap, sees the effect, approves a waitlisted factory with a reason, finds it in the audit log", async ({ page }) => {
    test.setTimeout(150_000);
    // The earliest waitlisted site of the demo data: its region is at its cap.
    const site = await withDb(async (client) => {
      const { rows } = await client.query<{ id: string; siteName: string; companyName: string; regionCode: string; cap: number; target: number | null; approved: number }>(
        `SELECT f.id, f."siteName", f."companyName", f."regionCode", q.cap, q.target,
                (SELECT count(*)::int FROM "Factory" a WHERE a."editionId" = f."editionId" AND a."regionCode" = f."regionCode" AND a.status = 'APPROVED') AS approved
         FROM "Factory" f JOIN "Edition" e ON e.id = f."editionId"
         JOIN "Quota" q ON q."editionId" = e.id AND q.dimension = 'REGION' AND q.value = f."regionCode"
         WHERE e.slug = $1 AND f.status = 'WAITLISTED' AND q.cap >= 2
         ORDER BY f.arrival LIMIT 1`,
        [DEMO_EDITION_SLUG],
      );
      return rows[0];
    });
    expect(site, "a waitlisted demo site").toBeTruthy();
    expect(site.approved).toBeGreaterThanOrEqual(site.cap);
    lowered = { regionCode: site.regionCode, cap: site.cap, target: site.target };
    const region = REGION_NAMES.get(site.regionCode)!;
    const newCap = site.cap - 1;
    const lowerTarget = site.target !== null && site.target > newCap;

    // Quotas: the region's cap goes down by one (its target too when it would sit above the cap).
    await signIn(page, "/organisation/quotas");
    await expectAccessible(page);
    const quotas = page.getByRole("region", { name: "Plafonds et objectifs", exact: true });
    const cell = (column: "Plafond" | "Objectif") => quotas.getByRole("spinbutton", { name: `${region} (${site.regionCode}) ${column}`, exact: true });
    await expect(cell("Plafond")).toHaveValue(String(site.cap));
    await cell("Plafond").fill(String(newCap));
    if (lowerTarget) await cell("Objectif").fill(String(newCap));
    await quotas.getByRole("checkbox", { name: /Valider aussitôt/ }).uncheck();
    await quotas.getByRole("button", { name: "Enregistrer les quotas" }).click();
    await expect(quotas.getByRole("status")).toContainText(`Quotas enregistrés (${lowerTarget ? "2 valeurs modifiées" : "1 valeur modifiée"}).`);
    // The effect: the region is now over its cap, nobody was un-approved.
    const row = quotas.getByRole("row", { name: new RegExp(`^${region} \\(${site.regionCode}\\)`) });
    await expect(row).toContainText("Au-delà du plafond");
    await expect(row.getByRole("cell").first()).toHaveText(String(site.approved));
    await expectAccessible(page);
    const stored = await withDb(async (client) =>
      (await client.query(`SELECT q.cap FROM "Quota" q JOIN "Edition" e ON e.id = q."editionId" WHERE e.slug = $1 AND q.dimension = 'REGION' AND q.value = $2`, [DEMO_EDITION_SLUG, site.regionCode])).rows[0],
    );
    expect(stored).toEqual({ cap: newCap });

    // The dashboard says so too.
    await visit(page, "/organisation");
    await page.getByText("Tableau des données — Par région").click();
    const dashboardRow = page.getByRole("table", { name: /Sites par région/ }).getByRole("row", { name: new RegExp(`^${region}`) });
    await expect(dashboardRow.getByRole("cell").last()).toHaveText("Au-dessus du plafond (dérogation)");

    // Validations: approving the waitlisted site is no longer one click; it takes a reason.
    await visit(page, `/organisation/validations?status=WAITLISTED&region=${site.regionCode}`);
    const entry = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2, name: site.siteName }) });
    await expect(entry.getByRole("button", { name: `Valider : ${site.siteName}`, exact: true })).toHaveCount(0);
    await entry.locator("summary").filter({ hasText: "Valider malgré le plafond" }).click();
    await expect(entry).toContainText(`Région ${region} : ${site.approved} sites validés pour un plafond de ${newCap}.`);
    const reason = `Seul site de verrerie de la région, visite adaptée aux fauteuils (${Date.now()})`;
    await entry.getByLabel("Motif de la dérogation").fill(reason);
    await entry.getByRole("button", { name: "Valider par dérogation" }).click();
    await expect(entry.getByText("Cochez la case pour confirmer la dérogation.")).toBeVisible();
    await expectAccessible(page);
    await entry.getByLabel("Je confirme valider ce site au-delà du plafond.").check();
    await entry.getByRole("button", { name: "Valider par dérogation" }).click();
    await expect(page).toHaveURL(/fait=OVERRIDDEN/);
    await expect(page.getByRole("status").filter({ hasText: "Inscription validée par dérogation" })).toContainText(site.siteName);
    await expectAccessible(page);
    const after = await withDb(async (client) => (await client.query(`SELECT status FROM "Factory" WHERE id = $1`, [site.id])).rows[0]);
    expect(after).toEqual({ status: "APPROVED" });

    // The audit log: the override with its reason and author, and the cap change before → after.
    await visit(page, "/organisation/journal");
    await page.getByLabel("Action", { exact: true }).selectOption({ label: "Site validé par dérogation" });
    await page.getByRole("button", { name: "Filtrer", exact: true }).click();
    await expect(page).toHaveURL(/action=factory.approval_overridden/);
    const journalEntry = (action: string) => page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2, name: action, exact: true }) }).first();
    const overridden = journalEntry("Site validé par dérogation");
    await expect(overridden).toContainText(`${site.siteName} (${site.companyName})`);
    await expect(overridden).toContainText(`Motif : ${reason}`);
    await expect(overridden).toContainText(`Par ${DEMO_ACCOUNTS.organiser.email}`);
    await expect(overridden.getByRole("row", { name: /^Plafonds dépassés/ })).toContainText(`Région ${region}`);
    await expectAccessible(page);

    await page.getByLabel("Action", { exact: true }).selectOption({ label: "Quotas modifiés" });
    await page.getByRole("button", { name: "Filtrer", exact: true }).click();
    await expect(page).toHaveURL(/action=quotas.updated/);
    const capChange = journalEntry("Quotas modifiés").getByRole("row", { name: `${region} — plafond` });
    await expect(capChange.getByRole("cell")).toHaveText([String(site.cap), String(newCap)]);
    await expectAccessible(page);
    await screenshot(page, "organiser-journal-override");

    const logged = await withDb(async (client) =>
      (await client.query(
        `SELECT l.reason, u.email FROM "AuditLog" l JOIN "User" u ON u.id = l."actorId"
         WHERE l.action = 'factory.approval_overridden' AND l."entityId" = $1`,
        [site.id],
      )).rows,
    );
    expect(logged).toEqual([{ reason, email: DEMO_ACCOUNTS.organiser.email }]);
  });
});
