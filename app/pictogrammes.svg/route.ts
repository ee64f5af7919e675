import { PICTOGRAM_SPRITE } from "@/components/practical/pictograms";

// The practical information's pictograms (components/practical/pictograms.ts). Built once, when the
// app is built; its address carries the sprite's version, so browsers keep it.
export const dynamic = "force-static";

export function GET() {
  return new Response(PICTOGRAM_SPRITE.svg, {
    headers: { "Content-Type": "image/svg+xml; charset=utf-8", "Cache-Control": "public, max-age=31536000, immutable" },
  });
}
