import "server-only";
// The access policy, each rule written once: who is an organiser, who may act for a factory (its own
// contacts and organisers), the same rule as a where-clause for list queries, and the `require…`
// checks that server actions and route handlers call first. Roles and memberships are read from the
// database on every check (lib/auth/session), so revoking one takes effect at once. Domain functions
// check again with the same predicates, so a caller that forgot cannot get through.
import type { Prisma, Role } from "@prisma/client";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parisToday } from "@/lib/paris-time";
import { requireUser, type CurrentUser } from "./session";

/** Whoever acts, as far as the policy cares. */
export interface Actor {
  id: string;
  role: Role;
}

export function isOrganiser(user: { role: Role } | null | undefined): boolean {
  return user?.role === "ORGANISER";
}

/** Where-clause: the factories this user is a contact of. */
/** Factories of the editions not over (Paris calendar): a past edition's records are history. */
export const editionNotOver = (now: Date): Prisma.FactoryWhereInput => ({ edition: { lastDay: { gte: parisToday(now) } } });

export function factoriesOfContactWhere(userId: string): Prisma.FactoryWhereInput {
  return { contacts: { some: { userId } } };
}

/** Where-clause: the factories this user may act for (all of them for an organiser). */
export function factoriesUserMayActFor(user: Actor): Prisma.FactoryWhereInput {
  return isOrganiser(user) ? {} : factoriesOfContactWhere(user.id);
}

export async function isFactoryContact(userId: string, factoryId: string): Promise<boolean> {
  const contact = await db.factoryContact.findUnique({ where: { factoryId_userId: { factoryId, userId } }, select: { userId: true } });
  return contact !== null;
}

export async function mayActForFactory(user: Actor | null | undefined, factoryId: string): Promise<boolean> {
  if (!user) return false;
  return isOrganiser(user) || isFactoryContact(user.id, factoryId);
}

/** For domain functions handed a user: 401 without one, 403 unless an organiser. */
export function assertOrganiser(actor: Actor | null | undefined): asserts actor is Actor {
  if (!actor) throw new AppError("auth.required", 401);
  if (!isOrganiser(actor)) throw new AppError("auth.forbidden", 403);
}

/** For domain functions handed only a user id: the organiser it names, else 403. */
export async function organiserById(actorId: string): Promise<Actor> {
  const actor = await db.user.findUnique({ where: { id: actorId }, select: { id: true, role: true } });
  if (!isOrganiser(actor)) throw new AppError("auth.forbidden", 403);
  return actor!;
}

/** First line of an organiser's server action or route handler. */
export async function requireOrganiser(): Promise<CurrentUser> {
  const user = await requireUser();
  assertOrganiser(user);
  return user;
}

/** First line of a factory's server action or route handler: its own contacts and organisers. */
export async function requireFactoryAccess(factoryId: string): Promise<CurrentUser> {
  const user = await requireUser();
  if (!(await mayActForFactory(user, factoryId))) throw new AppError("auth.forbidden", 403);
  return user;
}
