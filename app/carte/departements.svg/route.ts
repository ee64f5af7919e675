import { DEPARTMENT_SPRITE } from "@/components/map/geometry";

// The department outlines the catalogue's map refers to (components/map/geometry.ts). Built once,
// when the app is built; its address carries the outlines' version, so browsers keep it.
export const dynamic = "force-static";

export function GET() {
  return new Response(DEPARTMENT_SPRITE.svg, {
    headers: { "Content-Type": "image/svg+xml; charset=utf-8", "Cache-Control": "public, max-age=31536000, immutable" },
  });
}
