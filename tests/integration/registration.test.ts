// Registering a factory, field by field, against the real database: what gets written (factory,
// contacts, invited colleagues, photos, audit entry, outbox e-mails) and — on every error — that
// nothing is written at all.
import { crc32, deflateSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { registerFactory } from "@/lib/factory/register";
import { resolveCommune } from "@/lib/geo/communes";
import type { FactoryRegistrationInput } from "@/lib/factory/schemas";
import { statusNote } from "@/lib/representativity/reasons";
import { createEdition, createFactory, newSiret, uid } from "../fixtures/factories";
import { validFactoryRegistration } from "../fixtures/schema-inputs";

const DAY = 24 * 3600_000;

afterAll(async () => {
  await db.$disconnect();
});

const valid = (over: Partial<FactoryRegistrationInput> = {}): FactoryRegistrationInput => ({
  ...validFactoryRegistration,
  siret: newSiret(),
  description: "Décolletage de précision : de la barre de laiton à la pièce finie, en passant par le contrôle.",
  minAge: "12",
  closedShoesRequired: "on",
  pacemakerWarning: true,
  otherConditions: "",
  wheelchairAccessible: "on",
  accessibilityNotes: "Ascenseur jusqu'à l'atelier.",
  studentsPerAdult: "12",
  invites: [],
  ...over,
});

const newUser = (over: { email?: string; locale?: string; name?: string } = {}) =>
  db.user.create({ data: { email: over.email ?? `directeur-${uid()}@example.fr`, locale: over.locale ?? "fr", name: over.name } });

async function setup(edition: Parameters<typeof createEdition>[0] = {}) {
  return { edition: await createEdition(edition), user: await newUser({ name: "Claire Favre" }) };
}

// A real (tiny, decodable) PNG of the given size.
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x80)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", pixels),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
const file = (bytes: Buffer | string, type: string) => new Blob([typeof bytes === "string" ? bytes : new Uint8Array(bytes)], { type });

// Every table a registration writes to.
async function rowCounts() {
  const [factories, contacts, users, photos, audits, emails] = await Promise.all([
    db.factory.count(),
    db.factoryContact.count(),
    db.user.count(),
    db.factoryPhoto.count(),
    db.auditLog.count(),
    db.emailOutbox.count(),
  ]);
  return { factories, contacts, users, photos, audits, emails };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => {
      throw new Error("expected an error");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("registerFactory", () => {
  it("creates the factory with commune, department and region derived from the postal code", async () => {
    const { edition, user } = await setup();
    const { factory, evaluation } = await registerFactory(valid(), { userId: user.id, editionId: edition.id });
    expect(evaluation.status).toBe("APPROVED");
    const row = await db.factory.findUniqueOrThrow({ where: { id: factory.id } });
    expect(row).toMatchObject({
      postalCode: "74300",
      communeCode: "74081",
      communeName: "Cluses",
      departmentCode: "74",
      regionCode: "84",
      sectorCode: "25",
      headcount: 85,
      sizeBand: "PME",
      minAge: 12,
      closedShoesRequired: true,
      idRequired: false,
      pacemakerWarning: true,
      otherConditions: null,
      wheelchairAccessible: true,
      accessibilityNotes: "Ascenseur jusqu'à l'atelier.",
      studentsPerAdult: 12,
      status: "APPROVED",
      statusReasonData: null,
      statusComment: null,
    });
    expect(await db.factoryContact.findMany({ where: { factoryId: factory.id }, select: { userId: true } })).toEqual([{ userId: user.id }]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: factory.id, action: "factory.registered" } });
    expect(audit.actorId).toBe(user.id);
    expect(audit.after).toMatchObject({ status: "APPROVED", reasonCode: "within_quotas" });
    const mail = await db.emailOutbox.findFirstOrThrow({ where: { to: user.email } });
    expect(mail.template).toBe("factory.registered.approved");
    expect(mail.subject).toBe("Inscription validée : Usine de Cluses");
    expect(mail.text).toContain("Bonjour Claire Favre,");
    expect(mail.text).toContain("/espace-usine");
  });

  it("resolves an unambiguous postal code without a commune (75001 → Paris, Île-de-France)", async () => {
    const { edition, user } = await setup();
    const { factory } = await registerFactory(valid({ postalCode: "75001", communeCode: "" }), { userId: user.id, editionId: edition.id });
    expect(factory).toMatchObject({ communeCode: "75056", communeName: "Paris", departmentCode: "75", regionCode: "11" });
  });

  it("normalises a SIRET typed with spaces and derives the size band from the headcount", async () => {
    const { edition, user } = await setup();
    const siret = newSiret();
    const spaced = `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}`;
    const { factory } = await registerFactory(valid({ siret: spaced, headcount: 5000 }), { userId: user.id, editionId: edition.id });
    expect(factory.siret).toBe(siret);
    expect(factory.sizeBand).toBe("GE");
  });

  it("invites colleagues: users upserted, contacts added, one invitation e-mail each", async () => {
    const { edition, user } = await setup();
    const existing = await newUser({ locale: "en", name: "Sam Taylor" });
    const fresh = `collegue-${uid()}@example.fr`;
    const { factory, invited } = await registerFactory(
      valid({ invites: [` ${fresh.toUpperCase()} `, "", existing.email, user.email, fresh] }),
      { userId: user.id, editionId: edition.id },
    );
    expect(invited.map((u) => u.email).sort()).toEqual([existing.email, fresh].sort());
    const contacts = await db.factoryContact.findMany({ where: { factoryId: factory.id }, include: { user: true } });
    expect(contacts.map((c) => c.user.email).sort()).toEqual([existing.email, fresh, user.email].sort());
    const freshMail = await db.emailOutbox.findFirstOrThrow({ where: { to: fresh } });
    expect(freshMail.template).toBe("factory.contact_invited");
    expect(freshMail.text).toContain("Claire Favre");
    expect(freshMail.text).toContain("/connexion?callbackUrl=%2Fespace-usine");
    expect(freshMail.html).toContain("/connexion?callbackUrl=%2Fespace-usine");
    const englishMail = await db.emailOutbox.findFirstOrThrow({ where: { to: existing.email } });
    expect(englishMail.subject).toBe("You are a contact of Usine de Cluses");
    // The registrant gets the status e-mail, not an invitation.
    expect(await db.emailOutbox.count({ where: { to: user.email } })).toBe(1);
  });

  it("tells the registrant, in their language, why the site is waitlisted", async () => {
    const { edition } = await setup();
    const user = await newUser({ locale: "en" });
    await db.quota.create({ data: { editionId: edition.id, dimension: "REGION", value: "84", cap: 0 } });
    const { factory } = await registerFactory(valid(), { userId: user.id, editionId: edition.id });
    expect(factory.status).toBe("WAITLISTED");
    expect(factory.statusReasonData).toEqual({ code: "cap_reached", params: { dimension: "REGION", value: "84", cap: 0 } });
    expect(statusNote(factory, "en")).toBe("The Auvergne-Rhône-Alpes region has already reached its cap of 0 sites.");
    const mail = await db.emailOutbox.findFirstOrThrow({ where: { to: user.email } });
    expect(mail.template).toBe("factory.registered.waitlisted");
    expect(mail.text).toContain("Reason: The Auvergne-Rhône-Alpes region has already reached its cap of 0 sites.");
  });

  it("stores photos checked by their bytes, and records their size", async () => {
    const { edition, user } = await setup();
    const { factory } = await registerFactory(valid(), {
      userId: user.id,
      editionId: edition.id,
      photos: [file(png(320, 200), "image/png"), new Blob([]), file(png(150, 400), "")],
    });
    const photos = await db.factoryPhoto.findMany({ where: { factoryId: factory.id }, orderBy: { position: "asc" } });
    expect(photos.map((p) => [p.mimeType, p.width, p.height, p.position])).toEqual([
      ["image/png", 320, 200, 0],
      ["image/png", 150, 400, 1],
    ]);
    // The originals themselves, byte for byte, in the database.
    expect(Buffer.from(photos[0].data).equals(png(320, 200))).toBe(true);
    expect(Buffer.from(photos[1].data).equals(png(150, 400))).toBe(true);
  });
});

describe("registerFactory refuses bad input and writes nothing", () => {
  const cases: [string, Partial<FactoryRegistrationInput>, Record<string, string>][] = [
    ["a SIRET with a typo", { siret: "73282932000075" }, { siret: "siret.checksum" }],
    ["a SIRET too short", { siret: "7328293200007" }, { siret: "siret.format" }],
    ["an unknown postal code", { postalCode: "99999", communeCode: "" }, { postalCode: "postalCode.unknown" }],
    ["a badly formed postal code", { postalCode: "7430", communeCode: "" }, { postalCode: "postalCode.format" }],
    ["an ambiguous postal code without the commune", { postalCode: "74300", communeCode: "" }, { communeCode: "communeCode.required" }],
    ["a commune outside the postal code", { postalCode: "74300", communeCode: "75056" }, { communeCode: "communeCode.invalid" }],
    ["a non-industrial sector (retail, 47)", { sectorCode: "47" }, { sectorCode: "sectorCode.not_industrial" }],
    ["a negative headcount", { headcount: "-3" }, { headcount: "headcount.too_small" }],
    ["a missing headcount", { headcount: "" }, { headcount: "headcount.required" }],
    ["a short description", { description: "Usine." }, { description: "description.too_short" }],
    ["a students-per-adult ratio over 30", { studentsPerAdult: "31" }, { studentsPerAdult: "studentsPerAdult.too_large" }],
    ["a bad colleague address", { invites: ["ok@example.fr", "pas-une-adresse"] }, { "invites.1": "invites.invalid" }],
    ["six colleagues", { invites: Array.from({ length: 6 }, (_, i) => `c${i}@example.fr`) }, { invites: "invites.too_many" }],
    [
      "several mistakes at once",
      { siret: "12345678901234", postalCode: "99999", communeCode: "", companyName: " " },
      { siret: "siret.checksum", postalCode: "postalCode.unknown", companyName: "companyName.required" },
    ],
  ];
  it.each(cases)("%s", async (_, over, fields) => {
    const { edition, user } = await setup();
    const before = await rowCounts();
    const error = await failure(registerFactory(valid(over), { userId: user.id, editionId: edition.id }));
    expect(error.code).toBe("validation.failed");
    expect(error.status).toBe(422);
    expect(error.fields).toEqual(fields);
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses photos that are not what they claim, too many or too small — and writes nothing", async () => {
    const { edition, user } = await setup();
    const before = await rowCounts();
    const attempts: [Blob[], string][] = [
      [[file("<svg xmlns='http://www.w3.org/2000/svg'/>".padEnd(100), "image/png")], "photos.type"],
      [[file(png(300, 300), "application/pdf")], "photos.type"],
      [Array.from({ length: 6 }, () => file(png(300, 300), "image/png")), "photos.too_many"],
      [[file(png(300, 300), "image/png"), file(Buffer.alloc(5 * 1024 * 1024 + 1), "image/jpeg")], "photos.too_large"],
      [[file(png(40, 40), "image/png")], "photos.too_small"],
    ];
    for (const [photos, code] of attempts) {
      const error = await failure(registerFactory(valid(), { userId: user.id, editionId: edition.id, photos }));
      expect(error.fields).toEqual({ photos: code });
    }
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses a SIRET already registered in the edition (but not in another edition)", async () => {
    const { edition, user } = await setup();
    const siret = newSiret();
    await createFactory(edition.id, { siret });
    const before = await rowCounts();
    const error = await failure(
      registerFactory(valid({ siret, invites: ["x@example.fr"] }), { userId: user.id, editionId: edition.id, photos: [file(png(300, 300), "image/png")] }),
    );
    expect(error.code).toBe("siret.taken");
    expect(error.fields).toEqual({ siret: "siret.taken" });
    expect(await rowCounts()).toEqual(before);

    const other = await createEdition();
    await expect(registerFactory(valid({ siret }), { userId: user.id, editionId: other.id })).resolves.toBeTruthy();
  });

  it("lets only one of two simultaneous submissions of the same SIRET through", async () => {
    const { edition, user } = await setup();
    const input = valid();
    const outcomes = await Promise.allSettled([
      registerFactory(input, { userId: user.id, editionId: edition.id }),
      registerFactory(input, { userId: user.id, editionId: edition.id }),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: "siret.taken" });
    expect(await db.factory.count({ where: { editionId: edition.id } })).toBe(1);
  });

  it("refuses registrations outside the edition's window", async () => {
    const now = Date.now();
    const user = await newUser();
    const closed = await createEdition({ factoryRegistrationOpensAt: new Date(now - 30 * DAY), factoryRegistrationClosesAt: new Date(now - DAY) });
    const notYet = await createEdition({ factoryRegistrationOpensAt: new Date(now + DAY), factoryRegistrationClosesAt: new Date(now + 9 * DAY) });
    const before = await rowCounts();
    for (const edition of [closed, notYet]) {
      const error = await failure(registerFactory(valid(), { userId: user.id, editionId: edition.id }));
      expect(error.code).toBe("registration.closed");
      expect(error.status).toBe(409);
    }
    // The window is judged at `now`: the closing instant itself is closed.
    const error = await failure(registerFactory(valid(), { userId: user.id, editionId: closed.id, now: closed.factoryRegistrationClosesAt }));
    expect(error.code).toBe("registration.closed");
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses an unknown user", async () => {
    const { edition } = await setup();
    const error = await failure(registerFactory(valid(), { userId: "nobody", editionId: edition.id }));
    expect(error.code).toBe("auth.required");
  });
});

describe("resolveCommune", () => {
  it("derives the region and lists the candidates of a shared postal code", () => {
    const cluses = resolveCommune("74300", "74081");
    expect(cluses).toMatchObject({ ok: true, commune: { name: "Cluses", departmentCode: "74", regionCode: "84" } });
    const shared = resolveCommune("74300");
    expect(shared.ok).toBe(false);
    if (!shared.ok) {
      expect(shared.code).toBe("communeCode.required");
      expect(shared.candidates.map((c) => c.name)).toContain("Thyez");
    }
  });
});
