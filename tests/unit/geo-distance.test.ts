// Distances between departments (lib/geo/distance.ts): the centres derived from the map's outlines
// (lib/geo/department-centroids.ts) at 1.6 km per map unit, against known straight-line distances
// between the departments' centres (within 15 %: the centres are the outlines', not the prefectures').
import { describe, expect, it } from "vitest";
import { DEPARTMENTS } from "@/lib/geo";
import { DEPARTMENT_CENTROIDS } from "@/lib/geo/department-centroids";
import { distanceKm } from "@/lib/geo/distance";

const within15Percent = (value: number | null, expected: number) => {
  expect(value).not.toBeNull();
  expect(value!).toBeGreaterThanOrEqual(expected * 0.85);
  expect(value!).toBeLessThanOrEqual(expected * 1.15);
};

describe("distance between departments", () => {
  it("matches known distances between departments' centres", () => {
    within15Percent(distanceKm("75", "74"), 440); // Paris – Haute-Savoie
    within15Percent(distanceKm("59", "13"), 830); // Nord – Bouches-du-Rhône
    within15Percent(distanceKm("29", "67"), 870); // Finistère – Bas-Rhin
    within15Percent(distanceKm("69", "38"), 100); // Rhône – Isère
  });

  it("is symmetric, 0 within a department, and null for an overseas one (not on the map)", () => {
    expect(distanceKm("13", "59")).toBe(distanceKm("59", "13"));
    expect(distanceKm("74", "74")).toBe(0);
    expect(distanceKm("2a", "2A")).toBe(0);
    expect(distanceKm("974", "75")).toBeNull();
    expect(distanceKm("75", "971")).toBeNull();
  });

  it("has a centre for every mainland department and none overseas", () => {
    const mainland = DEPARTMENTS.filter((d) => d.code.length === 2).map((d) => d.code);
    expect(Object.keys(DEPARTMENT_CENTROIDS).sort()).toEqual(mainland.sort());
  });
});
