import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "@/lib/seed/demo-accounts";
import { createTestFactory, withDb } from "./db";
import { expectAccessible, proofOfWorkDone, screenshot, signedInAs, visit } from "./utils";

// Issue 13, item 13 (the smaller ones), each first in the old code's scenario:
// (f) on a 390 × 844 phone the home page's main button shows without scrolling (there was none);
// (c) "Inscrire mon usine" lands on a sign-in page that says why (it was bare);
// (a) the sign-in page says how many links are left and, once the limit bites, until when (Paris time);
// (e) after a submit with errors the focus goes to an error summary whose entries link to their fields
//     (sign-in, booking and registration forms; the focus stayed on the page body);
// (d) the factory dashboard shows its navigation once (its links were repeated under it).

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const run = `${Date.now()}`.slice(-6);
const EMAIL = `petits-parcours-${run}@example.org`;
let slotId = "";

test.beforeAll(async () => {
  ({
    slotIds: [slotId],
  } = await createTestFactory(`Tuilerie des petits parcours ${run}`, [{ hourUtc: 9, capacity: 20, audience: "PUBLIC" }]));
});

test.afterAll(() => withDb((client) => client.query(`DELETE FROM "DevMail" WHERE lower("to") = lower($1)`, [EMAIL])));

async function expectWithinFirstScreen(locator: Locator, height: number) {
  const box = await locator.boundingBox();
  expect(box, "element rendered").not.toBeNull();
  expect(box!.y + box!.height, "bottom inside the first screen").toBeLessThanOrEqual(height);
}

/** After a submit with errors: the summary has the focus, and its entry links to the field and focuses it. */
async function expectErrorSummary(page: Page, summary: Locator, entry: string | RegExp, fieldId: string) {
  await expect(summary).toBeFocused();
  const link = summary.getByRole("link", { name: entry });
  await expect(link).toHaveAttribute("href", `#${fieldId}`);
  await link.click();
  await expect(page.locator(`#${fieldId}`)).toBeFocused();
}

test("the smaller journeys: home button, factory sign-in, link limits, error summaries, factory navigation", async ({ page }) => {
  test.slow(); // a production page per step, each checked by axe
  await page.setViewportSize(PHONE);

  await test.step("(f) on a phone the home page's main button is on the first screen", async () => {
    await visit(page, "/");
    const main = page.getByRole("main").getByRole("link", { name: "Réserver une visite" });
    await expectWithinFirstScreen(main, PHONE.height);
    await screenshot(page, "small-home-phone");
    await page.setViewportSize(DESKTOP);
    await expectWithinFirstScreen(main, DESKTOP.height);
    await screenshot(page, "small-home-desktop");
    await page.setViewportSize(PHONE);
  });

  await test.step("(c) « Inscrire mon usine » explains why a sign-in comes first", async () => {
    await page.getByRole("link", { name: "Inscrire mon usine" }).click();
    await expect(page).toHaveURL(/\/connexion\?callbackUrl=%2Fespace-usine%2Finscription$/);
    await expect(page.getByText(/Pour inscrire votre usine, connectez-vous d'abord avec votre adresse e-mail/)).toBeVisible();
    await expect(page.getByText(/Pas de mot de passe : vous recevez un lien de connexion à chaque fois/)).toBeVisible();
    // (a) the rule is said before it bites (×5 on this server: RATE_LIMIT_FACTOR).
    await expect(page.getByText("Vous pouvez demander jusqu'à 25 liens par heure pour une même adresse. Si vous en demandez plusieurs, utilisez le plus récent.")).toBeVisible();
    await expectAccessible(page);
  });

  await test.step("(e) a mistyped address: the summary takes the focus and leads to the field", async () => {
    await proofOfWorkDone(page);
    await page.getByLabel(/adresse e-mail/i).fill("pas-une-adresse");
    await page.getByRole("button", { name: /recevoir le lien/i }).click();
    await expectErrorSummary(page, page.getByRole("alert").filter({ hasText: "Le formulaire contient une erreur" }), /Saisissez une adresse e-mail valide/, "email");
    await expectAccessible(page);
  });

  await test.step("(a) a link sent says how many are left; at the limit, until when", async () => {
    await page.getByLabel(/adresse e-mail/i).fill(EMAIL);
    await proofOfWorkDone(page);
    await page.getByRole("button", { name: /recevoir le lien/i }).click();
    await expect(page.getByRole("status")).toContainText(/Vous pouvez encore en demander 24 avant \d\d:\d\d \(heure de Paris\) ; utilisez toujours le plus récent\./);
    await expectAccessible(page);
    // The address has used its allowance (as after 25 requests): the next one is refused with the time it reopens.
    const until = await withDb(async (client) => {
      const { rows } = await client.query<{ expire: string }>(`UPDATE rate_limits SET points = 25 WHERE key = $1 RETURNING expire`, [`magicLinkPerEmail:${EMAIL}`]);
      return new Intl.DateTimeFormat("fr-FR", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Paris" }).format(new Date(Number(rows[0].expire)));
    });
    await page.getByLabel(/adresse e-mail/i).fill(EMAIL);
    await proofOfWorkDone(page);
    await page.getByRole("button", { name: /recevoir le lien/i }).click();
    const refusal = page.getByRole("alert").filter({ hasText: "trop de liens" });
    await expect(refusal).toContainText(`Vous pourrez en demander un nouveau à partir de ${until} (heure de Paris).`);
    await expect(refusal).toBeFocused();
    await expectAccessible(page);
  });

  await test.step("(e) the booking form: the summary lists every error, each linking to its field", async () => {
    await visit(page, `/visites/${slotId}/reserver`);
    await proofOfWorkDone(page);
    await page.getByRole("button", { name: "Confirmer la réservation" }).click();
    const summary = page.getByRole("alert").filter({ hasText: /Le formulaire contient \d erreurs/ });
    await expect(summary.getByRole("link", { name: "Indiquez votre nom." })).toHaveAttribute("href", "#contactName");
    await expectAccessible(page);
    await screenshot(page, "small-booking-errors-phone");
    await page.setViewportSize(DESKTOP);
    await screenshot(page, "small-booking-errors-desktop");
    await page.setViewportSize(PHONE);
    await expectErrorSummary(page, summary, /Cochez la case pour accepter/, "consent");
  });

  await test.step("(e) the registration form: an empty step's errors are summarised, the links open the fields", async () => {
    await signedInAs(page, DEMO_ACCOUNTS.factory.email, "/espace-usine/inscription");
    await page.getByRole("button", { name: "Continuer" }).click();
    const summary = page.locator("#registration-message");
    await expect(summary).toBeFocused();
    const first = summary.getByRole("link").first();
    const target = (await first.getAttribute("href"))!.slice(1);
    await expectErrorSummary(page, summary, (await first.textContent())!, target);
    await expectAccessible(page);
  });

  await test.step("(d) on a phone the factory dashboard shows its navigation once", async () => {
    const factoryId = await withDb(async (client) => {
      const { rows } = await client.query<{ id: string }>(
        `SELECT f.id FROM "Factory" f JOIN "FactoryContact" c ON c."factoryId" = f.id JOIN "User" u ON u.id = c."userId" WHERE u.email = $1 AND f.status = 'APPROVED' LIMIT 1`,
        [DEMO_ACCOUNTS.factory.email],
      );
      return rows[0].id;
    });
    await visit(page, `/espace-usine/${factoryId}`);
    for (const name of ["Ajouter des visites", "Qui vient ?", "Accueil à l'entrée"]) {
      await expect(page.getByRole("link", { name, exact: true })).toHaveCount(1);
    }
    await expect(page.getByRole("navigation", { name: /^Gestion du site/ })).toBeVisible();
  });
});
