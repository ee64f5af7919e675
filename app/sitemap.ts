import type { MetadataRoute } from "next";
import { publicFactoryPages } from "@/lib/catalogue/sitemap";
import { absoluteUrl } from "@/lib/seo/site";

// Read on each request: factories are approved during the edition's registration.
export const dynamic = "force-dynamic";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const factories = await publicFactoryPages();
  const latest = factories.reduce<Date | undefined>((max, f) => (!max || f.updatedAt > max ? f.updatedAt : max), undefined);
  return [
    { url: absoluteUrl("/"), lastModified: latest, changeFrequency: "daily", priority: 1 },
    { url: absoluteUrl("/visites"), lastModified: latest, changeFrequency: "hourly", priority: 0.9 },
    ...factories.map((f) => ({ url: absoluteUrl(`/usines/${f.id}`), lastModified: f.updatedAt, changeFrequency: "daily" as const, priority: 0.8 })),
  ];
}
