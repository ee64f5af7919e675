// « Mon programme »: the visits a person keeps on their device, without an account. Client-safe and
// dependency-free (the catalogue's toggle button imports it, and /visites is weighed for its script):
// the server-side parsing of a shared link is the zod schema in ./schemas.

/** localStorage key of the device's list of slot ids; versioned, so that a new shape can start afresh. */
export const PROGRAMME_STORAGE_KEY = "uo.programme.v1";

/** A programme holds at most this many visits (a day or two of an edition; it keeps a shared link short). */
export const MAX_PROGRAMME_VISITS = 30;

/** A slot id as the database makes them (cuid) or as imported: letters, digits, "_" and "-". */
export const SLOT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The shareable address of a programme: `/programme?v=id1,id2` (ids keep their order). */
export const programmeHref = (ids: readonly string[]) => (ids.length > 0 ? `/programme?v=${ids.join(",")}` : "/programme");

/** The printable programme of a department or region: `/programme/imprimer?departement=69`, `?region=84`. */
export const printableProgrammeHref = (area: { kind: "department" | "region"; code: string }) =>
  `/programme/imprimer?${area.kind === "department" ? "departement" : "region"}=${area.code}`;
