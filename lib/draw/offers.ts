import type { Prisma } from "@prisma/client";

// What a circuit in a draw shows and is checked on, for its wishes (./apply) and pages (./queries).
export const circuitOfferFields = {
  id: true,
  name: true,
  status: true,
  audience: true,
  maxSeatsPerBooking: true,
  departsAt: true,
  returnsAt: true,
  departureCommuneName: true,
} as const satisfies Prisma.CircuitSelect;
