// The demo's school transport (docs/decisions/0020-school-transport.md): three coach requests on
// confirmed class bookings — the demo teacher's still waiting, one accepted by the demo organiser,
// one refused — so /organisation/transports, the dashboard and the teacher's booking page show each
// state. Departures are fixed towns; distances come from the department centres, as in the app.
import { distanceKm } from "@/lib/geo/distance";
import { resolvePostalCode } from "@/lib/geo/communes";
import { newBookingId } from "@/lib/booking/ids";
import type { FactoryRow } from "./factories";
import type { SeedClient } from "./generate";
import type { BookingRow, SlotRow } from "./visits";

export const DEMO_TRANSPORT_BUDGET_EUROS = 15_000;

const DEPARTURES = ["69003", "38000", "42000"] as const; // Lyon 3e, Grenoble, Saint-Étienne
const ACCEPTED_COST_EUROS = 1_350;

type Tx = Parameters<Parameters<SeedClient["$transaction"]>[0]>[0];

export async function seedTransport(
  tx: Tx,
  bookings: BookingRow[],
  slots: SlotRow[],
  factories: FactoryRow[],
  people: { teacherId: string; organiserId: string },
  now: Date,
): Promise<void> {
  const classes = bookings.filter((b) => b.kind === "GROUP" && b.status === "CONFIRMED" && b.schoolUai);
  // The demo teacher's class first (waiting), then two others.
  const ordered = [...classes.filter((b) => b.userId === people.teacherId), ...classes.filter((b) => b.userId !== people.teacherId)].slice(0, DEPARTURES.length);
  const departmentOfSlot = new Map(slots.map((s) => [s.id, factories.find((f) => f.id === s.factoryId)!.departmentCode]));
  const decisions = [
    {},
    { status: "ACCEPTED" as const, costEuros: ACCEPTED_COST_EUROS, decidedById: people.organiserId, decidedAt: now },
    { status: "REFUSED" as const, refusalReason: "Budget réservé aux établissements éloignés des sites.", decidedById: people.organiserId, decidedAt: now },
  ];
  await tx.transportRequest.createMany({
    data: ordered.map((booking, i) => {
      const resolution = resolvePostalCode(DEPARTURES[i]);
      if (!resolution.ok) throw new Error(`Unknown demo postal code ${DEPARTURES[i]}`);
      const { commune } = resolution;
      return {
        id: newBookingId(),
        bookingId: booking.id!,
        editionId: booking.editionId,
        // About two thirds of the class take the coach.
        pupils: Math.max(1, Math.round(((booking.students ?? 1) * 2) / 3)),
        departureCommuneCode: commune.inseeCode,
        departureCommuneName: commune.name,
        departureDepartment: commune.departmentCode,
        distanceKm: distanceKm(commune.departmentCode, departmentOfSlot.get(booking.slotId)!),
        ...decisions[i],
      };
    }),
  });
}
