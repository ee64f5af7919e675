import { describe, expect, it } from "vitest";
import { DEPARTMENT_SHAPES, DEPARTMENT_SPRITE, departmentOutlineHref, MAP_VIEWBOX, REGION_SHAPES } from "@/components/map/geometry";
import { DEPARTMENTS, REGIONS } from "@/lib/geo/regions";

const rings = (d: string) => d.split("M").length - 1;

describe("map of France", () => {
  it("draws every mainland department once, under its INSEE code", () => {
    const codes = DEPARTMENT_SHAPES.map((shape) => shape.code);
    expect(new Set(codes).size).toBe(codes.length);
    // The five overseas departments (three-character codes) are the maps' inset tiles.
    expect([...codes].sort()).toEqual(DEPARTMENTS.filter((d) => d.code.length === 2).map((d) => d.code).sort());
  });

  it("draws the 13 mainland regions as the union of their departments", () => {
    expect(REGION_SHAPES.map((shape) => shape.code).sort()).toEqual(REGIONS.filter((r) => !r.overseas).map((r) => r.code).sort());
    const region = (code: string) => REGION_SHAPES.find((shape) => shape.code === code)!;
    // Inland regions of several departments are one outline once their inner borders are gone
    // (eight departments for Île-de-France, six for Centre-Val de Loire).
    expect(rings(region("11").d)).toBe(1);
    expect(rings(region("24").d)).toBe(1);
    // Corsica's two departments make one island.
    expect(rings(region("94").d)).toBe(1);
    // Auvergne-Rhône-Alpes has a hole: the Enclave des Papes, in the Drôme, belongs to the Vaucluse.
    expect(rings(region("84").d)).toBe(2);
  });

  it("writes each figure inside the drawing, and keeps the paths small", () => {
    for (const shape of [...DEPARTMENT_SHAPES, ...REGION_SHAPES]) {
      expect(shape.label[0], shape.code).toBeGreaterThan(0);
      expect(shape.label[0], shape.code).toBeLessThan(MAP_VIEWBOX.width);
      expect(shape.label[1], shape.code).toBeGreaterThan(0);
      expect(shape.label[1], shape.code).toBeLessThan(MAP_VIEWBOX.height);
    }
    // The file every catalogue map refers to: a browser downloads it once.
    expect(DEPARTMENT_SHAPES.reduce((sum, shape) => sum + shape.d.length, 0)).toBeLessThan(45_000);
  });

  it("serves the department outlines as one file, each under the id the map's <use> points to", () => {
    const ids = [...DEPARTMENT_SPRITE.svg.matchAll(/<path id="d([^"]+)" d="[^"]+"\/>/g)].map((match) => match[1]);
    expect(ids.sort()).toEqual(DEPARTMENT_SHAPES.map((shape) => shape.code).sort());
    expect(departmentOutlineHref("69")).toBe(`/carte/departements.svg?v=${DEPARTMENT_SPRITE.version}#d69`);
    // No colour of its own: the map colours each department on its <use>.
    expect(DEPARTMENT_SPRITE.svg).not.toMatch(/\bfill="|\bstroke="/);
  });
});
