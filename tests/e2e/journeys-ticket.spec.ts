// Issue 13, item 9 (the ticket), walked as a parent on a phone: after booking, the ticket page and
// "Ma réservation" show the QR code on the first screen, and the ticket page is no dead end — calendar
// (.ics, Google, Outlook), how to manage the booking, the visit's safety conditions.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { createTestFactory, withDb } from "./db";
import { expectAccessible, linkFromMailbox, screenshot, visit } from "./utils";

const FACTORY = `Fonderie du Billet ${Date.now() % 100000}`;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
let slotId = "";
let startsAt: Date;

test.beforeAll(async () => {
  const { factoryId, slotIds } = await createTestFactory(FACTORY, [{ hourUtc: 8, capacity: 20 }]);
  slotId = slotIds[0];
  startsAt = await withDb(async (c) => {
    // Safety conditions the ticket must repeat.
    await c.query(`UPDATE "Factory" SET "closedShoesRequired" = true WHERE id = $1`, [factoryId]);
    return (await c.query<{ startsAt: Date }>(`SELECT "startsAt" FROM "Slot" WHERE id = $1`, [slotId])).rows[0].startsAt;
  });
});

async function shoot(page: Page, name: string) {
  await screenshot(page, `journeys-ticket-${name}-${page.viewportSize()?.width}`);
}

// Wholly inside the first screen, without scrolling.
async function expectOnFirstScreen(page: Page, element: Locator) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await element.boundingBox();
  expect(box, "QR code laid out").not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, "bottom of the QR code within the first screen").toBeLessThanOrEqual(page.viewportSize()!.height);
}

// 2027-03-27T08:00:00.000Z → "20270327T080000Z"
const compact = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");

test.describe.serial("a parent books on a phone and opens the ticket", () => {
  const parent = `billet.${Date.now()}@example.org`;
  let manageLink = "";
  let ticketLink = "";

  test("book, then the QR code is on the first screen of \"Ma réservation\"", async ({ page }) => {
    await page.setViewportSize(PHONE);
    await visit(page, `/visites/${slotId}/reserver`);
    await page.getByLabel("Nombre de places").selectOption("2");
    await page.getByLabel("Nom et prénom").fill("Inès Moreau");
    await page.getByLabel("Adresse e-mail").fill(parent);
    await page.getByLabel(/J'accepte que ces informations/).check();
    await page.getByRole("button", { name: "Confirmer la réservation" }).click();
    await expect(page.getByText("C'est réservé !")).toBeVisible();
    manageLink = new URL(page.url()).pathname;
    await expectAccessible(page);
    await shoot(page, "manage");
    // Before: the QR code came after the booking's facts and conditions, below the fold.
    await expectOnFirstScreen(page, page.getByRole("img", { name: /QR code du billet/ }));
    const google = await page.getByRole("link", { name: "Ajouter à Google Agenda" }).getAttribute("href");
    expect(new URL(google!).searchParams.get("details")).toContain(manageLink);
  });

  test("the ticket page: QR first, calendar links with the visit's times, manage link, conditions", async ({ page }) => {
    await page.setViewportSize(PHONE);
    ticketLink = await linkFromMailbox(page, parent, /Réservation confirmée/, /\/billet\//);
    // The confirmation e-mail offers the web calendars too.
    await expect(page.getByText("Ajouter à Google Agenda")).toBeVisible();
    await expect(page.getByRole("link", { name: /^https:\/\/calendar\.google\.com\// })).toBeVisible();
    await expect(page.getByRole("link", { name: /^https:\/\/outlook\.live\.com\// })).toBeVisible();

    await visit(page, new URL(ticketLink).pathname);
    await shoot(page, "ticket");
    // Before: under the facts and conditions, the QR code started below 844 px.
    await expectOnFirstScreen(page, page.getByRole("img", { name: /QR code du billet/ }));

    const end = new Date(startsAt.getTime() + 90 * 60_000);
    const google = new URL((await page.getByRole("link", { name: "Ajouter à Google Agenda" }).getAttribute("href"))!);
    expect(google.origin + google.pathname).toBe("https://calendar.google.com/calendar/render");
    expect(google.searchParams.get("action")).toBe("TEMPLATE");
    expect(google.searchParams.get("dates")).toBe(`${compact(startsAt)}/${compact(end)}`);
    expect(google.searchParams.get("text")).toContain(FACTORY);
    expect(google.searchParams.get("location")).toContain("Saint-Claude");
    // A ticket may be shown to others: it links back to itself, never to the private manage page.
    expect(google.searchParams.get("details")).toContain(new URL(ticketLink).pathname);
    expect(google.searchParams.get("details")).not.toContain(manageLink);
    const outlook = new URL((await page.getByRole("link", { name: "Ajouter à Outlook" }).getAttribute("href"))!);
    expect(outlook.searchParams.get("startdt")).toBe(startsAt.toISOString().replace(/\.\d{3}Z$/, "Z"));

    // The .ics of the ticket page: the ticket code in its description.
    const ics = await page.request.get((await page.getByRole("link", { name: /Ajouter à mon agenda/ }).getAttribute("href"))!);
    expect(ics.status()).toBe(200);
    const code = (await withDb(async (c) => (await c.query(`SELECT "ticketCode" FROM "Booking" WHERE email = $1`, [parent])).rows[0].ticketCode)) as string;
    expect((await ics.text()).replace(/\r\n[ \t]/g, "")).toMatch(new RegExp(`DESCRIPTION:.*${code}`));

    // How to manage the booking, and the safety conditions.
    await expect(page.getByText(/Pour modifier ou annuler/)).toBeVisible();
    await page.getByText(/Pour modifier ou annuler/).getByRole("link", { name: "Retrouver mes réservations" }).click();
    await expect(page).toHaveURL(/\/reservations\/retrouver/);
    await expectAccessible(page);
    await page.goBack();
    await expect(page.getByText("Chaussures fermées obligatoires")).toBeVisible();
  });

  test("the ticket page and \"Ma réservation\" on a desktop", async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    await visit(page, new URL(ticketLink).pathname);
    await expect(page.getByRole("link", { name: "Ajouter à Outlook" })).toBeVisible();
    await shoot(page, "ticket");
    await visit(page, manageLink);
    await expect(page.getByRole("link", { name: "Ajouter à Google Agenda" })).toBeVisible();
    await shoot(page, "manage");
  });
});
