import "server-only";
// The edition's settings, as organisers edit them: name, days, the factory-registration and
// visitor-booking windows, the per-address booking limit, the default per-booking maximum, the
// approval mode, the data-retention period, the attendance requests and the school transport budget. One transaction: lock
// the row, check what the form cannot know (published visits outside new days, a budget below what
// accepted coaches already cost), write, log before/after of what changed.
import type { Prisma } from "@prisma/client";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { now as clockNow } from "@/lib/clock";
import { parisDayRange, toParisLocalInput } from "@/lib/paris-time";
import { isOver } from "./editions";
import { writeAudit } from "./audit";
import { assertOrganiser, type Actor } from "@/lib/auth/policy";
import type { EditionSettingsInput, ParsedEditionSettings } from "./schemas";
import { transportSpent } from "@/lib/transport/decide";

const settingsSelect = {
  id: true,
  name: true,
  firstDay: true,
  lastDay: true,
  factoryRegistrationOpensAt: true,
  factoryRegistrationClosesAt: true,
  catalogueOpensAt: true,
  bookingOpensAt: true,
  bookingClosesAt: true,
  maxActiveBookingsPerEmail: true,
  defaultMaxSeatsPerBooking: true,
  approvalMode: true,
  dataRetentionDays: true,
  reconfirmDaysBefore: true,
  releaseUnconfirmed: true,
  transportBudgetEuros: true,
} satisfies Prisma.EditionSelect;

type EditionSettings = Prisma.EditionGetPayload<{ select: typeof settingsSelect }>;
type SettingKey = Exclude<keyof EditionSettings, "id">;
const SETTING_KEYS = Object.keys(settingsSelect).filter((k) => k !== "id") as SettingKey[];

const dayString = (date: Date) => date.toISOString().slice(0, 10);

// What the audit log keeps of a setting: days as "YYYY-MM-DD", instants as ISO strings.
function snapshot(settings: Omit<EditionSettings, "id">, key: SettingKey): string | number | boolean {
  const value = settings[key];
  if (key === "firstDay" || key === "lastDay") return dayString(value as Date);
  return value instanceof Date ? value.toISOString() : value;
}

/** The settings as the form shows them (Paris wall-clock times for the windows). */
export async function editionSettingsForm(editionId: string): Promise<(EditionSettingsInput & { slug: string }) | null> {
  const edition = await db.edition.findUnique({ where: { id: editionId }, select: { ...settingsSelect, slug: true } });
  if (!edition) return null;
  return {
    editionId: edition.id,
    slug: edition.slug,
    name: edition.name,
    firstDay: dayString(edition.firstDay),
    lastDay: dayString(edition.lastDay),
    factoryRegistrationOpensAt: toParisLocalInput(edition.factoryRegistrationOpensAt),
    factoryRegistrationClosesAt: toParisLocalInput(edition.factoryRegistrationClosesAt),
    catalogueOpensAt: toParisLocalInput(edition.catalogueOpensAt),
    bookingOpensAt: toParisLocalInput(edition.bookingOpensAt),
    bookingClosesAt: toParisLocalInput(edition.bookingClosesAt),
    maxActiveBookingsPerEmail: String(edition.maxActiveBookingsPerEmail),
    defaultMaxSeatsPerBooking: String(edition.defaultMaxSeatsPerBooking),
    approvalMode: edition.approvalMode,
    dataRetentionDays: String(edition.dataRetentionDays),
    reconfirmDaysBefore: String(edition.reconfirmDaysBefore),
    releaseUnconfirmed: edition.releaseUnconfirmed,
    transportBudgetEuros: String(edition.transportBudgetEuros),
  };
}

/**
 * Saves the settings (already parsed with editionSettingsInput) and returns the names of the fields
 * that changed (none → nothing written, nothing logged). Throws `edition.not_found`, `edition.over`
 * (a past edition is read-only), or
 * `edition.slots_outside_days` (with the count) when published visits would fall outside the new days, or
 * `transportBudgetEuros.below_spent` (with what is spent) when the budget would fall below accepted coaches' costs.
 * Changing the approval mode does not touch registrations already decided.
 */
export async function updateEditionSettings(actor: Actor, input: ParsedEditionSettings, now: Date = clockNow()): Promise<{ changed: SettingKey[] }> {
  assertOrganiser(actor);
  const next: Omit<EditionSettings, "id"> = {
    name: input.name,
    firstDay: new Date(`${input.firstDay}T00:00:00Z`),
    lastDay: new Date(`${input.lastDay}T00:00:00Z`),
    factoryRegistrationOpensAt: input.factoryRegistrationOpensAt,
    factoryRegistrationClosesAt: input.factoryRegistrationClosesAt,
    catalogueOpensAt: input.catalogueOpensAt,
    bookingOpensAt: input.bookingOpensAt,
    bookingClosesAt: input.bookingClosesAt,
    maxActiveBookingsPerEmail: input.maxActiveBookingsPerEmail,
    defaultMaxSeatsPerBooking: input.defaultMaxSeatsPerBooking,
    approvalMode: input.approvalMode,
    dataRetentionDays: input.dataRetentionDays,
    reconfirmDaysBefore: input.reconfirmDaysBefore,
    releaseUnconfirmed: input.releaseUnconfirmed,
    transportBudgetEuros: input.transportBudgetEuros,
  };
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string; lastDay: Date }[]>`SELECT id, "lastDay" FROM "Edition" WHERE id = ${input.editionId} FOR UPDATE`;
    if (!locked) throw new AppError("edition.not_found", 404);
    // A past edition is a record (its report, the comparison with the next one): read-only.
    if (isOver(locked, now)) throw new AppError("edition.over", 409);
    const current = await tx.edition.findUniqueOrThrow({ where: { id: input.editionId }, select: settingsSelect });
    const changed = SETTING_KEYS.filter((key) => snapshot(current, key) !== snapshot(next, key));
    if (changed.length === 0) return { changed };

    if (changed.includes("firstDay") || changed.includes("lastDay")) {
      const outside = await tx.slot.count({
        where: {
          editionId: input.editionId,
          status: "OPEN",
          OR: [{ startsAt: { lt: parisDayRange(input.firstDay).start } }, { startsAt: { gte: parisDayRange(input.lastDay).end } }],
        },
      });
      if (outside > 0) {
        throw new AppError("edition.slots_outside_days", 409, { firstDay: "edition.slots_outside_days", lastDay: "edition.slots_outside_days" }, { count: outside });
      }
    }

    // Under the row lock that accepting a coach also takes (lib/transport/decide.ts): exact.
    if (changed.includes("transportBudgetEuros")) {
      const spent = await transportSpent(tx, input.editionId);
      if (next.transportBudgetEuros < spent) {
        throw new AppError("transportBudgetEuros.below_spent", 409, { transportBudgetEuros: "transportBudgetEuros.below_spent" }, { spent });
      }
    }

    await tx.edition.update({ where: { id: input.editionId }, data: next });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "edition.settings_updated",
      entityType: "Edition",
      entityId: input.editionId,
      before: Object.fromEntries(changed.map((key) => [key, snapshot(current, key)])),
      after: Object.fromEntries(changed.map((key) => [key, snapshot(next, key)])),
    });
    return { changed };
  });
}
