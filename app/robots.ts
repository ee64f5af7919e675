import type { MetadataRoute } from "next";
import { absoluteUrl } from "@/lib/seo/site";

// The public pages are open to crawlers; the private spaces (and the personal links of bookings,
// tickets and surveys, which also say noindex) are not.
export const dynamic = "force-dynamic";

export default function robots(): MetadataRoute.Robots {
  return {
    rules: {
      userAgent: "*",
      allow: ["/", "/espace-usine/inscription"],
      disallow: ["/organisation", "/espace-usine", "/reservation/", "/billet/", "/enquete/", "/mes-reservations", "/api/", "/dev/"],
    },
    sitemap: absoluteUrl("/sitemap.xml"),
  };
}
