import { ClientMessages } from "@/components/i18n/ClientMessages";

// The messages the alert forms use in the browser (see ClientMessages).
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["common", "alerts"]}>{children}</ClientMessages>;
}
