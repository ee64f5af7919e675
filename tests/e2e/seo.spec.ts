import { expect, test } from "@playwright/test";
import fs from "node:fs";
import { BASE_URL } from "../../playwright.config";
import { withDb } from "./db";
import { visit } from "./utils";

// What search engines and other sites read: robots.txt, the sitemap, a factory page's metadata,
// structured data and share card. The XML is parsed by the browser's own parser. The factory has an
// accent in its name or town when the demo has one: its share card is kept to look at.
let factory: { id: string; siteName: string; postalCode: string };

test.beforeAll(async () => {
  factory = await withDb(async (client) => {
    const { rows } = await client.query(
      `SELECT f.id, f."siteName", f."postalCode" FROM "Factory" f JOIN "Edition" e ON e.id = f."editionId"
       WHERE e.slug = 'juo-2027' AND f.status = 'APPROVED' AND EXISTS (SELECT 1 FROM "Slot" s WHERE s."factoryId" = f.id AND s.status = 'OPEN')
       ORDER BY (f."siteName" || f."communeName") ~ '[À-ÿ]' DESC, f.id LIMIT 1`,
    );
    return rows[0];
  });
});

test("robots.txt keeps crawlers out of the private spaces and names the sitemap, which lists the factory pages", async ({ page, request }) => {
  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  const text = await robots.text();
  for (const path of ["/organisation", "/espace-usine", "/reservation/", "/api/", "/dev/"]) expect(text).toContain(`Disallow: ${path}`);
  expect(text).toContain(`Sitemap: ${BASE_URL}/sitemap.xml`);

  const sitemap = await request.get("/sitemap.xml");
  expect(sitemap.status()).toBe(200);
  const xml = await sitemap.text();
  await page.goto("about:blank");
  const entries = await page.evaluate((source) => {
    const document = new DOMParser().parseFromString(source, "application/xml");
    if (document.querySelector("parsererror")) throw new Error("sitemap.xml is not well-formed XML");
    return [...document.getElementsByTagName("url")].map((url) => ({
      loc: url.getElementsByTagName("loc")[0]?.textContent,
      lastmod: url.getElementsByTagName("lastmod")[0]?.textContent,
    }));
  }, xml);
  expect(entries.map((e) => e.loc)).toEqual(expect.arrayContaining([`${BASE_URL}/`, `${BASE_URL}/visites`, `${BASE_URL}/usines/${factory.id}`]));
  expect(Date.parse(entries.find((e) => e.loc === `${BASE_URL}/usines/${factory.id}`)?.lastmod ?? "")).not.toBeNaN();
});

test("a factory page has its description, canonical address, Event data, share links and a 1200×630 share card", async ({ page, request }) => {
  await visit(page, `/usines/${factory.id}?audience=PUBLIC`);
  const head = page.locator("head");
  await expect(head.locator('link[rel="canonical"]')).toHaveAttribute("href", `${BASE_URL}/usines/${factory.id}`);
  await expect(head.locator('meta[name="description"]')).toHaveAttribute("content", new RegExp(factory.siteName));
  await expect(head.locator('meta[property="og:locale:alternate"]')).toHaveAttribute("content", "en_GB");
  await expect(head.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");

  const events = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "null");
  expect(events.length).toBeGreaterThan(0);
  expect(events[0]).toMatchObject({
    "@type": "Event",
    eventAttendanceMode: "https://schema.org/OfflineEventAttendanceMode",
    isAccessibleForFree: true,
    location: { address: { "@type": "PostalAddress", postalCode: factory.postalCode } },
  });
  expect(events[0].startDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);

  const share = page.getByRole("region", { name: "Partager cette page" }).getByRole("link");
  await expect(share.first()).toHaveText(/Partager sur LinkedIn/);
  await expect(share.first()).toHaveAttribute("href", `https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(`${BASE_URL}/usines/${factory.id}`)}`);

  const image = await head.locator('meta[property="og:image"]').getAttribute("content");
  expect(image).toContain(`${BASE_URL}/usines/${factory.id}/opengraph-image`);
  const png = await request.get(image!);
  expect(png.headers()["content-type"]).toBe("image/png");
  const bytes = await png.body();
  // PNG signature, then the IHDR chunk: width and height as big-endian 32-bit integers.
  expect(bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1200, 630]);
  fs.mkdirSync("test-results/screenshots", { recursive: true });
  fs.writeFileSync("test-results/screenshots/share-card.png", bytes);
});

test("a filtered catalogue states the canonical address of its search, and describes it", async ({ page }) => {
  await visit(page, "/visites?wheelchair=1&region=84");
  await expect(page.locator('head link[rel="canonical"]')).toHaveAttribute("href", `${BASE_URL}/visites?region=84&wheelchair=1`);
  await expect(page.locator('head meta[name="description"]')).toHaveAttribute("content", /Auvergne-Rhône-Alpes/);
});
