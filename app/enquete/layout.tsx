import { ClientMessages } from "@/components/i18n/ClientMessages";

// The messages the survey form use in the browser (see ClientMessages).
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["common", "lifecycle", "jobs"]}>{children}</ClientMessages>;
}
