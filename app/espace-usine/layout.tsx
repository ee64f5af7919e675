import { ClientMessages } from "@/components/i18n/ClientMessages";

// The messages the factory area's forms (slots, door desk, registration) use in the browser (see ClientMessages).
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["common", "factory", "registration", "jobs", "practical", "circuits"]}>{children}</ClientMessages>;
}
