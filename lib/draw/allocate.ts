// Allocation by draw: random serial dictatorship from a published seed (docs/decisions/0013-draw.md).
//
// 1. The draw order: applications sorted by SHA-256(seed + ":" + application id), as lower-case hex.
//    Anyone can recompute it with any SHA-256 tool; it does not depend on the order applications
//    are listed in, and nobody can steer it without knowing the seed, which is committed to (its
//    SHA-256 is published) before the wish window opens and revealed after the draw.
// 2. In that order, each application gets the highest-ranked of its wishes (1 to 3 offers) that still
//    has room for all its seats in its pool (schools have seats of their own), or nothing.
// 3. An application that got nothing waits on the waiting list of each of its wishes, in draw order.
//    One that got a wish waits nowhere: it never holds two places.
import { createHash, randomBytes } from "node:crypto";

export const DRAW_ALGORITHM = "rsd-sha256-v1";

export type DrawPool = "PUBLIC" | "SCHOOL";

export interface DrawOffer {
  id: string;
  /** Seats the draw may give in each pool. */
  seats: Record<DrawPool, number>;
}

export interface DrawApplication {
  id: string;
  pool: DrawPool;
  seats: number;
  /** Offer ids, most wanted first (1 to 3, distinct). */
  wishes: string[];
}

export interface DrawAllocation {
  applicationId: string;
  offerId: string;
  /** 1 for the first wish. */
  rank: number;
}

export interface DrawResult {
  algorithm: typeof DRAW_ALGORITHM;
  /** Application ids in draw order. */
  order: string[];
  allocations: DrawAllocation[];
  /** Per offer, the applications that wait for it, in draw order. */
  waiting: Record<string, string[]>;
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** A new secret seed: 32 random bytes, as hex. */
export const newSeed = () => randomBytes(32).toString("hex");

/** What is published when the wish window opens: the seed's SHA-256, as hex. */
export const commitmentOf = (seed: string) => sha256(seed);

/** The position key of an application in the draw: SHA-256(seed:id) as hex. */
export const drawKey = (seed: string, applicationId: string) => sha256(`${seed}:${applicationId}`);

/** Application ids in draw order (ties, which SHA-256 makes practically impossible, by id). */
export function drawOrder(seed: string, applicationIds: readonly string[]): string[] {
  return applicationIds
    .map((id) => ({ id, key: drawKey(seed, id) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(({ id }) => id);
}

/** Runs the draw. Pure: the same seed, offers and applications give the same result. */
export function allocate(seed: string, offers: readonly DrawOffer[], applications: readonly DrawApplication[]): DrawResult {
  const left = new Map(offers.map((offer) => [offer.id, { ...offer.seats }]));
  const byId = new Map(applications.map((application) => [application.id, application]));
  if (byId.size !== applications.length) throw new Error("Two applications have the same id");
  const order = drawOrder(seed, [...byId.keys()]);
  const allocations: DrawAllocation[] = [];
  const waiting: Record<string, string[]> = Object.fromEntries(offers.map((offer) => [offer.id, []]));

  for (const id of order) {
    const application = byId.get(id)!;
    const rank = application.wishes.findIndex((offerId) => (left.get(offerId)?.[application.pool] ?? 0) >= application.seats);
    if (rank === -1) {
      for (const offerId of application.wishes) waiting[offerId]?.push(id);
      continue;
    }
    const offerId = application.wishes[rank];
    left.get(offerId)![application.pool] -= application.seats;
    allocations.push({ applicationId: id, offerId, rank: rank + 1 });
  }
  return { algorithm: DRAW_ALGORITHM, order, allocations, waiting };
}
