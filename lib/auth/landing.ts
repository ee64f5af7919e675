import "server-only";
import { db } from "@/lib/db";
import { factoriesOfContactWhere, isOrganiser, type Actor } from "./policy";

// Where a sign-in without a return address lands (the sign-in page's default callbackUrl leads to
// /connexion/suite, which redirects here): each role in its own space.
export const SIGN_IN_LANDING_PATH = "/connexion/suite";

/** An organiser's dashboard; a factory contact's factory (their list when several); else "Mes réservations". */
export async function landingPathFor(user: Actor): Promise<string> {
  if (isOrganiser(user)) return "/organisation";
  const factories = await db.factory.findMany({ where: factoriesOfContactWhere(user.id), select: { id: true }, take: 2 });
  if (factories.length === 1) return `/espace-usine/${factories[0].id}`;
  if (factories.length > 1) return "/espace-usine";
  return "/mes-reservations";
}
