import "server-only";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { editionNotOver, factoriesOfContactWhere, isOrganiser, type Actor } from "./policy";

// Where a sign-in without a return address lands (the sign-in page's default callbackUrl leads to
// /connexion/suite, which redirects here): each role in its own space.
export const SIGN_IN_LANDING_PATH = "/connexion/suite";

/**
 * An organiser's dashboard; a factory contact's factory of an edition not over (their list when
 * several, or when all are over: it offers re-registration); else "Mes réservations".
 */
export async function landingPathFor(user: Actor, now: Date = clockNow()): Promise<string> {
  if (isOrganiser(user)) return "/organisation";
  const current = await db.factory.findMany({ where: { ...editionNotOver(now), ...factoriesOfContactWhere(user.id) }, select: { id: true }, take: 2 });
  if (current.length === 1) return `/espace-usine/${current[0].id}`;
  if (current.length > 1 || (await db.factory.count({ where: factoriesOfContactWhere(user.id) })) > 0) return "/espace-usine";
  return "/mes-reservations";
}
