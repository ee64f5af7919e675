// GET /photos/<id>?w=640 — a factory photo, resized (sharp) to the nearest allowed width, as WebP when
// the browser accepts it (else JPEG), EXIF orientation applied and metadata (GPS…) stripped.
// Resized copies are cached on disk next to the originals. Photos of approved sites are public and
// cached for a year (a photo id never changes content); the others only reach the site's contacts and
// organisers. Without sharp the original is served as is.
import fs from "node:fs/promises";
import path from "node:path";
import type { NextRequest } from "next/server";
import type SharpFn from "sharp";
import { currentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { MAX_PHOTO_PIXELS, photoPath, uploadDir } from "@/lib/factory/photos";

export const runtime = "nodejs";

const WIDTHS = [320, 640, 960, 1280, 1920] as const;
const DEFAULT_WIDTH = 960;

type Sharp = typeof SharpFn;
let sharpModule: Promise<Sharp | null> | undefined;
// sharp ships with Next (its image optimiser) but is optional: fall back to the original.
const loadSharp = () =>
  (sharpModule ??= import("sharp").then(
    (mod) => mod.default,
    () => null,
  ));

const notFound = () => new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });

async function mayView(factory: { id: string; status: string }): Promise<boolean> {
  if (factory.status === "APPROVED") return true;
  const user = await currentUser();
  if (!user) return false;
  if (user.role === "ORGANISER") return true;
  return Boolean(await db.factoryContact.findUnique({ where: { factoryId_userId: { factoryId: factory.id, userId: user.id } } }));
}

function widthFor(requested: string | null, originalWidth: number): number {
  const asked = Number(requested);
  const wanted = Number.isFinite(asked) && asked > 0 ? asked : DEFAULT_WIDTH;
  const allowed = WIDTHS.find((w) => w >= wanted) ?? WIDTHS[WIDTHS.length - 1];
  return Math.min(allowed, originalWidth);
}

export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[a-z0-9]{10,40}$/i.test(id)) return notFound();
  const photo = await db.factoryPhoto.findUnique({
    where: { id },
    select: { fileName: true, mimeType: true, width: true, factory: { select: { id: true, status: true } } },
  });
  if (!photo || !(await mayView(photo.factory))) return notFound();
  const isPublic = photo.factory.status === "APPROVED";
  const headers: Record<string, string> = {
    "Cache-Control": isPublic ? "public, max-age=31536000, immutable" : "private, no-cache",
    "X-Content-Type-Options": "nosniff",
    "Content-Disposition": "inline",
  };

  const sharp = await loadSharp();
  if (!sharp) {
    const original = await fs.readFile(photoPath(photo.fileName)).catch(() => null);
    if (!original) return notFound();
    return new Response(new Uint8Array(original), { headers: { ...headers, "Content-Type": photo.mimeType } });
  }

  const width = widthFor(request.nextUrl.searchParams.get("w"), photo.width);
  const webp = (request.headers.get("accept") ?? "").includes("image/webp");
  const format = webp ? "webp" : "jpeg";
  const cached = path.join(uploadDir(), "resized", `${photo.fileName.split(".")[0]}-${width}.${format}`);
  let body: Buffer | null = await fs.readFile(cached).catch(() => null);
  if (!body) {
    const original = await fs.readFile(photoPath(photo.fileName)).catch(() => null);
    if (!original) return notFound();
    const pipeline = sharp(original, { limitInputPixels: MAX_PHOTO_PIXELS }).rotate().resize({ width, withoutEnlargement: true });
    body = webp ? await pipeline.webp({ quality: 80 }).toBuffer() : await pipeline.flatten({ background: "#ffffff" }).jpeg({ quality: 82, mozjpeg: true }).toBuffer();
    // Written under a temporary name then renamed: a concurrent reader never sees half a file.
    await fs.mkdir(path.dirname(cached), { recursive: true });
    const temporary = `${cached}.${process.pid}.${Date.now()}.tmp`;
    await fs.writeFile(temporary, body).then(() => fs.rename(temporary, cached)).catch(() => fs.rm(temporary, { force: true }));
  }
  return new Response(new Uint8Array(body), {
    headers: { ...headers, "Content-Type": `image/${format}`, "Content-Length": String(body.length), Vary: "Accept" },
  });
}
