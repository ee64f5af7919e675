import Link from "next/link";

export interface SubNavItem {
  key: string;
  href: string;
  label: string;
}

const itemClass =
  "inline-flex min-h-11 items-center rounded-md border border-slate-300 px-3 py-2 font-medium text-slate-900 hover:bg-slate-50 aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-900";

// The navigation of an area (back office, a factory's space): a link up to the area's home, then its
// pages as buttons, the current one marked for screen readers (aria-current). Wraps on a phone.
export function SubNav({ label, home, items, current, className }: { label: string; home: Omit<SubNavItem, "key">; items: SubNavItem[]; current?: string; className?: string }) {
  return (
    <nav aria-label={label} className={className}>
      <ul className="flex flex-wrap gap-2 text-sm">
        <li>
          <Link href={home.href} className="inline-flex min-h-11 items-center rounded-md px-3 py-2 font-medium text-brand-700 underline underline-offset-4">
            {home.label}
          </Link>
        </li>
        {items.map((item) => (
          <li key={item.key}>
            <Link href={item.href} aria-current={item.key === current ? "page" : undefined} className={itemClass}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
