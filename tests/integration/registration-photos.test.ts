// The photo route: a registered site's photo comes back resized (WebP when accepted, JPEG otherwise),
// with long-lived caching for approved sites. Storage, the variant cache and the access rule are
// tested in photos.test.ts.
import { NextRequest } from "next/server";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { registerFactory } from "@/lib/factory/register";
import { createEdition, newSiret, uid } from "../fixtures/factories";

const { GET } = await import("@/app/photos/[id]/route");
const sharp = (await import("sharp").catch(() => null))?.default;

afterAll(async () => {
  await db.$disconnect();
});

async function registerWithPhoto(bytes: Buffer) {
  const edition = await createEdition();
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
    // One kept copy per width and format.
    expect(await db.factoryPhotoVariant.count({ where: { photoId: photo.id } })).toBe(2);
  });

  it("never enlarges a small photo", async () => {
    const { photo } = await registerWithPhoto(await sharp!({ create: { width: 300, height: 200, channels: 3, background: "#222" } }).jpeg().toBuffer());
    const response = await get(photo.id, "?w=1920");
    expect((await sharp!(Buffer.from(await response.arrayBuffer())).metadata()).width).toBe(300);
  });
});
