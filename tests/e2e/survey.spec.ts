import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_EDITION_SLUG } from "@/lib/seed/demo-accounts";
import { createTestFactory, withDb } from "./db";
import { expectAccessible, linkFromMailbox, screenshot, signedInAs, visit } from "./utils";

// The post-visit survey, end to end: a visitor books, the visit ends, the scheduler running in the
// app (every second in these tests, see playwright.config.ts) e-mails the survey invitation, the
// visitor answers once from the development mailbox, and the organiser's dashboard shows the shift
// in "would you recommend a job in industry to someone close?", checked against SQL written here.

const FACTORY = `Cristallerie de l'enquête ${Date.now() % 100000}`;
const visitor = `louise.${Date.now()}@example.org`;
const SURPRISE = "Le bruit des presses, et le nombre d'apprentis.";

const clearOrganiserMail = () =>
  withDb((client) => client.query(`DELETE FROM "DevMail" WHERE lower("to") = lower($1)`, [DEMO_ACCOUNTS.organiser.email]));

test.afterAll(async () => {
  await clearOrganiserMail();
});

async function answer(page: Page) {
  await page.getByRole("group", { name: /êtes-vous satisfait/ }).getByLabel("Très satisfait·e", { exact: true }).check();
  await page.getByRole("group", { name: "Avant la visite" }).getByLabel("Probablement pas", { exact: true }).check();
  await page.getByRole("group", { name: "Maintenant" }).getByLabel("Certainement", { exact: true }).check();
  await page.getByLabel("Qu'est-ce qui vous a surpris ? (facultatif)").fill(SURPRISE);
  await page.getByRole("button", { name: "Envoyer mon avis" }).click();
}

interface Figures {
  eligible: number;
  responses: number;
  rate: number | null;
  satisfaction: number | null;
  before: number | null;
  after: number | null;
  shift: number | null;
}

// Independent of lib/survey/results.ts: one plain query per group. A booking counts once its visit
// is over (or once it has answered); "would recommend" = 4 or 5 on the 5-point scale.
async function expectedFigures(filter = "", params: unknown[] = []): Promise<Figures> {
  return withDb(async (client) => {
    const { rows } = await client.query<Figures>(
      `WITH e AS (
         SELECT r.satisfaction, r."recommendBefore", r."recommendAfter", r.id IS NOT NULL AS answered
         FROM "Booking" b JOIN "Edition" ed ON ed.id = b."editionId" JOIN "Slot" s ON s.id = b."slotId"
         JOIN "Factory" f ON f.id = s."factoryId" LEFT JOIN "SurveyResponse" r ON r."bookingId" = b.id
         WHERE ed.slug = $1
           AND (r.id IS NOT NULL OR (b.status IN ('CONFIRMED', 'CHECKED_IN') AND s.status = 'OPEN' AND s."endsAt" <= now()))
           ${filter}
       )
       SELECT count(*)::int AS eligible, count(*) FILTER (WHERE answered)::int AS responses,
              round(100.0 * count(*) FILTER (WHERE answered) / NULLIF(count(*), 0), 1)::float8 AS rate,
              round(avg(satisfaction), 2)::float8 AS satisfaction,
              round(100.0 * count(*) FILTER (WHERE "recommendBefore" >= 4) / NULLIF(count(*) FILTER (WHERE answered), 0), 1)::float8 AS before,
              round(100.0 * count(*) FILTER (WHERE "recommendAfter" >= 4) / NULLIF(count(*) FILTER (WHERE answered), 0), 1)::float8 AS after,
              round(100.0 * (count(*) FILTER (WHERE "recommendAfter" >= 4) - count(*) FILTER (WHERE "recommendBefore" >= 4))
                    / NULLIF(count(*) FILTER (WHERE answered), 0), 1)::float8 AS shift
       FROM e`,
      [DEMO_EDITION_SLUG, ...params],
    );
    return rows[0];
  });
}

// How the dashboard writes them in French.
const pct = (v: number | null) =>
  v === null ? "—" : new Intl.NumberFormat("fr-FR", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v / 100);
const pts = (v: number | null) => (v === null ? "—" : new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(v));
const mean = (v: number | null) => (v === null ? "—" : new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v));

const definition = (scope: Locator, term: string) => scope.locator("dt", { hasText: new RegExp(`^${term}$`) }).locator("xpath=following-sibling::dd[1]");

test("a visitor answers the survey from the dev mailbox; the organiser sees the shift on the dashboard", async ({ page, context }) => {
  test.setTimeout(150_000);
  const {
    factoryId,
    slotIds: [slotId],
  } = await createTestFactory(FACTORY, [{ hourUtc: 9, capacity: 10, audience: "PUBLIC" }]);

  // The visitor books two seats.
  await visit(page, `/visites/${slotId}/reserver`);
  await page.getByLabel("Nombre de places").selectOption("2");
  await page.getByLabel("Nom et prénom").fill("Louise Garnier");
  await page.getByLabel("Adresse e-mail").fill(visitor);
  await page.getByLabel(/J'accepte que ces informations/).check();
  await page.getByRole("button", { name: "Confirmer la réservation" }).click();
  await expect(page.getByText("C'est réservé !")).toBeVisible();

  // The visit took place this morning: it ended three and a half hours ago, past the two hours after
  // which the scheduler invites the visitor to the survey.
  const bookingId = await withDb(async (client) => {
    await client.query(
      `UPDATE "Slot" SET "startsAt" = now() - interval '5 hours', "endsAt" = now() - interval '5 hours' + make_interval(mins => "durationMinutes")
       WHERE id = $1`,
      [slotId],
    );
    const { rows } = await client.query<{ id: string; status: string }>(`SELECT id, status FROM "Booking" WHERE email = $1`, [visitor]);
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe("CONFIRMED");
    return rows[0].id;
  });
  await expect
    .poll(
      () =>
        withDb(async (client) => (await client.query(`SELECT status FROM "EmailOutbox" WHERE "dedupeKey" = $1`, [`survey:${bookingId}`])).rows[0]?.status ?? null),
      { timeout: 30_000, message: "survey invitation sent by the scheduler" },
    )
    .toBe("SENT");

  const surveyLink = await linkFromMailbox(page, visitor, /Votre avis sur la visite/, /\/enquete\//);
  expect(new URL(surveyLink).pathname).toMatch(/^\/enquete\/[\w-]{20,}$/);

  // The same link open in a second tab (a double send, a forwarded e-mail): only one answer counts.
  const second = await context.newPage();
  await visit(second, surveyLink);
  await visit(page, surveyLink);
  await expect(page.getByRole("heading", { level: 1, name: "Votre avis sur la visite" })).toBeVisible();
  await expect(page.getByText(new RegExp(`Visite : Verreries Tests – ${FACTORY}, Saint-Claude`))).toBeVisible();

  // Forgetting a question first: the form says which one, next to it.
  await page.getByRole("group", { name: /êtes-vous satisfait/ }).getByLabel("Très satisfait·e", { exact: true }).check();
  await page.getByRole("button", { name: "Envoyer mon avis" }).click();
  await expect(page.getByText("Choisissez une réponse pour « avant la visite ».")).toBeVisible();
  await expectAccessible(page);

  await answer(page);
  await expect(page.getByRole("status").filter({ hasText: "Merci pour votre avis !" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "survey-thanks");

  await answer(second);
  await expect(second.getByText("Vous avez déjà répondu à cette enquête : une seule réponse est possible par réservation.")).toBeVisible();
  await expectAccessible(second);
  await second.close();
  await visit(page, surveyLink);
  await expect(page.getByRole("status").filter({ hasText: "Vous avez déjà répondu à cette enquête : merci !" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Envoyer mon avis" })).toHaveCount(0);

  const stored = await withDb(async (client) => (await client.query(`SELECT satisfaction, "recommendBefore", "recommendAfter", surprise FROM "SurveyResponse" WHERE "bookingId" = $1`, [bookingId])).rows);
  expect(stored).toEqual([{ satisfaction: 5, recommendBefore: 2, recommendAfter: 5, surprise: SURPRISE }]);

  // The organiser's dashboard.
  await clearOrganiserMail();
  await signedInAs(page, DEMO_ACCOUNTS.organiser.email, "/organisation");
  await expect(page).toHaveURL(/\/organisation$/);
  const section = page.getByRole("region", { name: "Enquête après la visite", exact: true });
  await expect(section.getByRole("heading", { level: 2, name: "Enquête après la visite" })).toBeVisible();

  const factory = await withDb(async (client) => (await client.query<{ regionCode: string; sectorCode: string; sizeBand: string }>(`SELECT "regionCode", "sectorCode", "sizeBand" FROM "Factory" WHERE id = $1`, [factoryId])).rows[0]);
  const overall = await expectedFigures();
  expect(overall.responses).toBeGreaterThanOrEqual(1);
  await expect(section).toContainText(new RegExp(`${overall.responses} réponses? sur ${overall.eligible} réservations? venues?`));
  await expect(definition(section, "Taux de réponse")).toHaveText(pct(overall.rate));
  await expect(definition(section, "Satisfaction moyenne \\(sur 5\\)")).toHaveText(mean(overall.satisfaction));
  await expect(definition(section, "Recommanderaient un métier de l'industrie, avant la visite")).toHaveText(pct(overall.before));
  await expect(definition(section, "Recommanderaient un métier de l'industrie, maintenant")).toHaveText(pct(overall.after));
  await expect(definition(section, "Évolution \\(en points\\)")).toHaveText(pts(overall.shift));

  // Before vs after, next to the IFOP 2024 baseline.
  const chart = section.getByRole("figure");
  await expect(chart).toContainText("Part qui recommanderait un métier de l'industrie");
  await expect(definition(chart, "Avant la visite")).toHaveText(pct(overall.before));
  await expect(definition(chart, "Après la visite")).toHaveText(pct(overall.after));
  await expect(definition(chart, "Référence IFOP 2024")).toHaveText(pct(11));
  await expect(chart).toContainText("en 2024, 11 % des Français recommanderaient un métier de l'industrie à un proche");

  // One row per region, sector, size and audience: the visited factory's rows hold the answer.
  const rowOf = async (caption: string, header: RegExp, filter: string, params: unknown[]) => {
    const expected = await expectedFigures(filter, params);
    expect(expected.responses).toBeGreaterThanOrEqual(1);
    const row = section.getByRole("table", { name: caption }).getByRole("row", { name: header });
    await expect(row.getByRole("cell")).toHaveText([
      String(expected.responses),
      pct(expected.rate),
      mean(expected.satisfaction),
      pct(expected.before),
      pct(expected.after),
      pts(expected.shift),
    ]);
  };
  await rowOf("Résultats par région", /^Bourgogne-Franche-Comté/, `AND f."regionCode" = $2`, [factory.regionCode]);
  await rowOf("Résultats par secteur", /^23 – /, `AND f."sectorCode" = $2`, [factory.sectorCode]);
  await rowOf("Résultats par taille d'entreprise", /^Petite ou moyenne entreprise/, `AND f."sizeBand"::text = $2`, [factory.sizeBand]);
  await rowOf("Résultats par public", /^Grand public/, `AND b.kind = 'INDIVIDUAL'`, []);
  await expect(section.getByText("* moins de 10 réponses : à interpréter avec prudence").first()).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await screenshot(page, "organiser-survey-shift");

  // In English too.
  await page.getByRole("button", { name: "English" }).click();
  const english = page.getByRole("region", { name: "Post-visit survey", exact: true });
  await expect(english.getByRole("table", { name: "Results by region" })).toBeVisible();
  await expect(definition(english, "IFOP 2024 baseline")).toHaveText(new Intl.NumberFormat("en", { style: "percent", minimumFractionDigits: 1 }).format(0.11));
  await expectAccessible(page);
});
