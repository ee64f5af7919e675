// "Valider la sélection" against real PostgreSQL, called as the queue's form calls it (FormData with
// repeated `factoryIds`): each ticked site approved on its own, in arrival order, through the one
// approval path (caps checked as the counts grow); a site that no longer fits its cap stays as it
// was and is reported with the cap's code; each approval audited and e-mailed; a non-organiser
// changes nothing.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("next-auth", async (original) => ({ ...(await original<object>()), ...(await import("../fixtures/request-scope")).nextAuth }));
vi.mock("next/cache", async () => (await import("../fixtures/request-scope")).nextCache);
vi.mock("next/navigation", async () => (await import("../fixtures/request-scope")).nextNavigation);
vi.mock("next/headers", async () => (await import("../fixtures/request-scope")).nextHeaders);

import { db } from "@/lib/db";
import { BULK_APPROVAL_MAX } from "@/lib/organiser/schemas";
import { createEdition, createFactory, createFactoryContact, uid } from "../fixtures/factories";
import { form, newRequestScope, signInAs } from "../fixtures/request-scope";

const { approveSelectionAction } = await import("@/app/organisation/validations/actions");

const newUser = (role: "USER" | "ORGANISER" = "USER") => db.user.create({ data: { email: `bulk-${uid()}@example.fr`, role }, select: { id: true } });

/** A MANUAL edition with a cap of 2 in region 84, already holding one approved site there. */
async function queue() {
  const edition = await createEdition({ approvalMode: "MANUAL" });
  await db.quota.create({ data: { editionId: edition.id, dimension: "REGION", value: "84", cap: 2 } });
  await createFactory(edition.id, { status: "APPROVED", siteName: "Déjà validé" });
  // Arrival order: first, second (both region 84: only one place left), then one in Île-de-France.
  const first = await createFactory(edition.id, { status: "PENDING", siteName: "Premier arrivé" });
  const second = await createFactory(edition.id, { status: "WAITLISTED", siteName: "Second arrivé" });
  const paris = await createFactory(edition.id, { status: "PENDING", siteName: "Atelier parisien", regionCode: "11", departmentCode: "75" });
  for (const site of [first, second, paris]) await createFactoryContact(site.id);
  return { edition, first, second, paris };
}

const statusOf = async (id: string) => (await db.factory.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;

beforeEach(() => newRequestScope());
afterAll(() => db.$disconnect());

describe("approving several sites at once", () => {
  it("approves those that fit in arrival order, leaves the one over its cap with the reason, audits and e-mails each approval", async () => {
    const { first, second, paris } = await queue();
    const organiser = await newUser("ORGANISER");
    signInAs(organiser);
    // Ticked in page order reversed: the arrival order decides who gets the last place under the cap.
    const state = await approveSelectionAction({}, form({ factoryIds: [paris.id, second.id, first.id, first.id] }));

    expect(state).toEqual({
      ok: true,
      approved: ["Premier arrivé", "Atelier parisien"],
      refused: [{ siteName: "Second arrivé", code: "quota.cap_reached", params: { dimension: "REGION", value: "84", cap: 2 } }],
    });
    expect([await statusOf(first.id), await statusOf(second.id), await statusOf(paris.id)]).toEqual(["APPROVED", "WAITLISTED", "APPROVED"]);

    const logs = await db.auditLog.findMany({ where: { entityId: { in: [first.id, second.id, paris.id] } }, orderBy: { id: "asc" } });
    expect(logs.map((l) => [l.entityId, l.action, l.actorId])).toEqual([
      [first.id, "factory.approved", organiser.id],
      [paris.id, "factory.approved", organiser.id],
    ]);
    expect(logs[0].before).toMatchObject({ status: "PENDING" });
    expect(logs[0].after).toMatchObject({ status: "APPROVED" });
    const contacts = await db.factoryContact.findMany({ where: { factoryId: { in: [first.id, second.id, paris.id] } }, select: { factoryId: true, user: { select: { email: true } } } });
    const mailed = await db.emailOutbox.findMany({ where: { template: "factory.decision.approved", to: { in: contacts.map((c) => c.user.email) } }, select: { to: true } });
    const mailedSites = contacts.filter((c) => mailed.some((m) => m.to === c.user.email)).map((c) => c.factoryId);
    expect(mailedSites.sort()).toEqual([first.id, paris.id].sort());

    // Approving the same selection again: each site says why, nothing changes.
    const again = await approveSelectionAction({}, form({ factoryIds: [first.id, second.id] }));
    expect(again).toMatchObject({ ok: true, approved: [], refused: [{ siteName: "Premier arrivé", code: "factory.already_approved" }, { siteName: "Second arrivé", code: "quota.cap_reached" }] });
    expect(await db.auditLog.count({ where: { entityId: { in: [first.id, second.id] } } })).toBe(1);
  });

  it("refuses a visitor, a factory contact and an anonymous caller, and writes nothing", async () => {
    const { first, paris } = await queue();
    const contact = await createFactoryContact(first.id);
    for (const [who, code] of [
      [null, "auth.required"],
      [await newUser(), "auth.forbidden"],
      [contact, "auth.forbidden"],
    ] as const) {
      signInAs(who);
      expect(await approveSelectionAction({}, form({ factoryIds: [first.id, paris.id] }))).toMatchObject({ formError: code });
    }
    expect([await statusOf(first.id), await statusOf(paris.id)]).toEqual(["PENDING", "PENDING"]);
    expect(await db.auditLog.count({ where: { entityId: { in: [first.id, paris.id] } } })).toBe(0);
  });

  it("refuses an empty selection and one above the limit, before approving anything", async () => {
    const { first } = await queue();
    signInAs(await newUser("ORGANISER"));
    expect(await approveSelectionAction({}, form({}))).toEqual({ formError: "factoryIds.required" });
    const tooMany = Array.from({ length: BULK_APPROVAL_MAX }, () => uid()).concat(first.id);
    expect(await approveSelectionAction({}, form({ factoryIds: tooMany }))).toEqual({ formError: "factoryIds.too_many" });
    expect(await statusOf(first.id)).toBe("PENDING");
  });
});
