import { ClientMessages } from "@/components/i18n/ClientMessages";

// The messages the wish form and the application's forms use in the browser (see ClientMessages).
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["common", "booking"]}>{children}</ClientMessages>;
}
