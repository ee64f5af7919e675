import { ClientMessages } from "@/components/i18n/ClientMessages";

// The messages the re-registration form uses in the browser (see ClientMessages).
export default function ReregistrationLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["common", "factorySpace"]}>{children}</ClientMessages>;
}
