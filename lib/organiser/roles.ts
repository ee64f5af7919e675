import "server-only";
// Who may act in the back office, and the roles themselves: granting and revoking the ORGANISER role
// by e-mail (never leaving the platform without an organiser), attaching and detaching a factory's
// contacts. Every change is written to the audit log in its own transaction.
//
// Server actions call requireOrganiser() first (lib/auth/policy, read fresh from the
// database); the domain functions below take that user and check the role again (assertOrganiser),
// so a caller that forgot cannot get through.
import type { Prisma } from "@prisma/client";
import { formStateFromError } from "@/lib/action-errors";
import { assertOrganiser, isOrganiser, type Actor } from "@/lib/auth/policy";
import { inTransaction } from "@/lib/booking/transaction";
import { db, type Tx } from "@/lib/db";
import { isUniqueViolationOn } from "@/lib/db-retry";
import { AppError } from "@/lib/errors";
import { addFactoryContact } from "@/lib/factory/contacts";
import { writeAudit } from "./audit";
import type { AdminFormState } from "./schemas";

/** Form state of a failed organiser action: the code, the per-field codes, and the message's values. */
export function adminFailure(error: unknown, values: Record<string, string> = {}): AdminFormState {
  return formStateFromError(error, values);
}

// ───────────────────────────── Organisers ─────────────────────────────

export async function listOrganisers() {
  return db.user.findMany({ where: { role: "ORGANISER" }, orderBy: { email: "asc" }, select: { id: true, email: true, name: true } });
}

/**
 * Gives the ORGANISER role to the address (creating the user if it never signed in: the magic link
 * then signs it in with the role). Already an organiser → `role.already_organiser`.
 */
export async function grantOrganiser(actor: Actor, email: string): Promise<{ userId: string; created: boolean }> {
  assertOrganiser(actor);
  const address = email.trim().toLowerCase();
  // The address may sign up at the same moment (unique e-mail): the next attempt finds it.
  return inTransaction(
    async (tx) => {
      const existing = await tx.user.findUnique({ where: { email: address }, select: { id: true, role: true } });
      if (isOrganiser(existing)) throw new AppError("role.already_organiser", 409, { email: "role.already_organiser" });
      const user = existing
        ? await tx.user.update({ where: { id: existing.id }, data: { role: "ORGANISER" }, select: { id: true } })
        : await tx.user.create({ data: { email: address, role: "ORGANISER" }, select: { id: true } });
      await writeAudit(tx, {
        actorId: actor.id,
        action: "user.organiser_granted",
        entityType: "User",
        entityId: user.id,
        before: existing ? { email: address, role: existing.role } : null,
        after: { email: address, role: "ORGANISER" },
      });
      return { userId: user.id, created: !existing };
    },
    { retryAlso: (error) => isUniqueViolationOn(error, "email") },
  );
}

/**
 * Takes the ORGANISER role back. Every organiser row is locked first (FOR UPDATE, in id order), so
 * two organisers revoking each other at once are serialised: the platform is never left without
 * one (`role.last_organiser`), and one whose own role was just revoked can no longer act.
 */
export async function revokeOrganiser(actor: Actor, userId: string): Promise<void> {
  assertOrganiser(actor);
  await db.$transaction(async (tx) => {
    const organisers = await tx.$queryRaw<{ id: string; email: string }[]>`
      SELECT id, email FROM "User" WHERE role = 'ORGANISER' ORDER BY id FOR UPDATE`;
    if (!organisers.some((o) => o.id === actor.id)) throw new AppError("auth.forbidden", 403);
    const target = organisers.find((o) => o.id === userId);
    if (!target) throw new AppError("role.not_organiser", 404);
    if (organisers.length <= 1) throw new AppError("role.last_organiser", 409);
    await tx.user.update({ where: { id: target.id }, data: { role: "USER" } });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "user.organiser_revoked",
      entityType: "User",
      entityId: target.id,
      before: { email: target.email, role: "ORGANISER" },
      after: { email: target.email, role: "USER" },
    });
  });
}

// ───────────────────────────── Factory contacts ─────────────────────────────

const SIRET_SEARCH = /^\d[\d\s]{1,20}$/;

/** Factories of the edition by site or company name (contains) or SIRET (prefix), with their contacts. */
export async function searchFactories(editionId: string, query: string, take = 20) {
  const q = query.trim();
  if (q.length < 2) return [];
  const digits = q.replace(/\s/g, "");
  const where: Prisma.FactoryWhereInput = SIRET_SEARCH.test(q)
    ? { editionId, siret: { startsWith: digits } }
    : {
        editionId,
        OR: [{ siteName: { contains: q, mode: "insensitive" } }, { companyName: { contains: q, mode: "insensitive" } }],
      };
  return db.factory.findMany({
    where,
    orderBy: [{ siteName: "asc" }, { id: "asc" }],
    take,
    select: {
      id: true,
      siteName: true,
      companyName: true,
      siret: true,
      communeName: true,
      status: true,
      contacts: { orderBy: { createdAt: "asc" }, select: { user: { select: { id: true, email: true, name: true } } } },
    },
  });
}

const contactEmails = async (tx: Tx, factoryId: string) =>
  (await tx.factoryContact.findMany({ where: { factoryId }, orderBy: { createdAt: "asc" }, select: { user: { select: { email: true } } } })).map(
    (c) => c.user.email,
  );

/**
 * Makes the address a contact of the factory (creating the user if needed: the magic link then signs
 * it in with access to the factory area). Already a contact → `contact.already`.
 */
export async function attachContact(actor: Actor, factoryId: string, email: string): Promise<{ userId: string }> {
  assertOrganiser(actor);
  const address = email.trim().toLowerCase();
  return db.$transaction(async (tx) => {
    const [factory] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Factory" WHERE id = ${factoryId} FOR UPDATE`;
    if (!factory) throw new AppError("factory.not_found", 404);
    const user = await tx.user.upsert({ where: { email: address }, create: { email: address }, update: {}, select: { id: true } });
    const before = await contactEmails(tx, factoryId);
    if (before.includes(address)) throw new AppError("contact.already", 409, { email: "contact.already" });
    await addFactoryContact(tx, factoryId, user.id);
    await writeAudit(tx, {
      actorId: actor.id,
      action: "factory.contact_added",
      entityType: "Factory",
      entityId: factoryId,
      before: { contacts: before },
      after: { contacts: [...before, address] },
    });
    return { userId: user.id };
  });
}

/**
 * Removes a contact from the factory. The last contact stays (`contact.last_one`): a site must keep
 * someone who hears about its visits; attach the new person first.
 */
export async function detachContact(actor: Actor, factoryId: string, userId: string): Promise<void> {
  assertOrganiser(actor);
  await db.$transaction(async (tx) => {
    // The factory row is the lock: two removals at once cannot leave it without a contact.
    const [factory] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Factory" WHERE id = ${factoryId} FOR UPDATE`;
    if (!factory) throw new AppError("factory.not_found", 404);
    const contacts = await tx.factoryContact.findMany({
      where: { factoryId },
      orderBy: { createdAt: "asc" },
      select: { userId: true, user: { select: { email: true } } },
    });
    const contact = contacts.find((c) => c.userId === userId);
    if (!contact) throw new AppError("contact.not_found", 404);
    if (contacts.length <= 1) throw new AppError("contact.last_one", 409);
    await tx.factoryContact.delete({ where: { factoryId_userId: { factoryId, userId } } });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "factory.contact_removed",
      entityType: "Factory",
      entityId: factoryId,
      before: { contacts: contacts.map((c) => c.user.email) },
      after: { contacts: contacts.filter((c) => c.userId !== userId).map((c) => c.user.email) },
    });
  });
}
