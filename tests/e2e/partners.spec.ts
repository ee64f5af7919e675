import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "@/lib/seed/demo-accounts";
import { createTestFactory, withDb } from "./db";
import { expectAccessible, screenshot, signedInAs } from "./utils";

// A partner's API key, as the organiser issues it and a partner uses it: issued on
// /organisation/partenaires (its secret shown once), it books through the REST API without a proof
// of work; revoked on the same page, it gets 401.

const clearOrganiserMail = () =>
  withDb((client) => client.query(`DELETE FROM "DevMail" WHERE lower("to") = lower($1)`, [DEMO_ACCOUNTS.organiser.email]));

test.afterAll(clearOrganiserMail);

test("an organiser issues a partner's key, which books through the API until it is revoked", async ({ page, request }) => {
  const {
    slotIds: [slotId],
  } = await createTestFactory(`Verrerie des partenaires ${Date.now()}`, [{ hourUtc: 9, capacity: 10, audience: "PUBLIC" }]);
  await clearOrganiserMail();
  await signedInAs(page, DEMO_ACCOUNTS.organiser.email, "/organisation/partenaires");
  await expect(page).toHaveURL(/\/organisation\/partenaires$/);
  await expect(page.getByRole("heading", { level: 1, name: "Partenaires et clés d'API" })).toBeVisible();

  // Nothing ticked: the form says so next to the rights.
  const name = `Office de tourisme ${Date.now()}`;
  await page.getByLabel("Nom du partenaire").fill(name);
  await page.getByRole("button", { name: "Émettre la clé" }).click();
  await expect(page.getByText("Cochez au moins un droit.")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("checkbox", { name: /^Réservation/ }).check();
  await page.getByRole("button", { name: "Émettre la clé" }).click();
  const secret = page.getByLabel("Clé d'API");
  await expect(secret).toHaveValue(/^uo_[A-Za-z0-9_-]{43}$/);
  const key = await secret.inputValue();
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name }) });
  await expect(card).toContainText(key.slice(0, 12));
  await expectAccessible(page);
  await screenshot(page, "partners-key-issued");

  const book = () =>
    request.post("/api/v1/bookings", {
      headers: { authorization: `Bearer ${key}`, "idempotency-key": randomUUID() },
      data: { kind: "INDIVIDUAL", slotId, seats: 1, contactName: "Camille Partenaire", email: `partenaire-${Date.now()}@example.fr`, consent: true, locale: "fr" },
    });
  const booked = await book();
  expect(booked.status(), await booked.text()).toBe(201);

  await card.locator("summary").click();
  await card.getByRole("button", { name: /Révoquer la clé/ }).click();
  await expect(card.getByText("Cochez la case pour confirmer la révocation.")).toBeVisible();
  await card.getByRole("checkbox").check();
  await card.getByRole("button", { name: /Révoquer la clé/ }).click();
  await expect(page.getByText("Clé révoquée : elle n'ouvre plus rien.")).toBeVisible();
  await expect(page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name }) })).toContainText("révoquée");
  await expectAccessible(page);

  const refused = await book();
  expect(refused.status()).toBe(401);
  expect(refused.headers()["www-authenticate"]).toMatch(/^Bearer\b/);
  expect((await refused.json()).error.code).toBe("api_key.invalid");
});
