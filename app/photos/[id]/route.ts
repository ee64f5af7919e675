// GET /photos/<id>?w=640 — a factory photo from the database, resized to the nearest allowed width,
// as WebP when the browser accepts it (else JPEG); lib/factory/photo-serving.ts decides who may see
// it and keeps the resized copies. Photos of approved sites are public and cached for a year (a photo
// id never changes content); the others only reach the site's contacts and organisers, never a
// shared cache.
import type { NextRequest } from "next/server";
import { currentUser } from "@/lib/auth/session";
import { photoForViewer, photoImage, variantWidth } from "@/lib/factory/photo-serving";

export const runtime = "nodejs";

const notFound = () => new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });

export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const photo = await photoForViewer(id, currentUser);
  if (!photo) return notFound();
  const width = variantWidth(request.nextUrl.searchParams.get("w"), photo.width);
  const format = (request.headers.get("accept") ?? "").includes("image/webp") ? "webp" : "jpeg";
  const image = await photoImage(photo, width, format);
  if (!image) return notFound();
  return new Response(image.data, {
    headers: {
      "Cache-Control": photo.isPublic ? "public, max-age=31536000, immutable" : "private, no-cache",
      "X-Content-Type-Options": "nosniff",
      "Content-Disposition": "inline",
      "Content-Type": image.contentType,
      "Content-Length": String(image.data.length),
      ...(image.negotiated && { Vary: "Accept" }),
    },
  });
}
