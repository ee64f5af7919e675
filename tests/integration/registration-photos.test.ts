// The photo route: a registered site's photo comes back resized (WebP when accepted, JPEG otherwise),
// with long-lived caching for approved sites; unknown ids and non-public photos are 404 to strangers.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { registerFactory } from "@/lib/factory/register";
import { createEdition, newSiret, uid } from "../fixtures/factories";

// No request scope here: the session lookup of non-public photos finds nobody.
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => null }));
const { GET } = await import("@/app/photos/[id]/route");
const sharp = (await import("sharp").catch(() => null))?.default;

let uploadDir: string;
beforeAll(() => {
  uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "uo-photos-"));
  process.env.UPLOAD_DIR = uploadDir;
});
afterAll(async () => {
  fs.rmSync(uploadDir, { recursive: true, force: true });
  await db.$disconnect();
});

async function registerWithPhoto(bytes: Buffer, quotas: { cap?: number } = {}) {
  const edition = await createEdition();
  if (quotas.cap !== undefined) await db.quota.create({ data: { editionId: edition.id, dimension: "REGION", value: "84", cap: quotas.cap } });
  const user = await db.user.create({ data: { email: `photo-${uid()}@example.fr` } });
  const { factory } = await registerFactory(
    {
      siret: newSiret(),
      companyName: "Verrerie Test",
      siteName: "Atelier verre",
      address: "3 rue du Four",
      postalCode: "74300",
      communeCode: "74081",
      sectorCode: "23",
      headcount: 40,
      description: "Soufflage du verre devant les visiteurs, puis recuisson.",
    },
    { userId: user.id, editionId: edition.id, photos: [new Blob([new Uint8Array(bytes)], { type: "image/jpeg" })] },
  );
  const photo = await db.factoryPhoto.findFirstOrThrow({ where: { factoryId: factory.id } });
  return { factory, photo };
}

const get = (id: string, query = "", accept = "image/avif,image/webp,*/*") =>
  GET(new NextRequest(`http://localhost/photos/${id}${query}`, { headers: { accept } }), { params: Promise.resolve({ id }) });

describe.skipIf(!sharp)("GET /photos/[id]", () => {
  it("serves an approved site's photo resized, cached for a year", async () => {
    const original = await sharp!({ create: { width: 2400, height: 1600, channels: 3, background: "#884422" } }).jpeg().toBuffer();
    const { photo } = await registerWithPhoto(original);
    expect([photo.width, photo.height]).toEqual([2400, 1600]);

    const webp = await get(photo.id, "?w=600");
    expect(webp.status).toBe(200);
    expect(webp.headers.get("content-type")).toBe("image/webp");
    expect(webp.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(webp.headers.get("vary")).toBe("Accept");
    const meta = await sharp!(Buffer.from(await webp.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["webp", 640, 427]);

    const jpeg = await get(photo.id, "", "image/jpeg,*/*");
    expect(jpeg.headers.get("content-type")).toBe("image/jpeg");
    expect((await sharp!(Buffer.from(await jpeg.arrayBuffer())).metadata()).width).toBe(960);
    // The second request is served from the disk cache.
    expect(fs.readdirSync(path.join(uploadDir, "resized")).length).toBe(2);
  });

  it("never enlarges a small photo", async () => {
    const { photo } = await registerWithPhoto(await sharp!({ create: { width: 300, height: 200, channels: 3, background: "#222" } }).jpeg().toBuffer());
    const response = await get(photo.id, "?w=1920");
    expect((await sharp!(Buffer.from(await response.arrayBuffer())).metadata()).width).toBe(300);
  });

  it("hides photos of sites that are not approved, and unknown ids", async () => {
    const { factory, photo } = await registerWithPhoto(await sharp!({ create: { width: 300, height: 200, channels: 3, background: "#222" } }).jpeg().toBuffer(), { cap: 0 });
    expect(factory.status).toBe("WAITLISTED");
    expect((await get(photo.id)).status).toBe(404);
    expect((await get("cl0000000000000000000000")).status).toBe(404);
    expect((await get("../../etc/passwd")).status).toBe(404);
  });
});
