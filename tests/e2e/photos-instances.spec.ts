// Two production instances, one database: a photo that exists only as a database row (no file on any
// disk) is served by both, and the resized copy one instance made is the one the other serves. The
// second instance is started like a deployment starts each of its instances (`tsx scripts/serve.ts`),
// against the test server's database and with its secrets.
import { expect, test, type APIRequestContext } from "@playwright/test";
import sharp from "sharp";
import { createTestFactory, e2eDatabaseUrl, withDb } from "./db";
import { becomesHealthy, localSecrets, startServer, type ServerProcess } from "./processes";

let second: ServerProcess;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // The test server already runs the background jobs on this database (startServer turns them off).
  second = await startServer("serve", { DATABASE_URL: e2eDatabaseUrl, DEV_MAILBOX: "1", ...localSecrets() });
  expect(await becomesHealthy(second), `second instance:\n${second.output()}`).toBe(true);
});
test.afterAll(() => second.stop());

// A 1200×800 photo of an approved factory, written straight into the database.
async function photoInDatabase(): Promise<string> {
  const { factoryId } = await createTestFactory("Verrerie des deux instances", []);
  const photoId = `${factoryId}p`;
  const image = await sharp({ create: { width: 1200, height: 800, channels: 3, background: "#2d6a4f" } }).jpeg().toBuffer();
  await withDb((client) =>
    client.query(`INSERT INTO "FactoryPhoto" (id, "factoryId", data, "mimeType", width, height) VALUES ($1, $2, $3, 'image/jpeg', 1200, 800)`, [
      photoId,
      factoryId,
      image,
    ]),
  );
  return photoId;
}

// `base` "" is the test server (the request fixture's baseURL).
async function fetchPhoto(request: APIRequestContext, base: string, photoId: string, accept: string) {
  const response = await request.get(`${base}/photos/${photoId}?w=320`, { headers: { accept } });
  expect(response.status(), `${base || "test server"}: ${await response.text().catch(() => "")}`).toBe(200);
  expect(response.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  // Next adds its own router headers to Vary.
  expect(response.headers()["vary"]?.split(/,\s*/)).toContain("Accept");
  return { type: response.headers()["content-type"], body: await response.body() };
}

test("two production instances serve the same photo from the shared database", async ({ request }) => {
  const photoId = await photoInDatabase();

  // WebP made by the test server, then served by the second instance; JPEG the other way round.
  const webpFromFirst = await fetchPhoto(request, "", photoId, "image/avif,image/webp,*/*");
  const webpFromSecond = await fetchPhoto(request, second.url, photoId, "image/avif,image/webp,*/*");
  const jpegFromSecond = await fetchPhoto(request, second.url, photoId, "image/jpeg,*/*");
  const jpegFromFirst = await fetchPhoto(request, "", photoId, "image/jpeg,*/*");

  expect([webpFromFirst.type, webpFromSecond.type, jpegFromSecond.type, jpegFromFirst.type]).toEqual(["image/webp", "image/webp", "image/jpeg", "image/jpeg"]);
  expect(webpFromSecond.body.equals(webpFromFirst.body)).toBe(true);
  expect(jpegFromFirst.body.equals(jpegFromSecond.body)).toBe(true);
  const meta = await sharp(webpFromFirst.body).metadata();
  expect([meta.format, meta.width, meta.height]).toEqual(["webp", 320, 213]);

  // Each resized copy was made once, by whichever instance was asked first, and kept in the database.
  const variants = await withDb(async (client) => {
    const { rows } = await client.query<{ format: string; width: number; data: Buffer }>(
      `SELECT format, width, data FROM "FactoryPhotoVariant" WHERE "photoId" = $1 ORDER BY format`,
      [photoId],
    );
    return rows;
  });
  expect(variants.map((v) => [v.format, v.width])).toEqual([
    ["jpeg", 320],
    ["webp", 320],
  ]);
  expect(variants[0].data.equals(jpegFromFirst.body)).toBe(true);
  expect(variants[1].data.equals(webpFromFirst.body)).toBe(true);
});
