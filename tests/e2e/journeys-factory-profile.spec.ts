import sharp from "sharp";
import { expect, test } from "@playwright/test";
import { createTestFactory, withDb } from "./db";
import { expectAccessible, linkFromMailbox, screenshot, signInViaMailbox, visit, bothSizes } from "./utils";
import { formatVisitTime } from "@/lib/i18n/format";

// Issue 13, item 6. Before: the photos of a site were shown nowhere, the factory could not edit its
// profile after registering, and cancelling a visit took no reason, so the visitors' e-mail had no
// reason, no link and no other time. Now the demo factory's contact edits the description and adds a
// described photo, which the public page shows; then cancels a booked visit with a reason, which the
// visitor reads in the e-mail (with the factory's link and its other free times) and on "Ma réservation".

const run = `${Date.now()}`.slice(-7);
const SITE = `Cristallerie du Risoux ${run}`;
const CONTACT = "usine@usines-ouvertes.demo";
const VISITOR = `lucie.bernard.${run}@example.org`;
const DESCRIPTION = `Taille et gravure du cristal à la main, de la paraison au polissage (${run}).`;
const ALT = "Un verrier souffle une paraison devant le four";
const REASON = "Panne du four principal : l'atelier est à l'arrêt";

// Required fields' labels end with an asterisk.
const PHOTO_LABEL = /^Photo( \*)?$/;
const ALT_LABEL = /^Description de la photo( \*)?$/;

let factoryId = "";
let slots: string[] = [];

const clearContactMail = () => withDb((client) => client.query(`DELETE FROM "DevMail" WHERE lower("to") = lower($1)`, [CONTACT]));

test.beforeAll(async () => {
  // The visit to cancel (10 seats), one that fits the visitor's 2 seats, one too small, one for schools.
  ({ factoryId, slotIds: slots } = await createTestFactory(SITE, [
    { hourUtc: 8, capacity: 10 },
    { hourUtc: 11, capacity: 10 },
    { hourUtc: 13, capacity: 1 },
    { hourUtc: 14, capacity: 10, audience: "SCHOOL" },
  ]));
  const added = await withDb((client) =>
    client.query(`INSERT INTO "FactoryContact" ("factoryId", "userId") SELECT $1, id FROM "User" WHERE email = $2`, [factoryId, CONTACT]),
  );
  expect(added.rowCount, "the demo factory contact exists").toBe(1);
  await clearContactMail();
});
test.afterAll(clearContactMail);

// "samedi 13 mars 2027, 11 h 00 – 12 h 30" as the e-mails write a visit's time (Europe/Paris).
async function visitTime(slotId: string) {
  const { rows } = await withDb((client) => client.query<{ startsAt: Date; endsAt: Date }>(`SELECT "startsAt", "endsAt" FROM "Slot" WHERE id = $1`, [slotId]));
  return formatVisitTime(rows[0].startsAt, rows[0].endsAt, "fr");
}


test("a factory edits its profile and photos, then cancels a booked visit with a reason its visitor reads", async ({ page }) => {
  test.slow();
  let manageLink = "";

  await test.step("a visitor books 2 seats on the first visit", async () => {
    await visit(page, `/visites/${slots[0]}/reserver`);
    await page.getByLabel("Nombre de places").selectOption("2");
    await page.getByLabel("Nom et prénom").fill("Lucie Bernard");
    await page.getByLabel("Adresse e-mail").fill(VISITOR);
    await page.getByLabel(/J'accepte que ces informations/).check();
    await page.getByRole("button", { name: "Confirmer la réservation" }).click();
    await expect(page.getByText("C'est réservé !")).toBeVisible();
    manageLink = await linkFromMailbox(page, VISITOR, /Réservation confirmée/, /\/reservation\//);
  });

  await test.step("the public page has no photo yet", async () => {
    await visit(page, `/usines/${factoryId}`);
    await expect(page.getByRole("heading", { level: 1, name: SITE })).toBeVisible();
    await expect(page.locator("main img")).toHaveCount(0);
  });

  await test.step("the contact edits the description with the registration's rules", async () => {
    await signInViaMailbox(page, CONTACT, `/espace-usine/${factoryId}/profil`);
    await expect(page).toHaveURL(new RegExp(`/espace-usine/${factoryId}/profil$`));
    await expect(page.getByRole("heading", { level: 1, name: "Profil et photos du site" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Profil et photos" })).toHaveAttribute("aria-current", "page");
    await expectAccessible(page);

    const description = page.getByLabel("Ce que les visiteurs vont découvrir");
    await description.fill("Trop court");
    await page.getByRole("button", { name: "Enregistrer le profil" }).click();
    // The registration's own message for a short description.
    await expect(page.getByLabel("Ce que les visiteurs vont découvrir")).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page);

    await page.getByLabel("Ce que les visiteurs vont découvrir").fill(DESCRIPTION);
    await page.getByRole("button", { name: "Enregistrer le profil" }).click();
    await expect(page.getByText("Profil enregistré : la page du site est à jour.")).toBeVisible();
    await expectAccessible(page);
  });

  await test.step("adds a photo, which must be described", async () => {
    const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: "#b45309" } }).jpeg().toBuffer();
    await page.getByLabel(PHOTO_LABEL).setInputFiles({ name: "four.jpg", mimeType: "image/jpeg", buffer: photo });
    await page.getByRole("button", { name: "Ajouter la photo" }).click();
    await expect(page.getByText("Décrivez la photo en une phrase.")).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel(PHOTO_LABEL).setInputFiles({ name: "four.jpg", mimeType: "image/jpeg", buffer: photo });
    await page.getByLabel(ALT_LABEL).fill(ALT);
    await page.getByRole("button", { name: "Ajouter la photo" }).click();
    await expect(page.getByText("Photo ajoutée.")).toBeVisible();
    await expect(page.getByLabel("Description de la photo 1")).toHaveValue(ALT);
    await expect(page.getByRole("img", { name: ALT })).toBeVisible();
    await bothSizes(page, "factory-profile");
  });

  await test.step("the public page shows the new description and the photo with its description", async () => {
    await visit(page, `/usines/${factoryId}`);
    await expect(page.getByText(DESCRIPTION)).toBeVisible();
    const img = page.getByRole("img", { name: ALT });
    await img.scrollIntoViewIfNeeded();
    await expect(img).toHaveAttribute("loading", "lazy");
    await expect(img).toHaveAttribute("srcset", /\/photos\/\w+\?w=320 320w/);
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
    await bothSizes(page, "factory-page-photos");
  });

  await test.step("the contact cancels the booked visit, the reason being required", async () => {
    await visit(page, `/espace-usine/${factoryId}/creneaux/${slots[0]}`);
    await page.getByRole("button", { name: "Annuler la visite" }).click();
    await expect(page.getByText("Indiquez le motif de l'annulation : il sera transmis aux visiteurs.")).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel("Motif de l'annulation").fill(REASON);
    await page.getByLabel("Je confirme l'annulation de cette visite").check();
    await screenshot(page, "factory-cancel-reason-1280");
    await page.getByRole("button", { name: "Annuler la visite" }).click();
    await expect(page).toHaveURL(/annulee=1/);
    await expectAccessible(page);
  });

  await test.step("the visitor's e-mail has the reason, the factory's link and its other free time", async () => {
    const factoryLink = await linkFromMailbox(page, VISITOR, /Visite annulée par l'usine/, /\/usines\//);
    expect(new URL(factoryLink).pathname).toBe(`/usines/${factoryId}`);
    const body = page.getByRole("article");
    await expect(body).toContainText(`Motif donné par l'usine : « ${REASON} »`);
    await expect(body).toContainText("Autres visites de cette usine où il reste assez de places");
    await expect(body).toContainText(`- ${await visitTime(slots[1])}`);
    // Too small for 2 seats, or for schools only: not offered.
    await expect(body).not.toContainText(await visitTime(slots[2]));
    await expect(body).not.toContainText(await visitTime(slots[3]));
    await bothSizes(page, "slot-cancelled-mail");

    await visit(page, new URL(factoryLink).pathname);
    await expect(page.getByRole("heading", { level: 1, name: SITE })).toBeVisible();
  });

  await test.step("'Ma réservation' shows the reason too", async () => {
    await visit(page, new URL(manageLink).pathname);
    await expect(page.getByText("Cette réservation est annulée.")).toBeVisible();
    await expect(page.getByText(`L'usine a annulé cette visite. Motif : « ${REASON} »`)).toBeVisible();
    await bothSizes(page, "manage-cancelled-reason");
  });
});
