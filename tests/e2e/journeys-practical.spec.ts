import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { createTestFactory, withDb } from "./db";
import { expectAccessible, linkFromMailbox, screenshot, signInViaMailbox, visit, bothSizes } from "./utils";

// Issue 15, practical information. Before: a visitor learnt where to meet, where to park and what
// to bring only at the gate. Now the factory's contact says it on the visit; the visitor sees it as
// pictograms on the catalogue card, in full on the booking page with a directions link, on the share
// card's page, in the confirmation e-mail and on "Ma réservation".

const run = `${Date.now()}`.slice(-7);
const SITE = `Tuilerie des Monts ${run}`;
const CONTACT = "usine@usines-ouvertes.demo";
const VISITOR = `noemie.garnier.${run}@example.org`;
const MEETING = "Accueil du bâtiment B";
const PARKING = "Parking visiteurs devant l'entrée principale";
const TRANSPORT = "Bus ligne 7, arrêt Les Tuileries";
const DIRECTIONS = `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent("12 rue du Four, 39200 Saint-Claude")}`;

let factoryId = "";
let slotId = "";

const clearContactMail = () => withDb((client) => client.query(`DELETE FROM "DevMail" WHERE lower("to") = lower($1)`, [CONTACT]));

test.beforeAll(async () => {
  ({ factoryId, slotIds: [slotId] } = await createTestFactory(SITE, [{ hourUtc: 9, capacity: 12, audience: "PUBLIC" }]));
  await withDb(async (client) => {
    // The site asks for an ID (its profile's condition): one of the pictograms, not a visit field.
    await client.query(`UPDATE "Factory" SET "idRequired" = true WHERE id = $1`, [factoryId]);
    const added = await client.query(`INSERT INTO "FactoryContact" ("factoryId", "userId") SELECT $1, id FROM "User" WHERE email = $2`, [factoryId, CONTACT]);
    expect(added.rowCount, "the demo factory contact exists").toBe(1);
  });
  await clearContactMail();
});
test.afterAll(clearContactMail);


test("a factory gives a visit's practical information; the visitor sees it on the card, the booking page, the e-mail and the ticket", async ({ page, request }) => {
  test.slow();

  await test.step("the contact fills the practical fields of the visit; a wrong distance is refused on its field", async () => {
    await signInViaMailbox(page, CONTACT, `/espace-usine/${factoryId}/creneaux/${slotId}`);
    await expect(page).toHaveURL(new RegExp(`/espace-usine/${factoryId}/creneaux/${slotId}$`));
    const practical = page.getByRole("group", { name: "Infos pratiques pour les visiteurs" });
    await practical.getByLabel("Point de rendez-vous").fill(MEETING);
    await practical.getByLabel("Stationnement").fill(PARKING);
    await practical.getByLabel("Transports en commun").fill(TRANSPORT);
    await practical.getByLabel("Distance à pied pendant la visite (en mètres)").fill("6000");
    await practical.getByLabel("Équipements de protection individuelle (EPI)").selectOption({ label: "EPI fournis sur place" });
    await practical.getByLabel("Photos pendant la visite").selectOption({ label: "Interdites" });
    await page.getByRole("button", { name: "Enregistrer" }).click();
    const distance = page.getByLabel("Distance à pied pendant la visite (en mètres)");
    await expect(distance).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("La distance à pied ne doit pas dépasser 5 000 m.")).toBeVisible();
    // What was typed stays in the form.
    await expect(page.getByLabel("Point de rendez-vous")).toHaveValue(MEETING);
    await bothSizes(page, "practical-form-error");

    await distance.fill("800");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await expect(page.getByText("Modifications enregistrées.")).toBeVisible();
    await expect(page.getByLabel("Distance à pied pendant la visite (en mètres)")).not.toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page);
  });

  await test.step("the factory's programme shows the pictograms of the visit", async () => {
    await visit(page, `/espace-usine/${factoryId}`);
    const row = page.getByRole("list", { name: "Infos pratiques" });
    for (const text of ["Parking", "Transports en commun", "800 m à pied", "EPI fournis", "Pièce d'identité", "Photos interdites"]) {
      await expect(row.getByText(text, { exact: true })).toBeVisible();
    }
    await bothSizes(page, "practical-factory-programme");
  });

  await test.step("the visitor's catalogue card has the pictograms, each with its words", async () => {
    await page.context().clearCookies();
    await visit(page, `/visites?q=${encodeURIComponent(SITE)}`);
    const card = page.getByRole("article", { name: SITE });
    const row = card.getByRole("list", { name: "Infos pratiques" });
    await expect(row.getByRole("listitem")).toHaveText(["Parking", "Transports en commun", "800 m à pied", "EPI fournis", "Pièce d'identité", "Photos interdites"]);
    // The pictograms are drawings only: hidden from assistive technologies, from the cached sprite.
    await expect(row.locator("svg[aria-hidden='true'] use").first()).toHaveAttribute("href", /^\/pictogrammes\.svg\?v=\w+#parking$/);
    const sprite = await request.get((await row.locator("use").first().getAttribute("href"))!.split("#")[0]);
    expect(sprite.headers()["content-type"]).toContain("image/svg+xml");
    expect(await sprite.text()).toContain('<symbol id="parking"');
    await bothSizes(page, "practical-catalogue-card");
  });

  await test.step("the booking page says it in full, with a directions link to the maps app", async () => {
    await visit(page, `/visites/${slotId}/reserver`);
    const info = page.getByRole("region", { name: "Infos pratiques" });
    await expect(info.getByRole("listitem")).toHaveText([
      `Point de rendez-vous : ${MEETING}`,
      `Stationnement : ${PARKING}`,
      `Transports en commun : ${TRANSPORT}`,
      "Marche sur le site : environ 800 m",
      "Équipements de protection individuelle (EPI) fournis sur place",
      "Pièce d'identité demandée à l'entrée",
      "Photos interdites pendant la visite",
    ]);
    const directions = info.getByRole("link", { name: `Itinéraire vers ${SITE} (nouvel onglet)` });
    await expect(directions).toHaveAttribute("href", DIRECTIONS);
    await expect(directions).toHaveAttribute("target", "_blank");
    await bothSizes(page, "practical-booking-page");
  });

  await test.step("the booking page's share card is the visit's own 1200×630 PNG", async () => {
    const head = page.locator("head");
    await expect(head.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");
    const image = await head.locator('meta[property="og:image"]').getAttribute("content");
    expect(new URL(image!).pathname).toBe(`/visites/${slotId}/reserver/opengraph-image`);
    await expect(head.locator('meta[name="twitter:image"]')).toHaveAttribute("content", image!);
    const png = await request.get(image!);
    expect(png.status()).toBe(200);
    expect(png.headers()["content-type"]).toBe("image/png");
    const bytes = await png.body();
    // PNG signature, then the IHDR chunk: width and height as big-endian 32-bit integers.
    expect(bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1200, 630]);
    fs.mkdirSync("test-results/screenshots", { recursive: true });
    fs.writeFileSync("test-results/screenshots/practical-visit-share-card.png", bytes);
  });

  let manageLink = "";
  await test.step("the confirmation e-mail lists it with Unicode signs and the directions link", async () => {
    await page.getByLabel("Nombre de places").selectOption("2");
    await page.getByLabel("Nom et prénom").fill("Noémie Garnier");
    await page.getByLabel("Adresse e-mail").fill(VISITOR);
    await page.getByLabel(/J'accepte que ces informations/).check();
    await page.getByRole("button", { name: "Confirmer la réservation" }).click();
    await expect(page.getByText("C'est réservé !")).toBeVisible();
    manageLink = await linkFromMailbox(page, VISITOR, /Réservation confirmée/, /\/reservation\//);
    const body = page.getByRole("article");
    await expect(body).toContainText("Infos pratiques");
    await expect(body).toContainText(`📍 Point de rendez-vous : ${MEETING}`);
    await expect(body).toContainText("⛑️ Équipements de protection individuelle (EPI) fournis sur place");
    await expect(body).toContainText("🚫 Photos interdites pendant la visite");
    await expect(body).toContainText(DIRECTIONS);
    await screenshot(page, "practical-confirmation-mail-1280");
  });

  await test.step("'Ma réservation' shows it with the ticket", async () => {
    await visit(page, new URL(manageLink).pathname);
    const info = page.getByRole("region", { name: "Infos pratiques" });
    await expect(info.getByText(`Point de rendez-vous : ${MEETING}`)).toBeVisible();
    await expect(info.getByRole("link", { name: `Itinéraire vers ${SITE} (nouvel onglet)` })).toHaveAttribute("href", DIRECTIONS);
    await bothSizes(page, "practical-manage-booking");
  });
});
