import "server-only";
// Serving factory photos (app/photos/[id]/route.ts): who may see one, and its resized copies, each
// made once from the original in FactoryPhoto and kept in FactoryPhotoVariant, so that every app
// instance answers the same bytes and none needs a disk of its own.
import type SharpFn from "sharp";
import { mayActForFactory, type Actor } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { MAX_PHOTO_PIXELS } from "./photos";

const PHOTO_WIDTHS = [320, 640, 960, 1280, 1920] as const;
const DEFAULT_WIDTH = 960;
const PHOTO_ID = /^[a-z0-9]{10,40}$/i;

export type Viewer = Actor;

export interface ViewablePhoto {
  id: string;
  mimeType: string;
  width: number;
  /** The site is approved: anyone may see the photo, and any cache may keep it. */
  isPublic: boolean;
}

/**
 * The photo if the viewer may see it: anyone for an approved site, otherwise only the site's contacts
 * and organisers. Null for everyone else and for unknown ids (a stranger cannot tell them apart). The
 * viewer is asked for only when the site is not approved, so public photos never read the session.
 */
export async function photoForViewer(id: string, viewer: () => Promise<Viewer | null>): Promise<ViewablePhoto | null> {
  if (!PHOTO_ID.test(id)) return null;
  const photo = await db.factoryPhoto.findUnique({
    where: { id },
    select: { id: true, mimeType: true, width: true, factory: { select: { id: true, status: true } } },
  });
  if (!photo) return null;
  const { factory, ...rest } = photo;
  if (factory.status === "APPROVED") return { ...rest, isPublic: true };
  const user = await viewer();
  if (!user) return null;
  return (await mayActForFactory(user, factory.id)) ? { ...rest, isPublic: false } : null;
}

/** The allowed width nearest above the asked one (960 when none), never wider than the original. */
export function variantWidth(requested: string | null, originalWidth: number): number {
  const asked = Number(requested);
  const wanted = Number.isFinite(asked) && asked > 0 ? asked : DEFAULT_WIDTH;
  const allowed = PHOTO_WIDTHS.find((w) => w >= wanted) ?? PHOTO_WIDTHS[PHOTO_WIDTHS.length - 1];
  return Math.min(allowed, originalWidth);
}

/** A photo's `src` and `srcset` (the allowed widths up to its own), for a responsive <img>. */
export function photoSources(photo: { id: string; width: number }): { src: string; srcSet: string } {
  const widths = [...new Set(PHOTO_WIDTHS.map((w) => Math.min(w, photo.width)))];
  const url = (w: number) => `/photos/${encodeURIComponent(photo.id)}?w=${w}`;
  return { src: url(variantWidth(null, photo.width)), srcSet: widths.map((w) => `${url(w)} ${w}w`).join(", ") };
}

type Sharp = typeof SharpFn;
let sharpModule: Promise<Sharp | null> | undefined;
// sharp ships with Next (its image optimiser) but is optional: without it the original is served.
const loadSharp = () =>
  (sharpModule ??= import("sharp").then(
    (mod) => mod.default,
    () => null,
  ));

export type VariantFormat = "webp" | "jpeg";

export interface PhotoImage {
  data: Uint8Array<ArrayBuffer>;
  contentType: string;
  /** The bytes depend on the Accept header (WebP or JPEG). */
  negotiated: boolean;
}

/**
 * The photo resized to `width` (see variantWidth) in `format`, EXIF orientation applied and metadata
 * (GPS…) stripped: read from FactoryPhotoVariant, or made from the original and stored there. Two
 * instances making the same variant at once both succeed (the second insert does nothing) and serve
 * the stored copy. Without sharp, the original as uploaded. Null if the photo is gone meanwhile.
 */
export async function photoImage(photo: ViewablePhoto, width: number, format: VariantFormat): Promise<PhotoImage | null> {
  const sharp = await loadSharp();
  if (!sharp) {
    const original = await db.factoryPhoto.findUnique({ where: { id: photo.id }, select: { data: true } });
    return original && { data: original.data, contentType: photo.mimeType, negotiated: false };
  }
  const key = { photoId: photo.id, width, format };
  const image = (data: Uint8Array<ArrayBuffer>): PhotoImage => ({ data, contentType: `image/${format}`, negotiated: true });
  const readVariant = () => db.factoryPhotoVariant.findUnique({ where: { photoId_width_format: key }, select: { data: true } });

  const cached = await readVariant();
  if (cached) return image(cached.data);
  const original = await db.factoryPhoto.findUnique({ where: { id: photo.id }, select: { data: true } });
  if (!original) return null;
  const pipeline = sharp(original.data, { limitInputPixels: MAX_PHOTO_PIXELS }).rotate().resize({ width, withoutEnlargement: true });
  const made = new Uint8Array(
    format === "webp"
      ? await pipeline.webp({ quality: 80 }).toBuffer()
      : await pipeline.flatten({ background: "#ffffff" }).jpeg({ quality: 82, mozjpeg: true }).toBuffer(),
  );
  // createMany + skipDuplicates is INSERT … ON CONFLICT DO NOTHING.
  const { count } = await db.factoryPhotoVariant.createMany({ data: [{ ...key, data: made }], skipDuplicates: true });
  if (count === 1) return image(made);
  // Another instance stored it first: serve its copy, so every instance answers the same bytes.
  const stored = await readVariant();
  return stored && image(stored.data);
}
