import { jsonLdText } from "@/lib/catalogue/structured-data";

// Structured data for search engines: a data block, never run, so the CSP's script rules do not
// apply to it (no nonce needed); its text escapes `<` so it cannot end the element early.
export function JsonLd({ data }: { data: unknown }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText(data) }} />;
}
