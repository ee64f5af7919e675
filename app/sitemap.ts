import type { MetadataRoute } from "next";
import { printableProgrammeHref } from "@/lib/catalogue/programme-ids";
import { printableProgrammeAreas, publicCircuitPages, publicFactoryPages } from "@/lib/catalogue/sitemap";
import { getCurrentEdition } from "@/lib/catalogue/edition";
import { listDraws } from "@/lib/draw/queries";
import { absoluteUrl } from "@/lib/seo/site";

// Read on each request: factories are approved during the edition's registration.
export const dynamic = "force-dynamic";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const edition = await getCurrentEdition();
  const [factories, areas, circuits, draws] = await Promise.all([
    publicFactoryPages(),
    printableProgrammeAreas(),
    publicCircuitPages(),
    edition ? listDraws(edition.id) : Promise.resolve([]),
  ]);
  const latest = factories.reduce<Date | undefined>((max, f) => (!max || f.updatedAt > max ? f.updatedAt : max), undefined);
  return [
    { url: absoluteUrl("/"), lastModified: latest, changeFrequency: "daily", priority: 1 },
    { url: absoluteUrl("/visites"), lastModified: latest, changeFrequency: "hourly", priority: 0.9 },
    ...factories.map((f) => ({ url: absoluteUrl(`/usines/${f.id}`), lastModified: f.updatedAt, changeFrequency: "daily" as const, priority: 0.8 })),
    { url: absoluteUrl("/circuits"), lastModified: latest, changeFrequency: "hourly", priority: 0.8 },
    ...circuits.map((c) => ({ url: absoluteUrl(`/circuits/${c.id}`), lastModified: c.updatedAt, changeFrequency: "daily" as const, priority: 0.7 })),
    { url: absoluteUrl("/tirages"), lastModified: latest, changeFrequency: "daily", priority: 0.6 },
    ...draws.map((d) => ({ url: absoluteUrl(`/tirages/${d.id}`), lastModified: d.drawnAt ?? d.wishesOpenAt, changeFrequency: "daily" as const, priority: 0.6 })),
    // The printable programmes of the areas with visits (a shared « Mon programme » is personal: noindex, not listed).
    ...areas.map((area) => ({ url: absoluteUrl(printableProgrammeHref(area)), lastModified: latest, changeFrequency: "daily" as const, priority: 0.5 })),
  ];
}
