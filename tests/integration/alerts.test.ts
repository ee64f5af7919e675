// « Prévenez-moi » against the real database and a real SMTP sink: double opt-in (nothing before
// the link's button), the same answer for a known and an unknown address, one digest a Paris day at
// most listing the visits published in the subscriber's department, one-click unsubscribe (RFC 8058)
// that is idempotent and reveals nothing, the List-Unsubscribe headers in the message as sent, and
// the purge with the edition's personal data.
import { beforeAll, describe, expect, it } from "vitest";
import { confirmAlerts, enqueueAlertDigests, isConfirmLinkValid, purgeAlertSubscriptions, requestAlerts } from "@/lib/alerts";
import { alertSubscriptionInput, type AlertSubscriptionInput } from "@/lib/alerts/schemas";
import { db } from "@/lib/db";
import { ALERT_CONFIRM_TEMPLATE, ALERT_DIGEST_TEMPLATE } from "@/lib/email/templates/alerts";
import { deliverDueEmails } from "@/lib/email/worker";
import { parisDateTime, parisDay } from "@/lib/paris-time";
import { POST as unsubscribePost } from "@/app/alertes/desabonnement/[token]/route";
import { caught } from "../fixtures/bookings";
import { createEdition, createFactory, createSlot, uid } from "../fixtures/factories";
import { testMailSink } from "../fixtures/mail-sink";

const DAY = 86_400_000;
const sink = testMailSink();
beforeAll(sink.up);

const LYON = { postalCode: "69003", communeCode: "69383", communeName: "Lyon", departmentCode: "69", regionCode: "84" };
const MARSEILLE = { postalCode: "13001", communeCode: "13201", communeName: "Marseille", departmentCode: "13", regionCode: "93" };

const CONSENT = "J'accepte (texte de test).";
const fields = (email: string, over: Partial<AlertSubscriptionInput> = {}): AlertSubscriptionInput => ({
  email,
  locale: "fr",
  newVisitNear: "on",
  postalCode: "69003",
  consent: "on",
  ...over,
});

async function subscribe(email: string, editionId: string, over: Partial<AlertSubscriptionInput> = {}, now = new Date()) {
  await requestAlerts(alertSubscriptionInput.parse(fields(email, over)), { clientAddress: `test-${uid()}`, consentText: CONSENT, now });
  // The shared test database's "current edition" belongs to whichever test file made the earliest one.
  await db.alertSubscription.updateMany({ where: { email, status: "PENDING" }, data: { editionId } });
}

async function confirmLinkOf(email: string) {
  const mails = await db.emailOutbox.findMany({ where: { to: email, template: ALERT_CONFIRM_TEMPLATE }, orderBy: { id: "desc" } });
  return mails[0]?.text.match(/\/alertes\/confirmer\/([\w-]+)/)?.[1] ?? null;
}

async function confirmed(email: string, editionId: string, over: Partial<AlertSubscriptionInput> = {}) {
  await subscribe(email, editionId, over);
  await confirmAlerts((await confirmLinkOf(email))!);
  // Visits created from now on are published after the confirmation.
  await new Promise((resolve) => setTimeout(resolve, 5));
}

const digestsTo = (email: string) => db.emailOutbox.findMany({ where: { to: email, template: ALERT_DIGEST_TEMPLATE }, orderBy: { id: "asc" } });
const unsubscribeTokenOf = (mail: { headers: unknown }) => String((mail.headers as Record<string, string>)["List-Unsubscribe"]).match(/desabonnement\/([\w-]+)>/)![1];

async function lyonVisit(editionId: string, name: string, place = LYON) {
  const factory = await createFactory(editionId, { companyName: name, siteName: `Site ${uid()}`, ...place });
  return createSlot(factory);
}

describe("« Prévenez-moi » alerts", () => {
  it("sends nothing before the confirmation link's button is used, and a digest after", async () => {
    const edition = await createEdition();
    const email = `alerte-${uid()}@example.org`;
    await subscribe(email, edition.id);
    const row = await db.alertSubscription.findFirstOrThrow({ where: { email } });
    expect(row).toMatchObject({ status: "PENDING", kinds: ["NEW_VISIT_NEAR"], postalCode: "69003", departmentCode: "69", consentText: CONSENT });
    expect(row.confirmTokenHash).toMatch(/^[0-9a-f]{64}$/);
    await lyonVisit(edition.id, `Avant confirmation ${uid()}`);
    await enqueueAlertDigests(new Date());
    expect(await digestsTo(email)).toHaveLength(0);

    const token = (await confirmLinkOf(email))!;
    // Opening the link (the page's GET) changes nothing.
    expect(await isConfirmLinkValid(token)).toBe(true);
    expect((await db.alertSubscription.findFirstOrThrow({ where: { email } })).status).toBe("PENDING");
    await confirmAlerts(token);
    expect(await db.alertSubscription.findFirstOrThrow({ where: { email } })).toMatchObject({ status: "CONFIRMED", confirmTokenHash: null });
    expect((await caught(confirmAlerts(token))).code).toBe("alerts.link_invalid");
    expect(await isConfirmLinkValid(token)).toBe(false);

    // The visit published before the confirmation is not news; one published after is.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const slot = await lyonVisit(edition.id, `Après confirmation ${uid()}`);
    await enqueueAlertDigests(new Date());
    const [digest, ...more] = await digestsTo(email);
    expect(more).toHaveLength(0);
    expect(digest.text).toContain(`/visites/${slot.id}/reserver`);
    expect(digest.text).not.toContain("Avant confirmation");
  });

  it("answers the same for a known and an unknown address, and a new request replaces the alerts only once confirmed", async () => {
    const edition = await createEdition();
    const known = `connue-${uid()}@example.org`;
    const unknown = `inconnue-${uid()}@example.org`;
    await confirmed(known, edition.id);
    const before = await db.alertSubscription.findFirstOrThrow({ where: { email: known, status: "CONFIRMED" } });

    const results = await Promise.all([
      requestAlerts(alertSubscriptionInput.parse(fields(known, { postalCode: "13001" })), { clientAddress: `test-${uid()}`, consentText: CONSENT }),
      requestAlerts(alertSubscriptionInput.parse(fields(unknown)), { clientAddress: `test-${uid()}`, consentText: CONSENT }),
    ]);
    expect(results).toEqual([undefined, undefined]);
    // Each address gets one confirmation e-mail, of the same template; nothing else tells them apart.
    const mails = await db.emailOutbox.findMany({ where: { to: { in: [known, unknown] }, template: ALERT_CONFIRM_TEMPLATE } });
    expect(mails.filter((m) => m.to === known)).toHaveLength(2);
    expect(mails.filter((m) => m.to === unknown)).toHaveLength(1);
    expect(mails.find((m) => m.to === unknown)!.subject).toBe(mails.find((m) => m.to === known)!.subject);
    // The confirmed alerts are untouched until the new request is confirmed.
    expect(await db.alertSubscription.findUniqueOrThrow({ where: { id: before.id } })).toMatchObject({ status: "CONFIRMED", departmentCode: "69" });

    await db.alertSubscription.updateMany({ where: { email: known, status: "PENDING" }, data: { editionId: edition.id } });
    await confirmAlerts((await confirmLinkOf(known))!);
    const now = await db.alertSubscription.findMany({ where: { email: known } });
    expect(now).toHaveLength(1);
    expect(now[0]).toMatchObject({ status: "CONFIRMED", departmentCode: "13" });
  });

  it("refuses a postal code that does not exist, and needs one for nearby visits", async () => {
    expect(alertSubscriptionInput.safeParse(fields("x@example.org", { postalCode: "" })).error?.issues[0].message).toBe("postalCode.required");
    expect(alertSubscriptionInput.safeParse({ email: "x@example.org", consent: "on" }).error?.issues[0].message).toBe("kinds.required");
    const error = await caught(requestAlerts(alertSubscriptionInput.parse(fields(`x-${uid()}@example.org`, { postalCode: "00000" })), { clientAddress: `test-${uid()}`, consentText: CONSENT }));
    expect(error.fields).toEqual({ postalCode: "postalCode.unknown" });
  });

  it("lists in each digest the visits of the subscriber's department only, and at most one digest a Paris day", async () => {
    const edition = await createEdition();
    const lyon = `lyon-${uid()}@example.org`;
    const marseille = `marseille-${uid()}@example.org`;
    await confirmed(lyon, edition.id);
    await confirmed(marseille, edition.id, { postalCode: "13001" });
    const inLyon = await lyonVisit(edition.id, `Lyonnaise ${uid()}`);
    const inMarseille = await lyonVisit(edition.id, `Phocéenne ${uid()}`, MARSEILLE);
    // A factory still waiting for approval publishes nothing.
    const waiting = await createSlot(await createFactory(edition.id, { ...LYON, status: "PENDING", companyName: `En attente ${uid()}` }));

    const first = new Date();
    const day = parisDay(first);
    await enqueueAlertDigests(first);
    const [lyonDigest] = await digestsTo(lyon);
    const [marseilleDigest] = await digestsTo(marseille);
    expect(lyonDigest.text).toContain(`/visites/${inLyon.id}/`);
    expect(lyonDigest.text).not.toContain(inMarseille.id);
    expect(lyonDigest.text).not.toContain(waiting.id);
    expect(marseilleDigest.text).toContain(`/visites/${inMarseille.id}/`);
    expect(marseilleDigest.text).not.toContain(inLyon.id);
    expect(lyonDigest.dedupeKey).toContain(day);

    // More news the same day waits for the next one.
    const second = await lyonVisit(edition.id, `Deuxième ${uid()}`);
    await enqueueAlertDigests(new Date());
    expect(await digestsTo(lyon)).toHaveLength(1);
    // The next day: one digest, with only what is new since the last one (the factory approved
    // meanwhile included: its approval is when its visits are published).
    await db.factory.update({ where: { id: waiting.factoryId }, data: { status: "APPROVED" } });
    await db.auditLog.create({ data: { action: "factory.approved", entityType: "Factory", entityId: waiting.factoryId, after: { status: "APPROVED" } } });
    const tomorrow = parisDateTime(parisDay(new Date(first.getTime() + DAY)), "09:00");
    await enqueueAlertDigests(tomorrow);
    await enqueueAlertDigests(new Date(tomorrow.getTime() + 3600_000));
    const digests = await digestsTo(lyon);
    expect(digests).toHaveLength(2);
    expect(digests[1].text).toContain(second.id);
    expect(digests[1].text).toContain(waiting.id);
    expect(digests[1].text).not.toContain(inLyon.id);
  });

  it("says when bookings open and when the next edition is announced", async () => {
    const opensAt = new Date(Date.now() + 3600_000);
    const edition = await createEdition({ name: `Édition ${uid()}`, bookingOpensAt: opensAt });
    const email = `ouverture-${uid()}@example.org`;
    await confirmed(email, edition.id, { newVisitNear: undefined, postalCode: undefined, bookingsOpen: "on", nextEdition: "on" });
    await enqueueAlertDigests(new Date(opensAt.getTime() - 60_000));
    expect(await digestsTo(email)).toHaveLength(0);
    const next = await createEdition({ name: `Suivante ${uid()}`, firstDay: new Date(edition.firstDay.getTime() + 365 * DAY), lastDay: new Date(edition.lastDay.getTime() + 365 * DAY) });
    await enqueueAlertDigests(new Date(opensAt.getTime() + 60_000));
    const [digest] = await digestsTo(email);
    expect(digest.text).toContain(`Les réservations de ${edition.name} sont ouvertes.`);
    expect(digest.text).toContain(next.name);
  });

  it("unsubscribes in one click (idempotent, same answer for any link), erases the address and sends no more digests", async () => {
    const edition = await createEdition();
    const email = `desabo-${uid()}@example.org`;
    await confirmed(email, edition.id);
    await lyonVisit(edition.id, `Une ${uid()}`);
    await enqueueAlertDigests(new Date());
    const [digest] = await digestsTo(email);
    const token = unsubscribeTokenOf(digest);

    // What a mail provider sends: a cross-site POST with the one-click body.
    const oneClick = () =>
      unsubscribePost(
        new Request(`http://localhost:3000/alertes/desabonnement/${token}`, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://mail.example.net" },
          body: "List-Unsubscribe=One-Click",
        }),
        { params: Promise.resolve({ token }) },
      );
    const first = await oneClick();
    expect(first.status).toBe(200);
    const row = await db.alertSubscription.findUniqueOrThrow({ where: { id: digest.alertSubscriptionId! } });
    expect(row).toMatchObject({ status: "UNSUBSCRIBED", postalCode: null, email: `deleted+${row.id}@invalid` });
    expect(await db.emailOutbox.count({ where: { alertSubscriptionId: row.id } })).toBe(0);
    expect(await db.alertSubscription.count({ where: { email } })).toBe(0);

    const again = await oneClick();
    const unknown = await unsubscribePost(
      new Request("http://localhost:3000/alertes/desabonnement/inconnu", { method: "POST", body: "List-Unsubscribe=One-Click" }),
      { params: Promise.resolve({ token: "inconnu" }) },
    );
    expect([again.status, unknown.status]).toEqual([200, 200]);
    expect(await Promise.all([first, again, unknown].map((response) => response.text()))).toEqual(["", "", ""]);
    // The page's button (a plain form) is sent on to the "done" page, whatever the link.
    const human = await unsubscribePost(new Request("http://localhost:3000/alertes/desabonnement/inconnu", { method: "POST" }), { params: Promise.resolve({ token: "inconnu" }) });
    expect([human.status, human.headers.get("location")]).toEqual([303, "/alertes/desabonne"]);

    await lyonVisit(edition.id, `Encore ${uid()}`);
    await enqueueAlertDigests(new Date(Date.now() + 2 * DAY));
    expect(await digestsTo(email)).toHaveLength(0);
  });

  it("sends the digest with the List-Unsubscribe and List-Unsubscribe-Post headers (RFC 8058)", async () => {
    const edition = await createEdition();
    const email = `entetes-${uid()}@example.org`;
    await confirmed(email, edition.id);
    await lyonVisit(edition.id, `Entêtes ${uid()}`);
    await enqueueAlertDigests(new Date());
    const [digest] = await digestsTo(email);
    const transport = sink.transport();
    while ((await deliverDueEmails(transport, 100)) > 0) {}
    const received = await db.devMail.findFirstOrThrow({ where: { to: email, subject: digest.subject } });
    // The header block as sent, long lines unfolded (RFC 5322).
    const head = received.raw.slice(0, received.raw.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, " ");
    const token = unsubscribeTokenOf(digest);
    expect(head).toMatch(new RegExp(`^List-Unsubscribe: <http://localhost:3000/alertes/desabonnement/${token}>\\r?$`, "m"));
    expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    // Only the token's hash is stored.
    expect(JSON.stringify(await db.alertSubscription.findFirstOrThrow({ where: { email } }))).not.toContain(token);
  });

  it("erases the subscriptions with the edition's personal data, and requests left unconfirmed", async () => {
    const over = await createEdition({ firstDay: new Date(Date.now() - 400 * DAY), lastDay: new Date(Date.now() - 399 * DAY), dataRetentionDays: 180 });
    const current = await createEdition();
    const old = `ancienne-${uid()}@example.org`;
    const kept = `gardee-${uid()}@example.org`;
    const stale = `oubliee-${uid()}@example.org`;
    await confirmed(old, over.id);
    await confirmed(kept, current.id);
    await subscribe(stale, current.id, {}, new Date(Date.now() - 8 * DAY));
    await db.alertSubscription.updateMany({ where: { email: stale }, data: { createdAt: new Date(Date.now() - 8 * DAY) } });
    const oldId = (await db.alertSubscription.findFirstOrThrow({ where: { email: old } })).id;

    const result = await purgeAlertSubscriptions(new Date());
    expect(result.retention).toBeGreaterThanOrEqual(1);
    expect(result.unconfirmed).toBeGreaterThanOrEqual(1);
    expect(await db.alertSubscription.count({ where: { email: { in: [old, stale] } } })).toBe(0);
    expect(await db.emailOutbox.count({ where: { OR: [{ to: { in: [old, stale] } }, { alertSubscriptionId: oldId }] } })).toBe(0);
    expect(await db.alertSubscription.count({ where: { email: kept, status: "CONFIRMED" } })).toBe(1);
  });
});
