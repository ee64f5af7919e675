// The catalogue's search filters, parsed from the URL (a GET form: results work without JavaScript
// and the address can be shared). A hand-edited or stale URL must never break the page, so each
// parameter that does not parse is dropped (`.catch(undefined)`) instead of raising an error.
//
// Client-safe: imports only the small region/department list, the NAF divisions and the job families.
import { z } from "zod";
import { DEPARTMENTS, REGIONS } from "@/lib/geo/regions";
import { SECTORS } from "@/lib/reference/naf";
import { JOB_FAMILIES } from "@/lib/reference/rome-families";
import { POSTAL_CODE } from "@/lib/schema-fields";
import { MAX_PROGRAMME_VISITS, SLOT_ID } from "./programme-ids";

const asTuple = (values: readonly string[]) => values as [string, ...string[]];

export const TIMES_OF_DAY = ["morning", "afternoon"] as const;
// EMPLOYMENT: visits open to employment professionals' groups (Slot.openToEmployment).
export const AUDIENCE_FILTERS = ["PUBLIC", "SCHOOL", "EMPLOYMENT"] as const;
export type AudienceFilter = (typeof AUDIENCE_FILTERS)[number];

/**
 * Whether a visit or a circuit is open to the audience a search asks for (BOTH is open to the public
 * and schools), as the search's SQL filters. Circuits have no `openToEmployment`: they are never
 * open to employment groups (docs/decisions/0017-groups-beyond-schools.md).
 */
export const opensTo = (offer: { audience: "PUBLIC" | "SCHOOL" | "BOTH"; openToEmployment?: boolean }, wanted: AudienceFilter) =>
  wanted === "EMPLOYMENT" ? offer.openToEmployment === true : offer.audience === wanted || offer.audience === "BOTH";
export const VISIT_LANGUAGES = ["fr", "en"] as const;
export const MAX_QUERY_LENGTH = 100;
/** The largest group the "places for N people" filter asks about. */
export const MAX_GROUP_SIZE = 200;

// `?region=84&region=11` → the first value; an empty form field (`?region=`) → absent.
function firstNonBlank(value: unknown): unknown {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" && first.trim() === "" ? undefined : first;
}

function param<T extends z.ZodType>(schema: T) {
  return z.preprocess(firstNonBlank, schema.optional()).catch(undefined);
}

// A checkbox submits "1" (its value attribute); "on" is what a checkbox without a value sends.
const checkbox = z.enum(["1", "on", "true"]).transform(() => true as const);

export const catalogueFilters = z.object({
  /** Free text: factory site name, company name, commune, description (accent- and case-insensitive). */
  q: param(z.string().trim().min(1).transform((value) => value.slice(0, MAX_QUERY_LENGTH))),
  /** Region code (INSEE), e.g. "84" for Auvergne-Rhône-Alpes. */
  region: param(z.enum(asTuple(REGIONS.map((r) => r.code)))),
  /** Department code, e.g. "74", "2A", "971". */
  department: param(z.string().trim().toUpperCase().pipe(z.enum(asTuple(DEPARTMENTS.map((d) => d.code))))),
  /** "Near me": ranks the same department first, then the same region, then the rest. Not a filter. */
  postalCode: param(z.string().trim().regex(POSTAL_CODE)),
  /** NAF rév. 2 division of the factory's main activity. */
  sector: param(z.enum(asTuple(SECTORS.map((s) => s.code)))),
  /** A job family (lib/reference/rome-families.ts): factories showcasing at least one job of it. */
  metier: param(z.enum(JOB_FAMILIES)),
  /** One calendar day (Europe/Paris) of the edition, ISO format. */
  day: param(z.iso.date()),
  /** "morning": starts before 12:00 Paris time; "afternoon": from 12:00. */
  time: param(z.enum(TIMES_OF_DAY)),
  /** PUBLIC: visits open to individuals; SCHOOL: to school groups (BOTH slots match either); EMPLOYMENT: to employment professionals. */
  audience: param(z.enum(AUDIENCE_FILTERS)),
  /** Only slots with seats free now. */
  available: param(checkbox),
  /** Only wheelchair-accessible sites. */
  wheelchair: param(checkbox),
  /** The youngest visitor's age: slots whose minimum age is unset or at most this. */
  maxMinAge: param(z.coerce.number().int().min(0).max(99)),
  /**
   * A group's size: only slots with at least this many seats left now, counted for a school group
   * when `audience` is SCHOOL and for individual visitors otherwise (the seats held for classes
   * until their release date are not theirs, nor other groups').
   */
  seats: param(z.coerce.number().int().min(1).max(MAX_GROUP_SIZE)),
  /** Language the visit is given in. */
  language: param(z.enum(VISIT_LANGUAGES)),
  page: param(z.coerce.number().int().min(1).max(10_000)),
});

export type CatalogueFilters = z.output<typeof catalogueFilters>;
export type CatalogueParam = keyof CatalogueFilters;

/** The parameters that narrow the results (postalCode only orders them, page only pages them). */
export const FILTER_KEYS = [
  "q",
  "region",
  "department",
  "sector",
  "metier",
  "day",
  "time",
  "audience",
  "available",
  "wheelchair",
  "maxMinAge",
  "seats",
  "language",
] as const satisfies readonly CatalogueParam[];
export type FilterKey = (typeof FILTER_KEYS)[number];

type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

/** Never throws: unknown parameters are ignored, invalid values dropped. */
export function parseCatalogueFilters(input: SearchParamsInput): CatalogueFilters {
  const record: Record<string, string | string[] | undefined> = {};
  if (input instanceof URLSearchParams) {
    for (const key of new Set(input.keys())) record[key] = input.getAll(key);
  } else {
    Object.assign(record, input);
  }
  return catalogueFilters.parse(record);
}

export function activeFilterKeys(filters: CatalogueFilters): FilterKey[] {
  return FILTER_KEYS.filter((key) => filters[key] !== undefined);
}

const PARAM_ORDER = Object.keys(catalogueFilters.shape) as CatalogueParam[];

/**
 * The query string ("?region=84&page=2", or "" when nothing is set) of `filters` with `changes`
 * applied; set a key to undefined to remove it. Changing anything but the page returns to page 1.
 */
export function catalogueQueryString(filters: CatalogueFilters, changes: Partial<CatalogueFilters> = {}): string {
  const next: Partial<Record<CatalogueParam, unknown>> = { ...filters, ...changes };
  const changesOtherThanPage = Object.keys(changes).some((key) => key !== "page");
  if (changesOtherThanPage && !("page" in changes)) next.page = undefined;
  const params = new URLSearchParams();
  for (const key of PARAM_ORDER) {
    const value = next[key];
    if (value === undefined || value === null || value === false) continue;
    if (key === "page" && value === 1) continue;
    params.set(key, value === true ? "1" : String(value));
  }
  const query = params.toString();
  return query ? `?${query}` : "";
}

/**
 * Splits free text into normalised search terms: lower case, no diacritics, œ/æ spelt out, split
 * on anything that is not a letter or digit ("Saint-Étienne" → ["saint", "etienne"]). Each term
 * must then appear in the factory's normalised text (see lib/catalogue/queries.ts, which applies
 * the same normalisation in SQL). Terms carry no LIKE wildcard, since `%` and `_` are separators.
 */
export function searchTerms(q: string | undefined): string[] {
  if (!q) return [];
  return [...new Set(normaliseSearchText(q).split(/[^\p{L}\p{N}]+/u).filter(Boolean))].slice(0, 8);
}

/** Text as the search compares it: without accents, in lower case, œ and æ spelt out. */
export function normaliseSearchText(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replaceAll("œ", "oe").replaceAll("æ", "ae");
}

// Letters that French (and its neighbours) write with diacritics, with every accented form.
const ACCENTED_FORMS: Record<string, string> = {
  a: "aàâäáãå",
  c: "cç",
  e: "eéèêë",
  i: "iîïíì",
  n: "nñ",
  o: "oôöóòõ",
  u: "uùûüú",
  y: "yÿý",
};
const letterClass = (letter: string) => {
  const forms = ACCENTED_FORMS[letter];
  return forms ? `[${forms}${forms.toUpperCase()}]` : letter;
};

/**
 * A PostgreSQL regular expression (to use with the case-insensitive `~*`) matching a term of
 * searchTerms() inside text written with accents, ligatures or capitals: "decolletage" matches
 * "Décolletage", "oeuvre" matches "Œuvre" and "œuvre". Every accented form is listed in both cases,
 * so the match does not depend on the database's locale. Terms are letters and digits only, so
 * nothing needs escaping; anything else is escaped anyway.
 */
export function accentInsensitivePattern(term: string): string {
  return term.replace(/[oa]e|./gu, (chunk) => {
    if (chunk === "oe") return `(?:${letterClass("o")}${letterClass("e")}|œ|Œ)`;
    if (chunk === "ae") return `(?:${letterClass("a")}${letterClass("e")}|æ|Æ)`;
    return /[\p{L}\p{N}]/u.test(chunk) ? letterClass(chunk) : `\\${chunk}`;
  });
}

/**
 * The `v` parameter of a shared programme (`/programme?v=id1,id2`): its distinct well-formed slot
 * ids in order, at most MAX_PROGRAMME_VISITS (`truncated` says when some were left out), and how
 * many pieces were not ids at all. Never throws: a hand-edited link shows what it can.
 */
export const programmeIdsParam = z.preprocess(
  firstNonBlank,
  z
    .string()
    .optional()
    .catch(undefined)
    .transform((value) => {
      const pieces = [...new Set((value ?? "").split(",").map((piece) => piece.trim()).filter(Boolean))];
      const ids = pieces.filter((piece) => SLOT_ID.test(piece));
      return { ids: ids.slice(0, MAX_PROGRAMME_VISITS), truncated: ids.length > MAX_PROGRAMME_VISITS, malformed: pieces.length - ids.length };
    }),
);
export type ProgrammeIds = z.output<typeof programmeIdsParam>;

/** The area of a printable programme: `?departement=69` or `?region=84` (a department wins when both are given). */
export const printableAreaParams = z
  .object({
    departement: param(z.string().trim().toUpperCase().pipe(z.enum(asTuple(DEPARTMENTS.map((d) => d.code))))),
    region: param(z.enum(asTuple(REGIONS.map((r) => r.code)))),
  })
  .transform(({ departement, region }) =>
    departement ? ({ kind: "department", code: departement } as const) : region ? ({ kind: "region", code: region } as const) : null,
  );
export type PrintableArea = NonNullable<z.output<typeof printableAreaParams>>;
