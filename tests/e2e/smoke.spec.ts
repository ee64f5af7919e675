import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "@/lib/seed/demo-accounts";
import { expectAccessible, screenshot, signInViaMailbox, visit, watchCspViolations } from "./utils";

test("home page presents the edition, on a phone and on a desktop", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await visit(page, "/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Journées Usines Ouvertes 2027");
  await expect(page.getByRole("link", { name: "Voir les visites" })).toBeVisible();
  await screenshot(page, "home-390");
  await page.setViewportSize({ width: 1280, height: 900 });
  await visit(page, "/");
  await screenshot(page, "home-desktop");
  // The second view came from the public pages' cache, its inline scripts allowed by their hashes.
  // Bookings by the journeys running alongside empty the cache now and then (and a busy machine may
  // let the 5 s entry lapse between two requests): ask again until one request finds it.
  let served = await page.request.get("/");
  await expect.poll(async () => (served = await page.request.get("/")).headers()["x-cache"], { timeout: 20_000 }).toBe("HIT");
  expect(served.headers()["content-security-policy"]).toMatch(/script-src 'self' 'sha256-/);
  // The CSP check of visit() sees a refusal: a script the page did not ship does not run.
  const refused = watchCspViolations(page);
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "document.body.dataset.injected = 'yes'";
    document.body.append(script);
  });
  await expect.poll(refused).toHaveLength(1);
  expect(await page.evaluate(() => document.body.dataset.injected)).toBeUndefined();
});

test("the demo organiser signs in through the development mailbox and lands on the organisation dashboard", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInViaMailbox(page, DEMO_ACCOUNTS.organiser.email);
  await expect(page).toHaveURL(/\/organisation$/);
  // The development mailbox, which the journeys read without checking it each time.
  await visit(page, `/dev/boite-mail?to=${encodeURIComponent(DEMO_ACCOUNTS.organiser.email)}`);
  await page.getByRole("link", { name: /lien de connexion/i }).first().click();
  await expectAccessible(page);
  await visit(page, "/organisation");
  await expect(page.getByRole("heading", { level: 1, name: "Espace organisation" })).toBeVisible();
  await expect(page.getByText(/sites inscrits/)).toBeVisible();
  await screenshot(page, "organiser-landing-1280");
});

test("English is available", async ({ page }) => {
  await visit(page, "/");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("link", { name: "See the visits" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});
