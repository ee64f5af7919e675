import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { setAppClock } from "./clock";
import { withDb } from "./db";
import { expectAccessible, screenshot, signInViaMailbox, visit } from "./utils";

// A factory contact's whole journey, as a brand-new user: sign in from the development mailbox,
// register a site (the region follows from the postal code), publish a series of visits, see a
// visitor's booking in "who is coming", export it as CSV, and check the visitor in at the door on a
// phone by typing the ticket code.

const run = `${Date.now()}`.slice(-7);
const CONTACT = `directrice.usine.${run}@example.org`;
const VISITOR = `helene.lefevre.${run}@example.org`;
const VISITOR_NAME = "Hélène Lefèvre";
const SITE = `Usine de Cluses ${run}`;
const COMPANY = `Mécanique de l'Arve ${run}`;

/** 13 digits from the run, then the Luhn key that lib/reference/siret.ts checks: a SIRET unique per run. */
function siretForRun(): string {
  const body = `7${run}${String(Math.floor(Math.random() * 1e5)).padStart(5, "0")}`.slice(0, 13);
  const sum = [...body].reverse().reduce((acc, ch, i) => {
    // The key will sit at the right: from the right, body digits at even positions are doubled.
    const d = i % 2 === 0 ? Number(ch) * 2 : Number(ch);
    return acc + (d > 9 ? d - 9 : d);
  }, 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

// A magic link works once and the mailbox shows the newest mail first: start and end with no mail
// for the contact (see organiser.spec.ts).
const clearContactMail = () => withDb((client) => client.query(`DELETE FROM "DevMail" WHERE lower("to") = lower($1)`, [CONTACT]));

test.beforeAll(clearContactMail);
test.afterAll(clearContactMail);
// The check-in step moves the app's clock to the visit: back to real time whatever happens.
test.afterAll(({ request }) => setAppClock(request, null));

async function next(page: Page, step: RegExp) {
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page.getByRole("heading", { level: 2, name: step })).toBeFocused();
  await expectAccessible(page);
}

test("a new factory contact registers a site, publishes visits, exports who is coming and checks a visitor in", async ({ page, browser }) => {
  test.slow(); // one long journey, with an accessibility check on every screen

  let factoryId = "";
  let slotId = "";
  let ticketCode = "";

  await test.step("signs in from the development mailbox", async () => {
    await signInViaMailbox(page, CONTACT, "/espace-usine");
    await expect(page).toHaveURL(/\/espace-usine$/);
    await expect(page.getByRole("heading", { level: 1, name: "Espace usines" })).toBeVisible();
    await expect(page.getByText("Vous n'êtes encore contact d'aucun site pour cette édition.")).toBeVisible();
    await expectAccessible(page);
  });

  await test.step("registers a site: commune, department and region follow from the postal code", async () => {
    await page.getByRole("link", { name: "Inscrire un site" }).click();
    await expect(page).toHaveURL(/\/espace-usine\/inscription$/);
    await expect(page.getByRole("heading", { level: 2, name: "Étape 1 sur 4 : Votre site" })).toBeVisible();
    await expectAccessible(page);

    // Step 1 — the site. 74300 is shared by several communes: the contact picks Cluses, never a region.
    await page.getByLabel("SIRET du site").fill(siretForRun());
    await page.getByLabel("Nom de l'entreprise").fill(COMPANY);
    await page.getByLabel("Nom du site").fill(SITE);
    await page.getByLabel("Adresse du site").fill("14 avenue des Lacs");
    await page.getByLabel("Code postal").fill("74300");
    const commune = page.getByRole("combobox", { name: /^Commune/ });
    await expect(commune).toBeVisible();
    await commune.selectOption({ label: "Cluses" });
    const place = page.locator("dl").filter({ hasText: "Région" });
    await expect(place.locator("dt", { hasText: "Commune" }).locator("xpath=following-sibling::dd[1]")).toHaveText("Cluses");
    await expect(place.locator("dt", { hasText: "Département" }).locator("xpath=following-sibling::dd[1]")).toHaveText("Haute-Savoie (74)");
    await expect(place.locator("dt", { hasText: "Région" }).locator("xpath=following-sibling::dd[1]")).toHaveText("Auvergne-Rhône-Alpes");
    await expect(page.getByRole("combobox", { name: /Région|Département/ })).toHaveCount(0);
    await expectAccessible(page);

    // Step 2 — activity: the sector list narrows as the contact types; the size band follows the headcount.
    await next(page, /Étape 2 sur 4 : Activité/);
    await page.getByLabel("Rechercher un secteur").fill("métalliques");
    await expect(page.getByText(/\d+ secteurs? correspond/)).toBeVisible();
    await page.getByLabel("Secteur d'activité").selectOption("25");
    await page.getByLabel("Effectif du site").fill("85");
    await expect(page.getByText(/Taille d'entreprise : PME/)).toBeVisible();
    await expectAccessible(page);

    // Step 3 — the visit.
    await next(page, /Étape 3 sur 4 : La visite/);
    await page
      .getByLabel("Ce que les visiteurs vont découvrir")
      .fill("Décolletage de précision pour l'horlogerie et l'automobile : tours multibroches, contrôle qualité, atelier des apprentis.");
    await page.getByLabel("Âge minimum (facultatif)").fill("10");
    await page.getByLabel("Chaussures fermées obligatoires").check();
    await page.getByLabel("Visite accessible en fauteuil roulant").check();
    await expectAccessible(page);

    // Step 4 — contacts (none invited), and the summary before sending.
    await next(page, /Étape 4 sur 4 : Contacts/);
    const summary = page.getByRole("heading", { level: 3, name: "Récapitulatif" }).locator("xpath=..");
    await expect(summary).toContainText("14 avenue des Lacs, 74300 Cluses (Haute-Savoie, Auvergne-Rhône-Alpes)");
    await expect(summary).toContainText("85 (PME)");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Inscrire le site" }).click();

    // The demo edition approves automatically within its quotas (AUTOMATIC mode, no active phase, and
    // Auvergne-Rhône-Alpes under its cap in the seed): the site is approved at once, nothing to override.
    await expect(page).toHaveURL(/\/espace-usine$/);
    const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: SITE }) });
    await expect(card).toContainText(`${COMPANY} · Cluses`);
    await expect(card.getByText("Validé", { exact: true })).toBeVisible();
    await expectAccessible(page);
    await card.getByRole("link", { name: "Gérer ce site" }).click();
    await expect(page).toHaveURL(/\/espace-usine\/[^/]+$/);
    factoryId = new URL(page.url()).pathname.split("/").pop()!;
    await expect(page.getByRole("heading", { level: 1, name: SITE })).toBeVisible();
    await expect(page.getByText("Statut du site : Validé")).toBeVisible();
    await expect(page.getByText("Aucune visite pour l'instant.")).toBeVisible();
    await expectAccessible(page);

    const stored = await withDb(async (client) =>
      (await client.query(`SELECT "communeName", "departmentCode", "regionCode", "sizeBand", status FROM "Factory" WHERE id = $1`, [factoryId])).rows[0],
    );
    expect(stored).toEqual({ communeName: "Cluses", departmentCode: "74", regionCode: "84", sizeBand: "PME", status: "APPROVED" });
  });

  await test.step("publishes a series of visits: every 2 hours from 9:00 to 15:00 on the first day", async () => {
    await page.getByRole("link", { name: "Ajouter des visites" }).first().click();
    await expect(page).toHaveURL(new RegExp(`/espace-usine/${factoryId}/creneaux/nouveau$`));
    await expectAccessible(page);
    const days = page.getByRole("group", { name: "Jours" }).getByRole("checkbox");
    await expect(days).toHaveCount(2);
    await expect(days.nth(0)).toBeChecked();
    await days.nth(1).uncheck();
    await expect(page.getByLabel("Une série de visites à intervalle régulier")).toBeChecked();
    await page.getByLabel("Début de la première visite").fill("09:00");
    await page.getByLabel("Début de la dernière visite").fill("15:00");
    await page.getByLabel("Intervalle entre deux débuts (minutes)").fill("120");
    await page.getByLabel("Durée d'une visite (minutes)").fill("90");
    await page.getByLabel("Capacité (personnes)").fill("12");
    await page.getByLabel("Grand public et scolaires").check();
    await expect(page.getByText("4 visites seront créées. Horaires de chaque jour : 9 h 00, 11 h 00, 13 h 00, 15 h 00.")).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Créer les visites" }).click();

    await expect(page).toHaveURL(new RegExp(`/espace-usine/${factoryId}\\?cree=4$`));
    await expect(page.getByText("4 visites créées.")).toBeVisible();
    const edits = page.getByRole("link", { name: /^Modifier la visite du vendredi 19 mars, / });
    await expect(edits).toHaveCount(4);
    await expect(page.getByText("0 / 12 places réservées")).toHaveCount(4);
    await expectAccessible(page);
    const edit = page.getByRole("link", { name: "Modifier la visite du vendredi 19 mars, 9 h 00" });
    slotId = (await edit.getAttribute("href"))!.split("/").pop()!;
    expect(slotId).toBeTruthy();
  });

  await test.step("a visitor books 3 seats on the 9:00 visit and gets a ticket code", async () => {
    // Another browser: the visitor has no account and is not the contact.
    const visitor = await browser.newContext();
    try {
      const v = await visitor.newPage();
      await visit(v, `/visites/${slotId}/reserver`);
      await expect(v.getByRole("heading", { level: 1 })).toContainText(SITE);
      await expect(v.getByText("12 places restantes")).toBeVisible();
      await v.getByLabel("Nombre de places").selectOption("3");
      await v.getByLabel("Nom et prénom").fill(VISITOR_NAME);
      await v.getByLabel("Adresse e-mail").fill(VISITOR);
      await v.getByLabel(/J'accepte que ces informations/).check();
      await v.getByRole("button", { name: "Confirmer la réservation" }).click();
      await expect(v.getByText("C'est réservé !")).toBeVisible();
      const code = v.locator("dt", { hasText: "Code du billet" }).locator("xpath=following-sibling::dd[1]");
      await expect(code).toHaveText(/^[0-9A-Z]{8}$/);
      ticketCode = (await code.textContent())!.trim();
      await expect(v.getByRole("img", { name: `QR code du billet ${ticketCode}` })).toBeVisible();
      await expectAccessible(v);
    } finally {
      await visitor.close();
    }
  });

  await test.step("the contact sees the booking in 'who is coming' and exports it as CSV", async () => {
    await visit(page, `/espace-usine/${factoryId}`);
    await expect(page.getByText("3 / 12 places réservées")).toBeVisible();
    await page.getByRole("navigation", { name: `Gestion du site — ${SITE}` }).getByRole("link", { name: "Qui vient ?" }).click();
    await expect(page).toHaveURL(new RegExp(`/espace-usine/${factoryId}/inscrits$`));
    await expect(page.getByRole("heading", { level: 1, name: `Qui vient ? — ${SITE}` })).toBeVisible();
    await expect(page.getByRole("region", { name: "Totaux" })).toContainText("3 places confirmées");
    const table = page.getByRole("table").filter({ hasText: VISITOR_NAME });
    const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(VISITOR_NAME) }) });
    await expect(row.getByRole("cell")).toHaveText(["Confirmée", "3", "3 adultes", "", VISITOR, ticketCode, ""]);
    await expectAccessible(page);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Télécharger en CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^inscrits-usine-de-cluses-\d+-tout\.csv$/);
    const csv = fs.readFileSync(await download.path(), "utf8");
    expect(csv.charCodeAt(0), "UTF-8 byte order mark, for Excel").toBe(0xfeff);
    const [header, ...lines] = csv.slice(1).split("\r\n").filter(Boolean);
    const columns = header.split(";");
    expect(columns).toEqual([
      "Jour", "Début", "Fin", "Visite", "Statut", "Rang en liste d'attente", "Type", "Places", "Élèves ou participants", "Adultes", "Mineurs",
      "Nom du contact", "E-mail", "Téléphone", "Établissement", "UAI", "Classe", "Structure", "SIRET", "RNA", "Participants", "Code billet", "Circuit en car",
      "Présents", "Accueilli à", "Réservé le", "Conditions de visite",
    ]);
    expect(lines).toHaveLength(1);
    const cells = Object.fromEntries(lines[0].split(";").map((value, i) => [columns[i], value]));
    expect(cells).toMatchObject({
      Jour: "19/03/2027",
      Début: "09:00",
      Fin: "10:30",
      Visite: "Visite guidée",
      Statut: "Confirmée",
      Type: "Individuel",
      Places: "3",
      "Nom du contact": VISITOR_NAME,
      "E-mail": VISITOR,
      "Code billet": ticketCode,
      "Circuit en car": "",
      Présents: "",
    });
  });

  await test.step("at the door, on a phone: the ticket code finds the booking, the people present are checked in", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await visit(page, `/espace-usine/${factoryId}/accueil`);
    await expect(page.getByRole("heading", { level: 1, name: `Accueil à l'entrée — ${SITE}` })).toBeVisible();
    await expect(page.getByText("Aucune visite n'est prévue aujourd'hui sur ce site.")).toBeVisible();

    // Before the day: the booking is found, but cannot be checked in yet.
    const codeInput = page.getByLabel("Code du billet (8 caractères)");
    await codeInput.fill(ticketCode.toLowerCase());
    await page.getByRole("button", { name: "Vérifier le billet" }).click();
    const card = page.getByRole("article", { name: VISITOR_NAME });
    await expect(card).toContainText("Confirmée");
    await expect(card.getByText("Attention : cette visite n'est pas aujourd'hui.")).toBeVisible();
    await expect(card.getByRole("button", { name: /^Accueillir/ })).toHaveCount(0);
    await expectAccessible(page);

    // The day of the visit: the app's clock is set to its start (lib/clock.ts), the data is untouched.
    const startsAt = await withDb(async (client) =>
      (await client.query<{ startsAt: Date }>(`SELECT "startsAt" FROM "Slot" WHERE id = $1`, [slotId])).rows[0].startsAt,
    );
    await setAppClock(page.request, startsAt);
    await visit(page, `/espace-usine/${factoryId}/accueil`);
    await expect(page.getByRole("listitem").filter({ hasText: "3 personnes attendues, aucune accueillie" })).toBeVisible();
    await page.getByLabel("Code du billet (8 caractères)").fill(ticketCode);
    await page.getByRole("button", { name: "Vérifier le billet" }).click();
    await expect(card).toContainText("3 personnes");
    await expect(card).toContainText(`Code ${ticketCode}`);
    await expect(card.getByLabel("Personnes présentes")).toHaveValue("3");
    await expectAccessible(page);

    // One of the three did not come.
    await card.getByRole("button", { name: "Une personne de moins" }).click();
    await expect(card.getByLabel("Personnes présentes")).toHaveValue("2");
    await card.getByRole("button", { name: "Accueillir (2)" }).click();
    await expect(page.getByText("2 personnes accueillies. Bonne visite !")).toBeVisible();
    await expect(card.getByText("Accueillie", { exact: true })).toBeVisible();
    await expect(card).toContainText(/Accueillie à \d{1,2} h \d{2} : 2 personnes présentes sur 3\./);
    await expectAccessible(page);
    await screenshot(page, "factory-checkin-390");

    const booking = await withDb(async (client) =>
      (await client.query(`SELECT status, "checkedInCount" FROM "Booking" WHERE "ticketCode" = $1`, [ticketCode])).rows[0],
    );
    expect(booking).toEqual({ status: "CHECKED_IN", checkedInCount: 2 });

    // A mistake can be undone: the booking is confirmed again.
    await card.getByRole("button", { name: "Annuler l'accueil" }).click();
    await expect(page.getByText("Accueil annulé : la réservation est de nouveau confirmée.")).toBeVisible();
    await expect(card.getByRole("button", { name: "Accueillir (3)" })).toBeVisible();
    await expectAccessible(page);
  });

  await test.step("people turning up without a booking are let in while seats are free, and counted as such", async () => {
    await visit(page, `/espace-usine/${factoryId}/accueil`);
    await page.getByLabel(/^Sans réservation, visite de/).first().fill("2");
    await page.getByRole("button", { name: "Faire entrer" }).first().click();
    await expect(page.getByText(/^2 personnes entrées sans réservation\./)).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "3 personnes attendues, aucune accueillie, 2 sans réservation" })).toBeVisible();
    await expectAccessible(page);
    // More than the free seats: refused, nothing changes.
    await page.getByLabel(/^Sans réservation, visite de/).first().fill("1000");
    await page.getByRole("button", { name: "Faire entrer" }).first().click();
    await expect(page.getByText(/^Pas assez de places libres : il en reste \d+\./).first()).toBeVisible();
    const walkedIn = await withDb(async (client) => (await client.query(`SELECT "takenByWalkIns" AS n FROM "Slot" WHERE id = $1`, [slotId])).rows[0].n);
    expect(walkedIn).toBe(2);
  });
});
