// Photos live in PostgreSQL: the route serves what was uploaded from the database alone, each resized
// copy is made once and kept in FactoryPhotoVariant (concurrent first requests included), and the
// access rule and caching headers hold: public and immutable for approved sites, private to the
// site's contacts and organisers otherwise, 404 to anyone else.
import { NextRequest } from "next/server";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { checkPhotos, recordPhotos } from "@/lib/factory/photos";
import { createEdition, createFactory, createFactoryContact, uid } from "../fixtures/factories";
import { newRequestScope, signInAs } from "../fixtures/request-scope";

vi.mock("next-auth", async () => (await import("../fixtures/request-scope")).nextAuth);
vi.mock("next/headers", async () => (await import("../fixtures/request-scope")).nextHeaders);
const { GET } = await import("@/app/photos/[id]/route");
const sharp = (await import("sharp").catch(() => null))?.default;

beforeEach(() => newRequestScope());
afterAll(() => db.$disconnect());

const RED = [200, 30, 30];
const BLUE = [30, 30, 200];

// A JPEG whose left half is red and right half blue: a resized copy keeps that layout.
async function twoColourJpeg(width: number, height: number) {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) pixels.set(i % width < width / 2 ? RED : BLUE, i * 3);
  return sharp!(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 95 }).toBuffer();
}

/** A factory with one photo, uploaded through the same checks and writes as a registration. */
async function factoryWithPhoto(status: "APPROVED" | "PENDING", image: Buffer) {
  const edition = await createEdition();
  const factory = await createFactory(edition.id, { status });
  const checked = await checkPhotos([new Blob([new Uint8Array(image)], { type: "image/jpeg" })]);
  if (!checked.ok) throw new Error(checked.code);
  await db.$transaction((tx) => recordPhotos(tx, factory.id, checked.photos));
  const photo = await db.factoryPhoto.findFirstOrThrow({ where: { factoryId: factory.id }, select: { id: true } });
  return { factory, photo };
}

const get = (id: string, query = "", accept = "image/avif,image/webp,*/*") =>
  GET(new NextRequest(`http://localhost/photos/${id}${query}`, { headers: { accept } }), { params: Promise.resolve({ id }) });

const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer());
const variants = (photoId: string) =>
  db.factoryPhotoVariant.findMany({ where: { photoId }, select: { width: true, format: true, data: true }, orderBy: [{ format: "asc" }, { width: "asc" }] });

// The colour at a point of an encoded image.
async function colourAt(image: Buffer, x: number, y: number) {
  const { data, info } = await sharp!(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const offset = (y * info.width + x) * info.channels;
  return [...data.subarray(offset, offset + 3)];
}
const near = (actual: number[], expected: number[]) => actual.every((v, i) => Math.abs(v - expected[i]) < 40);

describe.skipIf(!sharp)("photos stored in the database", () => {
  it("serves the uploaded image from the database, resized, with the public caching headers", async () => {
    const { photo } = await factoryWithPhoto("APPROVED", await twoColourJpeg(1200, 600));
    const response = await get(photo.id, "?w=320");
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "cache-control": "public, max-age=31536000, immutable",
      "content-type": "image/webp",
      "content-disposition": "inline",
      "x-content-type-options": "nosniff",
      vary: "Accept",
    });
    const body = await bytesOf(response);
    expect(response.headers.get("content-length")).toBe(String(body.length));
    const meta = await sharp!(body).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["webp", 320, 160]);
    expect(near(await colourAt(body, 40, 80), RED)).toBe(true);
    expect(near(await colourAt(body, 280, 80), BLUE)).toBe(true);
  });

  it("makes each variant once, keeps it, and serves the kept copy without touching the original", async () => {
    const { photo } = await factoryWithPhoto("APPROVED", await twoColourJpeg(1200, 600));
    const first = await bytesOf(await get(photo.id, "?w=600"));
    // 600 and 640 are the same allowed width; JPEG is another variant.
    const again = await bytesOf(await get(photo.id, "?w=640"));
    const jpeg = await get(photo.id, "?w=600", "image/jpeg,*/*");
    expect(jpeg.headers.get("content-type")).toBe("image/jpeg");
    const jpegBytes = await bytesOf(jpeg);
    const rows = await variants(photo.id);
    expect(rows.map((r) => [r.format, r.width])).toEqual([
      ["jpeg", 640],
      ["webp", 640],
    ]);
    expect(Buffer.from(rows[1].data).equals(first)).toBe(true);
    expect(again.equals(first)).toBe(true);
    expect(Buffer.from(rows[0].data).equals(jpegBytes)).toBe(true);

    // With the original emptied (sharp would fail on it), the kept copy is still served as is.
    await db.factoryPhoto.update({ where: { id: photo.id }, data: { data: new Uint8Array() } });
    const cached = await get(photo.id, "?w=640");
    expect(cached.status).toBe(200);
    expect((await bytesOf(cached)).equals(first)).toBe(true);
  });

  it("stores one variant when several requests make it at the same moment, and they all get the same bytes", async () => {
    const { photo } = await factoryWithPhoto("APPROVED", await twoColourJpeg(1600, 900));
    const responses = await Promise.all(Array.from({ length: 4 }, () => get(photo.id, "?w=960")));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const bodies = await Promise.all(responses.map(bytesOf));
    const rows = await variants(photo.id);
    expect(rows).toHaveLength(1);
    for (const body of bodies) expect(body.equals(Buffer.from(rows[0].data))).toBe(true);
  });

  it("shows a site's photo to its contacts and organisers only until it is approved, and never to a shared cache", async () => {
    const { factory, photo } = await factoryWithPhoto("PENDING", await twoColourJpeg(400, 300));
    const stranger = await db.user.create({ data: { email: `passant-${uid()}@example.fr` } });
    const organiser = await db.user.create({ data: { email: `orga-${uid()}@example.fr`, role: "ORGANISER" } });
    const contact = await createFactoryContact(factory.id);

    for (const who of [null, stranger]) {
      signInAs(who);
      const refused = await get(photo.id, "?w=320");
      expect(refused.status).toBe(404);
      expect(refused.headers.get("cache-control")).toBe("no-store");
    }
    expect(await db.factoryPhotoVariant.count({ where: { photoId: photo.id } })).toBe(0);

    for (const who of [contact, organiser]) {
      signInAs(who);
      const shown = await get(photo.id, "?w=320");
      expect(shown.status).toBe(200);
      expect(shown.headers.get("cache-control")).toBe("private, no-cache");
      expect(shown.headers.get("vary")).toBe("Accept");
      expect((await sharp!(await bytesOf(shown)).metadata()).width).toBe(320);
    }
  });

  it("answers 404 to unknown and malformed ids", async () => {
    expect((await get("cl0000000000000000000000")).status).toBe(404);
    expect((await get("../../etc/passwd")).status).toBe(404);
  });
});
