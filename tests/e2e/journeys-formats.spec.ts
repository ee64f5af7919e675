import { createHash, randomBytes, randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "@/lib/seed/demo-accounts";
import { createTestFactory, withDb } from "./db";
import { screenshot, signedInAs, visit } from "./utils";

// Issue 13, item 11: one way of writing each kind of value, in English as in French. An English
// reader used to see the audit log's raw codes (`edition.bookings_exported_with_contacts`, `minAge`,
// `GUIDED_TOUR`, `PUBLIC`), "9:00" in the catalogue but "9:00 AM (90 min)" on the booking page,
// and "1 adults" for a class.

const FACTORY = `Formats Glassworks ${Date.now() % 100000}`;
const ACTOR = `formats-${randomUUID().slice(0, 8)}@example.org`;
const manageToken = randomBytes(32).toString("base64url");
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
let slotId = "";

test.beforeAll(async () => {
  // 08:00 UTC on the edition's first day, in March before summer time: 09:00–10:30 in Paris.
  ({ slotIds: [slotId] } = await createTestFactory(FACTORY, [{ hourUtc: 8, capacity: 40, audience: "BOTH", maxSeats: 6 }]));
  await withDb(async (client) => {
    // Two entries by an organiser of their own (the journal is filtered on them): an export with
    // contact details, and a visit's change of minimum age, format and audience.
    const actorId = `e2e${randomUUID().replaceAll("-", "").slice(0, 20)}`;
    await client.query(`INSERT INTO "User" (id, email, role) VALUES ($1, $2, 'ORGANISER')`, [actorId, ACTOR]);
    const { rows } = await client.query<{ id: string }>(`SELECT id FROM "Edition" WHERE slug = 'juo-2027'`);
    await client.query(
      `INSERT INTO "AuditLog" ("actorId", action, "entityType", "entityId", before, after, reason) VALUES
         ($1, 'edition.bookings_exported_with_contacts', 'Edition', $2, NULL, $3, NULL),
         ($1, 'slot.update', 'Slot', $4, $5, $6, NULL)`,
      [
        actorId,
        rows[0].id,
        JSON.stringify({ kind: "bookings", format: "csv", rows: 3, columns: ["contactName", "email"] }),
        slotId,
        JSON.stringify({ minAge: null, format: "GUIDED_TOUR", audience: "BOTH", language: "fr" }),
        JSON.stringify({ minAge: 16, format: "WORKSHOP", audience: "PUBLIC", language: "en" }),
      ],
    );
    // A class of 25 with one accompanying adult.
    await client.query(
      `INSERT INTO "Booking" (id, "editionId", "slotId", kind, status, seats, students, adults, "schoolUai", "schoolName", "classLevel",
         "contactName", email, locale, "manageTokenHash", "ticketTokenHash", "ticketCode", "consentAt", "updatedAt")
       SELECT $1, "editionId", id, 'GROUP', 'CONFIRMED', 26, 25, 1, '0390012A', 'Collège du Jura', '3e',
         'Sophie Formats', $2, 'en', $3, $4, $5, now(), now() FROM "Slot" WHERE id = $6`,
      [`e2e${randomUUID().replaceAll("-", "").slice(0, 20)}`, ACTOR, sha256(manageToken), sha256(randomUUID()), randomUUID().slice(0, 8).toUpperCase(), slotId],
    );
    await client.query(`UPDATE "Slot" SET taken = taken + 26, "takenBySchools" = "takenBySchools" + 26 WHERE id = $1`, [slotId]);
  });
});

test("(11) in English: the audit log in words, one time format, plurals that agree", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });

  await test.step("the organiser reads the audit log: actions, fields and values as words, no raw code", async () => {
    const journal = `/organisation/journal?actor=${encodeURIComponent(ACTOR)}`;
    // Signed in in French (the sign-in journeys' words), then reading in English, as the language switch does.
    await signedInAs(page, DEMO_ACCOUNTS.organiser.email, journal);
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: new URL(page.url()).origin }]);
    await visit(page, journal);
    const entries = page.getByRole("listitem").filter({ hasText: ACTOR });
    await expect(entries).toHaveCount(2);
    const exported = entries.filter({ has: page.getByRole("heading", { name: "Bookings exported with contact details" }) });
    await expect(exported).toContainText("Contact name, E-mail address");
    const changed = entries.filter({ has: page.getByRole("heading", { name: "Visit slot changed" }) });
    for (const words of ["Minimum age", "Guided tour", "Workshop", "Public and schools", "General public", "English"]) await expect(changed).toContainText(words);
    const text = (await entries.allInnerTexts()).join("\n");
    for (const code of ["edition.bookings_exported_with_contacts", "slot.update", "minAge", "GUIDED_TOUR", "PUBLIC", "contactName"]) expect(text).not.toContain(code);
    // Nothing shaped like a code either: "entity.some_action" or "SOME_VALUE".
    expect(text).not.toMatch(/\b[a-z]+\.[a-z]+_[a-z_]+\b|\b[A-Z]+_[A-Z_]+\b/);
    await screenshot(page, "journeys-formats-journal-390");
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, "journeys-formats-journal-1280");
  });

  await test.step("the catalogue and the booking page write the visit's time the same way", async () => {
    await visit(page, `/visites?${new URLSearchParams({ q: FACTORY })}`);
    const card = page.getByRole("article").filter({ hasText: FACTORY });
    await expect(card).toContainText("09:00 – 10:30");
    await visit(page, `/visites/${slotId}/reserver`);
    const when = page.locator("dd").filter({ hasText: "09:00 – 10:30" });
    // British English day first, 24-hour clock, the duration as the rest of the site writes it.
    await expect(when).toHaveText(/^[A-Z][a-z]+day \d{1,2} March 2027, 09:00 – 10:30 \(1 hr 30 min\)$/);
  });

  await test.step("a class with one adult reads '1 adult'", async () => {
    await visit(page, `/reservation/${manageToken}`);
    await expect(page.getByText("25 students and 1 adult ·").first()).toBeVisible();
    await expect(page.getByText(/\b1 adults\b/)).toHaveCount(0);
  });
});
