// Approximate distances between departments, for school transport requests (lib/transport): the
// straight line between the centres of the departments' outlines on the map (lib/geo/department-
// centroids.ts), not a road distance, and not between communes (no commune-coordinates data here).
// Organisers read it as « ≈ N km à vol d'oiseau (entre départements) ».
import { DEPARTMENT_CENTROIDS, KM_PER_MAP_UNIT } from "./department-centroids";

/** Kilometres between the two departments' centres, rounded; 0 within one; null for an overseas one. */
export function distanceKm(fromDepartment: string, toDepartment: string): number | null {
  const from = DEPARTMENT_CENTROIDS[fromDepartment.toUpperCase()];
  const to = DEPARTMENT_CENTROIDS[toDepartment.toUpperCase()];
  if (!from || !to) return null;
  return Math.round(Math.hypot(from[0] - to[0], from[1] - to[1]) * KM_PER_MAP_UNIT);
}
