// The hosts' questionnaire after the event (lib/host-survey, lib/lifecycle/host-survey-invitations.ts)
// on the real database: who is asked and when, once across concurrent scheduler runs, answers checked
// field by field and replaced by a later answer, and the organisers' totals.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { answerHostSurvey, hostSurveyByToken, hostSurveyFigures } from "@/lib/host-survey";
import { hostSurveyInput } from "@/lib/host-survey/schemas";
import { enqueueHostSurveyInvitations } from "@/lib/lifecycle/host-survey-invitations";
import { caught } from "../fixtures/bookings";
import { createEdition, createFactory, createFactoryContact, createSlot } from "../fixtures/factories";

// An edition on Saturday 14 and Sunday 15 June 2031 (no other test file uses these days): the
// questionnaire goes out from Monday 16 June, 09:00 in Paris (07:00 UTC).
const MONDAY_8_AM = new Date("2031-06-16T06:00:00Z");
const MONDAY_10_AM = new Date("2031-06-16T08:00:00Z");

async function setup() {
  const edition = await createEdition({
    firstDay: new Date("2031-06-14T00:00:00Z"),
    lastDay: new Date("2031-06-15T00:00:00Z"),
    factoryRegistrationOpensAt: new Date("2031-01-01T00:00:00Z"),
    factoryRegistrationClosesAt: new Date("2031-05-01T00:00:00Z"),
    bookingOpensAt: new Date("2031-05-01T00:00:00Z"),
    bookingClosesAt: new Date("2031-06-13T00:00:00Z"),
  });
  const host = await createFactory(edition.id, { siteName: "Site qui a ouvert" });
  await createSlot(host, { startsAt: new Date("2031-06-14T08:00:00Z") });
  const contacts = [await createFactoryContact(host.id), await createFactoryContact(host.id)];
  // Not asked: every visit cancelled, or never approved.
  const cancelled = await createFactory(edition.id);
  await createSlot(cancelled, { startsAt: new Date("2031-06-14T08:00:00Z"), status: "CANCELLED" });
  await createFactoryContact(cancelled.id);
  const pending = await createFactory(edition.id, { status: "PENDING" });
  await createSlot(pending, { startsAt: new Date("2031-06-14T08:00:00Z") });
  return { edition, host, contacts, others: [cancelled.id, pending.id] };
}

const tokenIn = (text: string) => /\/enquete-usine\/([A-Za-z0-9_-]{20,})/.exec(text)?.[1] ?? "";

describe("the hosts' questionnaire", () => {
  it("goes once to every contact of each factory that kept a visit, from 09:00 the day after the last day", async () => {
    const { host, contacts, others } = await setup();
    await enqueueHostSurveyInvitations(MONDAY_8_AM);
    expect(await db.hostSurvey.count({ where: { factoryId: host.id } })).toBe(0);

    await Promise.all([enqueueHostSurveyInvitations(MONDAY_10_AM), enqueueHostSurveyInvitations(MONDAY_10_AM)]);
    expect(await db.hostSurvey.count({ where: { factoryId: { in: [host.id, ...others] } } })).toBe(1);
    const mails = await db.emailOutbox.findMany({ where: { template: "lifecycle.host_survey", dedupeKey: { startsWith: `host-survey:${host.id}:` } } });
    const users = await db.user.findMany({ where: { id: { in: contacts.map((c) => c.id) } }, select: { email: true } });
    expect(mails.map((m) => m.to).sort()).toEqual(users.map((u) => u.email).sort());
    // One link for the site, the same in both e-mails.
    expect(new Set(mails.map((m) => tokenIn(m.text))).size).toBe(1);
    const view = await hostSurveyByToken(tokenIn(mails[0].text));
    expect(view).toMatchObject({ factory: { siteName: "Site qui a ouvert" }, answeredAt: null });
  });

  it("records answers checked field by field, and a later answer replaces the earlier one", async () => {
    const { edition, host } = await setup();
    await enqueueHostSurveyInvitations(MONDAY_10_AM);
    const mail = await db.emailOutbox.findFirstOrThrow({ where: { dedupeKey: { startsWith: `host-survey:${host.id}:` } } });
    const token = tokenIn(mail.text);

    const bad = hostSurveyInput.safeParse({ token, visitorsCame: "", openAgain: "SOMETIMES", recruitmentLeads: "-1", whatWorked: "x".repeat(2001) });
    expect(bad.success ? {} : Object.fromEntries(bad.error.issues.map((i) => [i.path.join("."), i.message]))).toEqual({
      visitorsCame: "visitorsCame.required",
      openAgain: "openAgain.required",
      recruitmentLeads: "recruitmentLeads.too_few",
      whatWorked: "whatWorked.too_long",
    });
    expect((await caught(answerHostSurvey(token, { visitorsCame: "-3", openAgain: "YES" }))).code).toBe("validation.failed");
    expect((await hostSurveyByToken(token))?.answeredAt).toBeNull();
    expect((await caught(answerHostSurvey("x".repeat(43), { visitorsCame: "10", openAgain: "YES" }))).code).toBe("token.invalid");

    const first = new Date("2031-06-17T10:00:00Z");
    await answerHostSurvey(token, { visitorsCame: "85", openAgain: "MAYBE", recruitmentLeads: "4", apprenticeshipApplications: "", whatWorked: "Les ateliers", toImprove: "" }, first);
    await answerHostSurvey(token, { visitorsCame: "92", openAgain: "YES", recruitmentLeads: "5", apprenticeshipApplications: "2", whatWorked: "", toImprove: "Le parking" }, new Date(first.getTime() + 3600_000));
    expect(await hostSurveyByToken(token)).toMatchObject({
      answeredAt: new Date(first.getTime() + 3600_000),
      answers: { visitorsCame: 92, openAgain: "YES", recruitmentLeads: 5, apprenticeshipApplications: 2, whatWorked: null, toImprove: "Le parking" },
    });
    expect(await hostSurveyFigures(edition.id)).toEqual({
      invited: 1,
      answered: 1,
      visitorsCame: 92,
      openAgain: { YES: 1, MAYBE: 0, NO: 0 },
      recruitmentLeads: 5,
      apprenticeshipApplications: 2,
    });
  });
});
