import AxeBuilder from "@axe-core/playwright";
import { expect, type Cookie, type Page } from "@playwright/test";
import fs from "node:fs";
import { withDb } from "./db";

// Every page a journey visits is checked with axe (WCAG 2.1 A/AA rules, the basis of RGAA):
// serious and critical violations fail the test.
export async function expectAccessible(page: Page) {
  // Next streams a dynamic page's <title> after its body: wait for it, so axe sees the finished page
  // (and every page must have a title).
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    blocking.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
    `axe violations on ${page.url()}`,
  ).toEqual([]);
}

/** Waits until the form's proof of work is solved (the widget's checkbox ticks itself). */
export async function proofOfWorkDone(page: Page) {
  await expect(page.getByRole("checkbox", { name: "Vérification anti-robot terminée" })).toBeChecked({ timeout: 20_000 });
}

/** Collects what Chromium refuses under the page's Content-Security-Policy from now on. */
export function watchCspViolations(page: Page): () => string[] {
  const refused: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && message.text().includes("Content Security Policy")) refused.push(message.text());
  });
  return () => refused;
}

/** Where visit() keeps each page's HTML as served, for the Nu checker at the end of the run (tests/e2e/validate-html.ts). */
export const SERVED_HTML_DIR = "test-results/html";

// The HTML the server sent (not the DOM after scripts ran), one file per address: a page visited
// again overwrites its copy.
function keepServedHtml(path: string, html: string) {
  fs.mkdirSync(SERVED_HTML_DIR, { recursive: true });
  const name = path.replace(/^\//, "").replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 150) || "index";
  fs.writeFileSync(`${SERVED_HTML_DIR}/${name}.html`, html);
}

// Also fails when the page's own scripts or styles are refused by its CSP (public pages served from
// the cache carry hashes instead of a nonce: a mismatch would leave the page without JavaScript).
export async function visit(page: Page, path: string) {
  const refused = watchCspViolations(page);
  const response = await page.goto(path);
  expect(response?.status(), `HTTP status of ${path}`).toBeLessThan(400);
  // A page served again may be a 304 without a body: its first view was kept.
  if (response?.status() === 200 && response.headers()["content-type"]?.startsWith("text/html")) {
    const served = new URL(response.url());
    keepServedHtml(served.pathname + served.search, await response.text());
  }
  await expectAccessible(page);
  expect(refused(), `CSP violations on ${path}`).toEqual([]);
}

/** Checks the page with axe and screenshots it on a phone (390 px), then on a desktop (1280 px). */
export async function bothSizes(page: Page, name: string) {
  await page.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(page);
  await screenshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await expectAccessible(page);
  await screenshot(page, `${name}-1280`);
}

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync("test-results/screenshots", { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

// Opens the newest mail to `to` whose subject matches, from the development mailbox, and returns
// the first link in it that matches `linkPattern`. The mailbox is a development tool that production
// does not have: axe checks it once (smoke.spec.ts), not on every read.
// When the mail does not arrive, the failure says what the outbox holds for that address (never
// written, still pending, or failing), so a slow delivery and a missing e-mail read differently.
export async function linkFromMailbox(page: Page, to: string, subject: RegExp, linkPattern: RegExp): Promise<string> {
  try {
    await expect(async () => {
      await page.goto(`/dev/boite-mail?to=${encodeURIComponent(to)}`);
      await expect(page.getByRole("link", { name: subject }).first()).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 30_000 });
  } catch (error) {
    const outbox = await withDb(async (c) =>
      (await c.query(`SELECT subject, template, status, attempts, "lastError", "nextAttemptAt", "createdAt", "sentAt" FROM "EmailOutbox" WHERE lower("to") = lower($1) ORDER BY id`, [to])).rows,
    );
    throw new Error(`No mail matching ${subject} for ${to} in the mailbox. Outbox rows for that address: ${JSON.stringify(outbox, null, 1)}`, { cause: error });
  }
  await page.getByRole("link", { name: subject }).first().click();
  const href = await page.getByRole("link", { name: linkPattern }).first().getAttribute("href");
  expect(href).toBeTruthy();
  return href!;
}

// Session cookies of the accounts signed in so far in this run (one worker runs every file in turn).
const sessions = new Map<string, Cookie[]>();

const mailsTo = (email: string) =>
  withDb(async (c) => Number((await c.query(`SELECT count(*) AS n FROM "DevMail" WHERE lower("to") = lower($1)`, [email])).rows[0].n));

/**
 * The whole sign-in: the form, the e-mail, its link. Without `callbackPath`, from the header's
 * "Se connecter" (no return address), as people do. The session is kept for `signedInAs`.
 */
export async function signInViaMailbox(page: Page, email: string, callbackPath?: string) {
  const before = await mailsTo(email);
  if (callbackPath) {
    await visit(page, `/connexion?callbackUrl=${encodeURIComponent(callbackPath)}`);
  } else {
    await page.context().clearCookies();
    await visit(page, "/");
    await page.getByRole("link", { name: "Se connecter" }).click();
    await expect(page).toHaveURL(/\/connexion$/);
    await expectAccessible(page);
  }
  await page.getByLabel(/adresse e-mail/i).fill(email);
  // A submit is held until the proof of work is solved only once the widget has loaded: with two
  // browsers sharing the cores, a click can come before that.
  await proofOfWorkDone(page);
  await page.getByRole("button", { name: /recevoir le lien/i }).click();
  await expect(page.getByRole("status")).toContainText(/un lien vient de lui être envoyé/i);
  // This request's link, not one used before: wait for its e-mail (the newest is listed first).
  await expect.poll(() => mailsTo(email), { timeout: 20_000 }).toBeGreaterThan(before);
  const link = await linkFromMailbox(page, email, /lien de connexion/i, /api\/auth\/callback\/email/);
  await page.goto(link);
  await expect(page).not.toHaveURL(/\/api\/auth\//);
  sessions.set(email, (await page.context().cookies()).filter((c) => c.name.includes("session-token")));
}

/**
 * Opens `path` signed in as `email`: reuses the session of an earlier sign-in of this run (the
 * sign-in itself is tested by the journeys that call signInViaMailbox), else signs in.
 */
export async function signedInAs(page: Page, email: string, path: string) {
  const cookies = sessions.get(email);
  if (!cookies?.length) return signInViaMailbox(page, email, path);
  await page.context().addCookies(cookies);
  await visit(page, path);
}
