import "server-only";
import { db } from "@/lib/db";
import { getCurrentEdition } from "./edition";

/** The factory pages visitors can open now: the APPROVED factories of the current edition, with when each last changed. */
export async function publicFactoryPages(): Promise<{ id: string; updatedAt: Date }[]> {
  const edition = await getCurrentEdition();
  if (!edition) return [];
  return db.factory.findMany({
    where: { editionId: edition.id, status: "APPROVED" },
    select: { id: true, updatedAt: true },
    orderBy: { id: "asc" },
  });
}

/** The published circuits of the current edition, with when each last changed. */
export async function publicCircuitPages(): Promise<{ id: string; updatedAt: Date }[]> {
  const edition = await getCurrentEdition();
  if (!edition) return [];
  return db.circuit.findMany({ where: { editionId: edition.id, status: "PUBLISHED" }, select: { id: true, updatedAt: true }, orderBy: { id: "asc" } });
}

/** The departments and regions with at least one public visit in the current edition: their printable programmes. One query. */
export async function printableProgrammeAreas(): Promise<{ kind: "department" | "region"; code: string }[]> {
  const edition = await getCurrentEdition();
  if (!edition) return [];
  const places = await db.factory.findMany({
    where: { editionId: edition.id, status: "APPROVED", slots: { some: { status: "OPEN" } } },
    select: { departmentCode: true, regionCode: true },
    distinct: ["departmentCode"],
    orderBy: { departmentCode: "asc" },
  });
  const regions = [...new Set(places.map((place) => place.regionCode))].sort();
  return [...places.map((place) => ({ kind: "department" as const, code: place.departmentCode })), ...regions.map((code) => ({ kind: "region" as const, code }))];
}
