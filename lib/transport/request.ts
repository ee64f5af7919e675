// A class booking's coach request, written by book() (lib/booking/book.ts) in its one booking
// statement: the departure commune is resolved and the distance computed before any lock, and the
// row is one more step of the writable CTE (docs/decisions/0020-school-transport.md).
import { Prisma } from "@prisma/client";
import { bookingError } from "@/lib/booking/errors";
import { newBookingId } from "@/lib/booking/ids";
import { distanceKm } from "@/lib/geo/distance";
import { resolveCommune, type Commune } from "@/lib/geo/communes";

export interface TransportAsked {
  pupils: number;
  commune: Commune;
}

/**
 * The request a parsed class booking carries, its departure resolved from the postal code (and the
 * commune chosen when several share it); null when no coach is asked. Throws `validation.failed`
 * on departurePostalCode / departureCommuneCode with the registration form's codes.
 */
export function transportAsked(input: { transport?: boolean; transportPupils?: number; departurePostalCode?: string; departureCommuneCode?: string }): TransportAsked | null {
  if (!input.transport || input.transportPupils === undefined || input.departurePostalCode === undefined) return null;
  const resolution = resolveCommune(input.departurePostalCode, input.departureCommuneCode);
  if (!resolution.ok) {
    const field = resolution.field === "postalCode" ? "departurePostalCode" : "departureCommuneCode";
    throw bookingError("validation.failed", { [field]: resolution.code });
  }
  return { pupils: input.transportPupils, commune: resolution.commune };
}

/**
 * The INSERT of the request as one step of the booking's statement: written once per row of
 * `booking` (the CTE that inserted it), so it exists if and only if the booking does.
 */
export function insertTransportRequestFrom(booking: Prisma.Sql, asked: TransportAsked, factoryDepartment: string): Prisma.Sql {
  const { commune } = asked;
  return Prisma.sql`
    INSERT INTO "TransportRequest" (id, "bookingId", "editionId", pupils, "departureCommuneCode", "departureCommuneName", "departureDepartment", "distanceKm")
    SELECT ${newBookingId()}::text, b.id, b."editionId", ${asked.pupils}::int, ${commune.inseeCode}::text, ${commune.name}::text,
           ${commune.departmentCode}::text, ${distanceKm(commune.departmentCode, factoryDepartment)}::int
    FROM ${booking} b`;
}
