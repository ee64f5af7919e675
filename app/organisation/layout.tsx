import { ClientMessages } from "@/components/i18n/ClientMessages";

// The messages the organiser's forms use in the browser (see ClientMessages).
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["common", "organiserAdmin", "circuits", "draws"]}>{children}</ClientMessages>;
}
