import { ClientMessages } from "@/components/i18n/ClientMessages";

// The messages the hosts' questionnaire uses in the browser (see ClientMessages).
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["common", "lifecycle"]}>{children}</ClientMessages>;
}
