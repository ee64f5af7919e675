import Link from "next/link";
import { primaryButtonClass } from "@/components/ui/styles";

// The buttons of a GET filter form: apply, and a link back to the unfiltered page.
export function FilterButtons({ submit, reset, className = "flex flex-wrap gap-3" }: { submit: string; reset: { href: string; label: string }; className?: string }) {
  return (
    <div className={className}>
      <button type="submit" className={primaryButtonClass}>
        {submit}
      </button>
      <Link href={reset.href} className="inline-flex min-h-11 items-center px-2 font-medium text-brand-700 underline underline-offset-4">
        {reset.label}
      </Link>
    </div>
  );
}
