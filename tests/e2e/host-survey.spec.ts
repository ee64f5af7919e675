import { createHash, randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createTestFactory, withDb } from "./db";
import { expectAccessible, visit } from "./utils";

// The hosts' questionnaire after the event (lib/host-survey): a factory contact opens the link of the
// e-mail (no sign-in), gets a specific error for a missing answer, answers, and finds the answers
// again with the same link. The invitation itself (sent the day after the edition) is tested in
// tests/integration/host-survey.test.ts: here the site is given its link directly.

const run = `${Date.now()}`.slice(-6);
const SITE = `Tréfilerie du questionnaire ${run}`;
const token = randomBytes(32).toString("base64url");

test.beforeAll(async () => {
  const { factoryId } = await createTestFactory(SITE, [{ hourUtc: 9, capacity: 10 }]);
  await withDb((client) =>
    client.query(`INSERT INTO "HostSurvey" (id, "factoryId", "tokenHash", "invitedAt") VALUES ($1, $2, $3, now())`, [
      `host-survey-${run}`,
      factoryId,
      createHash("sha256").update(token).digest("hex"),
    ]),
  );
});

test("a host answers the questionnaire after the event from the e-mailed link", async ({ page }) => {
  await visit(page, `/enquete-usine/${token}`);
  await expect(page.getByRole("heading", { level: 1, name: "Bilan de vos visites" })).toBeVisible();
  await expect(page.getByText(SITE)).toBeVisible();

  // Nothing typed for the required count: a specific error, nothing saved.
  await page.getByRole("radio", { name: "Oui" }).check();
  await page.getByRole("button", { name: "Enregistrer mes réponses" }).click();
  await expect(page.getByText("Indiquez le nombre de visiteurs venus (0 si personne).").first()).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Combien de visiteurs sont réellement venus ?").fill("87");
  await page.getByLabel("Candidatures en apprentissage reçues").fill("3");
  await page.getByLabel("Ce qui a bien marché").fill("La démonstration de tréfilage, les questions des lycéens.");
  await page.getByRole("button", { name: "Enregistrer mes réponses" }).click();
  await expect(page.getByText("Merci ! Vos réponses sont enregistrées.")).toBeVisible();
  await expectAccessible(page);

  // The same link shows the answers, ready to be changed.
  await visit(page, `/enquete-usine/${token}`);
  await expect(page.getByText(/^Réponses enregistrées le /)).toBeVisible();
  await expect(page.getByLabel("Combien de visiteurs sont réellement venus ?")).toHaveValue("87");
  await expect(page.getByRole("radio", { name: "Oui" })).toBeChecked();
});
