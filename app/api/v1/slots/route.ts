import { apiHandler, limitApi, revalidatableJson } from "@/lib/api/http";
import { getCurrentEdition } from "@/lib/catalogue/edition";
import { searchSlots } from "@/lib/catalogue/queries";
import { parseCatalogueFilters } from "@/lib/catalogue/schemas";

// GET /api/v1/slots — the catalogue as JSON: same filters as /visites (region, department,
// postalCode, sector, metier, day, time, audience, available, wheelchair, maxMinAge, seats, language, q, page).
// Open to anyone (limited per address); a partner's key with the READ scope is limited per key.
// Seats of each item (lib/booking/availability.ts, as of the request): `seatsLeft` = capacity − booked
// seats, as before (free seats, including those held for classes); `seatsLeftForIndividuals` and
// `seatsLeftForSchools` = what a visitor / a school group can book now; `schoolReservedUntil` = when
// the seats held for classes open to everyone, or null when none are held now. `available=1`
// counts seats for the `audience` asked for (any, when none); `seats=N` (1–200) keeps the slots
// with N seats left for a school group when `audience=SCHOOL`, for individuals otherwise.
export const GET = apiHandler(async (request: Request) => {
  await limitApi(request, { scope: "READ" });
  const edition = await getCurrentEdition();
  if (!edition) return revalidatableJson(request, { items: [], total: 0, page: 1, pageCount: 0 });
  const filters = parseCatalogueFilters(new URL(request.url).searchParams);
  const result = await searchSlots(edition.id, filters, { pageSize: 50 });
  return revalidatableJson(request, { edition: { slug: edition.slug, name: edition.name }, ...result });
});
