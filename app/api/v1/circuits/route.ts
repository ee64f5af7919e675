import { apiHandler, limitApi, revalidatableJson } from "@/lib/api/http";
import { getCurrentEdition } from "@/lib/catalogue/edition";
import { parseCatalogueFilters } from "@/lib/catalogue/schemas";
import { searchCircuits } from "@/lib/circuit/catalogue";

// GET /api/v1/circuits — the current edition's published coach circuits that have not left yet, by
// departure, as JSON: the filters of /api/v1/slots that mean something for a circuit (q, region,
// department, sector, day, time, audience, available, seats; lib/circuit/catalogue.ts: a place
// matches the departure or any stop, day and time are the departure's); the others are ignored.
// Each item gives its stops, departure, times, busCapacity, maxSeatsPerBooking and
// `seatsLeftForIndividuals` / `seatsLeftForSchools` (the fewest seats left on the bus and any stop).
// Open to anyone (limited per address); a partner's key with the READ scope is limited per key.
export const GET = apiHandler(async (request: Request) => {
  await limitApi(request, { scope: "READ" });
  const edition = await getCurrentEdition();
  if (!edition) return revalidatableJson(request, { items: [], total: 0 });
  const filters = parseCatalogueFilters(new URL(request.url).searchParams);
  const items = await searchCircuits(edition.id, filters);
  return revalidatableJson(request, { edition: { slug: edition.slug, name: edition.name }, items, total: items.length });
});
