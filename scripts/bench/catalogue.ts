// The catalogue addresses the rush's visitors open: the searches people make when bookings open
// (the landing list and its page 2, a region, a department, a sector, a day and time of day, "seats
// free now", near a postal code, a town's name, accessibility, a child's age, a group size…), built
// from the bench edition's own values and drawn with a fixed seed, so every run asks the same ones.
import { Rng } from "../../lib/seed/random";
import type { CatalogueFacts } from "./data";

type Params = Record<string, string>;

export function visitorSearches(facts: CatalogueFacts): string[] {
  const rng = new Rng(14);
  const page = (): Params => (rng.chance(0.3) ? { page: "2" } : {});
  const audience = (): Params => (rng.chance(0.5) ? { audience: "PUBLIC" } : {});
  const region = () => rng.pick(facts.regions.slice(0, 8));
  const searches: Params[] = [{}, { page: "2" }];
  for (const code of facts.regions.slice(0, 8)) searches.push({ region: code, ...audience(), ...page() });
  for (const code of facts.departments.slice(0, 6)) searches.push({ department: code, ...page() });
  for (const code of facts.sectors.slice(0, 6)) searches.push(rng.chance(0.5) ? { sector: code, region: region() } : { sector: code });
  for (const day of facts.days.slice(0, 4)) searches.push({ day, time: rng.pick(["morning", "afternoon"]), audience: "PUBLIC" });
  for (let i = 0; i < 4; i++) searches.push({ region: region(), available: "1", ...page() });
  for (const postalCode of facts.postalCodes.slice(0, 4)) searches.push({ postalCode, ...page() });
  for (const commune of facts.communes.slice(0, 4)) searches.push({ q: commune });
  searches.push({ region: region(), wheelchair: "1" }, { wheelchair: "1", audience: "PUBLIC" }, { language: "en" });
  searches.push({ maxMinAge: "8", audience: "PUBLIC" }, { maxMinAge: "12", region: region() });
  searches.push({ seats: "4", available: "1" }, { seats: "25", audience: "SCHOOL", region: region() });
  return searches.map((params) => {
    const query = new URLSearchParams(params).toString();
    return `/visites${query ? `?${query}` : ""}`;
  });
}
