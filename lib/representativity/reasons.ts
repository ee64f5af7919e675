// Why a registration waits, as data (code + params, stored in Factory.statusReasonData and the audit
// log) and as a sentence in the reader's language (French or English). Pure: usable by client
// components (no database, no communes file).
import { regionName } from "@/lib/geo/regions";
import { sectorLabel } from "@/lib/reference/naf";
import { SIZE_BAND_LABELS, type SizeBand } from "@/lib/reference/size-band";

export const DIMENSIONS = ["REGION", "SECTOR", "SIZE"] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type ReasonLocale = "fr" | "en";

export type StatusReason =
  // An approved-factory count of one of the registration's dimensions has reached its cap.
  | { code: "cap_reached"; params: { dimension: Dimension; value: string; cap: number } }
  // An UNDER_TARGET_ONLY phase is active and none of the three dimensions is under its target.
  | { code: "phase_under_target_only"; params: { phase: string; regionCode: string; sectorCode: string; sizeBand: string } }
  // An organiser put the registration on the waiting list (their comment, if any, is stored apart).
  | { code: "organiser_waitlist"; params?: undefined };

export type ReasonCode = StatusReason["code"];

const NBSP = "\u00a0";
const guillemets = (text: string) => `«${NBSP}${text}${NBSP}»`;

/** The name of a region, sector (NAF division) or size band, in the given language. */
export function dimensionValueLabel(dimension: Dimension, value: string, locale: ReasonLocale = "fr"): string {
  switch (dimension) {
    case "REGION":
      return regionName(value) ?? value;
    case "SECTOR":
      return sectorLabel(value, locale) ?? value;
    case "SIZE":
      return SIZE_BAND_LABELS[value as SizeBand]?.[locale] ?? value;
  }
}

// French: "0 site", "1 site", "2 sites"; English: "0 sites", "1 site".
const sites = (n: number, locale: ReasonLocale) => `${n} ${(locale === "fr" ? n <= 1 : n === 1) ? "site" : "sites"}`;

function capReached(params: { dimension: Dimension; value: string; cap: number }, locale: ReasonLocale): string {
  const name = dimensionValueLabel(params.dimension, params.value, locale);
  const n = sites(params.cap, locale);
  if (locale === "en") {
    switch (params.dimension) {
      case "REGION":
        return `The ${name} region has already reached its cap of ${n}.`;
      case "SECTOR":
        return `The “${name}” sector has already reached its cap of ${n}.`;
      case "SIZE":
        return `The “${name}” size band has already reached its cap of ${n}.`;
    }
  }
  switch (params.dimension) {
    case "REGION":
      return `La région ${name} a déjà atteint son plafond de ${n}.`;
    case "SECTOR":
      return `Le secteur ${guillemets(name)} a déjà atteint son plafond de ${n}.`;
    case "SIZE":
      return `La catégorie ${guillemets(name)} a déjà atteint son plafond de ${n}.`;
  }
}

function phaseUnderTargetOnly(
  params: { phase: string; regionCode: string; sectorCode: string; sizeBand: string },
  locale: ReasonLocale,
): string {
  const region = dimensionValueLabel("REGION", params.regionCode, locale);
  const sector = dimensionValueLabel("SECTOR", params.sectorCode, locale);
  const size = dimensionValueLabel("SIZE", params.sizeBand, locale);
  if (locale === "en") {
    return (
      `During the “${params.phase}” phase, only sites whose region, sector or company size is still under its target ` +
      `may register: neither the ${region} region, nor the “${sector}” sector, nor the “${size}” size band is.`
    );
  }
  return (
    `Pendant la phase ${guillemets(params.phase)}, seuls les sites dont la région, le secteur ou la taille d'entreprise ` +
    `est encore sous son objectif peuvent s'inscrire : ce n'est le cas ni de la région ${region}, ` +
    `ni du secteur ${guillemets(sector)}, ni de la catégorie ${guillemets(size)}.`
  );
}

/** The sentence shown to the factory and the organiser, in their language. */
export function reasonMessage(reason: StatusReason, locale: ReasonLocale = "fr"): string {
  switch (reason.code) {
    case "cap_reached":
      return capReached(reason.params, locale);
    case "phase_under_target_only":
      return phaseUnderTargetOnly(reason.params, locale);
    case "organiser_waitlist":
      return locale === "en"
        ? "The organising team has put this registration on the waiting list."
        : "L'équipe d'organisation a placé cette inscription sur liste d'attente.";
  }
}

/**
 * What follows a factory's status on its pages and in exports: the stored reason in the reader's
 * language, then the organiser's own comment (kept as written). Null when there is neither.
 */
export function statusNote(factory: { statusReasonData: unknown; statusComment?: string | null }, locale: ReasonLocale = "fr"): string | null {
  const reason = parseStatusReason(factory.statusReasonData);
  const parts = [reason ? reasonMessage(reason, locale) : "", factory.statusComment ?? ""].filter(Boolean);
  return parts.length > 0 ? parts.join(" — ") : null;
}

/** Reads a reason back from stored JSON (Factory.statusReasonData, audit log), or null if it is not one. */
export function parseStatusReason(value: unknown): StatusReason | null {
  if (!value || typeof value !== "object") return null;
  const { code, params } = value as { code?: unknown; params?: Record<string, unknown> };
  if (code === "organiser_waitlist") return { code };
  if (!params || typeof params !== "object") return null;
  const str = (key: string) => typeof params[key] === "string";
  if (code === "cap_reached" && DIMENSIONS.includes(params.dimension as Dimension) && str("value") && typeof params.cap === "number") {
    return { code, params: { dimension: params.dimension as Dimension, value: params.value as string, cap: params.cap } };
  }
  if (code === "phase_under_target_only" && str("phase") && str("regionCode") && str("sectorCode") && str("sizeBand")) {
    const p = params as Record<string, string>;
    return { code, params: { phase: p.phase, regionCode: p.regionCode, sectorCode: p.sectorCode, sizeBand: p.sizeBand } };
  }
  return null;
}
