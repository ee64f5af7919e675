import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import type { NAMESPACES } from "@/lib/i18n/config";

/**
 * Hands client components the message namespaces they use, and only those. Without `messages`,
 * next-intl's provider serialises every message of every namespace (~78 KB in French) into each
 * page's RSC payload, which the server then encodes again into the HTML: measured on the catalogue,
 * 175 KB of the 230 KB page and a good part of its render time. The root layout gives none (its
 * pages have no translated client component); each segment whose client components need messages
 * wraps them in this with their namespaces ("common" included when they use it).
 */
export async function ClientMessages({ namespaces, children }: { namespaces: (typeof NAMESPACES)[number][]; children: ReactNode }) {
  const messages = await getMessages();
  return <NextIntlClientProvider messages={Object.fromEntries(namespaces.map((ns) => [ns, messages[ns]]))}>{children}</NextIntlClientProvider>;
}
