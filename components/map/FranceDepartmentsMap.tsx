// The catalogue's map: where the visits of the current search are, by department (the overseas
// departments as inset tiles), each department with visits a link that narrows the search to it.
// A server component: plain SVG and links, no client code; the outlines come from one cached file
// (`<use>` of /carte/departements.svg), only their colours and links are in the page.
//
// Accessibility: the drawing is decoration for pointer users (aria-hidden, its links out of the tab
// order), and the list below it is the map for everyone else: one ordinary link per department with
// visits, named with the department and its count, in the tab order and read by screen readers. So
// the text equivalent (WCAG 1.1.1) is the same for all, there are no hundred tab stops in the
// drawing, and colour is never the only clue: every count is written in the list.
import Link from "next/link";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { DEPARTMENTS } from "@/lib/geo/regions";
import { MapAttribution } from "./MapAttribution";
import { DEPARTMENT_SHAPES, departmentOutlineHref, MAP_VIEWBOX } from "./geometry";

type Bucket = "none" | "few" | "some" | "many" | "selected";

const FILL: Record<Bucket, string> = {
  none: "#f1f5f9", // slate-100
  few: "#bfdbfe", // blue-200
  some: "#60a5fa", // blue-400
  many: "#1d4ed8", // brand-600
  selected: "#fbbf24", // amber-400: stands out from every shade of blue
};

const bucketOf = (count: number): Bucket => (count === 0 ? "none" : count < 5 ? "few" : count < 15 ? "some" : "many");

// The same colours as classes (a `style` attribute would be refused by the page's CSP): one short
// class list per line of the department list, which every catalogue view carries.
const SWATCH: Record<Bucket, string> = {
  none: "bg-slate-100",
  few: "bg-blue-200",
  some: "bg-blue-400",
  many: "bg-blue-700",
  selected: "bg-amber-400",
};

function Swatch({ bucket }: { bucket: Bucket }) {
  return <span aria-hidden="true" className={`size-3 shrink-0 rounded-sm border border-slate-400 ${SWATCH[bucket]}`} />;
}

// The overseas departments, which the geometry lacks, as tiles in the Bay of Biscay's corner.
const OVERSEAS = DEPARTMENTS.filter((d) => d.code.length === 3);
const TILE = { x: 6, y: 420, width: 118, height: 28, gap: 5 };

export async function FranceDepartmentsMap({
  counts,
  selected,
  hrefFor,
}: {
  /** Visits per department code (departments without any may be missing). */
  counts: ReadonlyMap<string, number>;
  /** The department the search is narrowed to, outlined on the map. */
  selected?: string;
  hrefFor: (departmentCode: string) => string;
}) {
  const t = await getTranslations("catalogue.map");
  const countOf = (code: string) => counts.get(code) ?? 0;
  const bucketFor = (code: string): Bucket => (code === selected ? "selected" : bucketOf(countOf(code)));
  const withVisits = DEPARTMENTS.filter((d) => countOf(d.code) > 0);
  const name = (code: string) => DEPARTMENTS.find((d) => d.code === code)?.name ?? code;
  const linkLabel = (code: string) => t("department", { name: name(code), code, count: countOf(code) });
  // A department with visits is a link (for the pointer: see above), the others only a drawing.
  const linked = (code: string, drawing: ReactNode) =>
    countOf(code) > 0 ? (
      <a key={code} href={hrefFor(code)} tabIndex={-1} data-department={code}>
        <title>{linkLabel(code)}</title>
        {drawing}
      </a>
    ) : (
      <g key={code}>{drawing}</g>
    );
  // The outlined department is drawn last, so that its neighbours do not cover its outline.
  const shapes = [...DEPARTMENT_SHAPES].sort((a, b) => Number(a.code === selected) - Number(b.code === selected));

  return (
    <figure aria-labelledby="carte-titre" className="flex flex-col gap-3">
      <figcaption id="carte-titre" className="flex flex-col gap-1">
        <span className="font-semibold text-slate-900">{t("title")}</span>
        <span className="text-sm text-slate-700">{t("description", { count: withVisits.length })}</span>
      </figcaption>
      <svg
        viewBox={`0 0 ${MAP_VIEWBOX.width} ${MAP_VIEWBOX.height}`}
        aria-hidden="true"
        focusable="false"
        className="h-auto w-full [&_a:hover_rect]:stroke-slate-900 [&_a:hover_use]:stroke-slate-900"
      >
        {shapes.map((shape) => {
          const isSelected = shape.code === selected;
          return linked(
            shape.code,
            <use
              href={departmentOutlineHref(shape.code)}
              fill={FILL[bucketFor(shape.code)]}
              stroke={isSelected ? "#0f172a" : "#ffffff"}
              strokeWidth={isSelected ? 2 : 0.8}
            />,
          );
        })}
        {OVERSEAS.map((department, index) => {
          const count = countOf(department.code);
          const bucket = bucketFor(department.code);
          const y = TILE.y + index * (TILE.height + TILE.gap);
          return linked(
            department.code,
            <>
              <rect
                x={TILE.x}
                y={y}
                width={TILE.width}
                height={TILE.height}
                rx="4"
                fill={FILL[bucket]}
                stroke={bucket === "selected" ? "#0f172a" : "#94a3b8"}
                strokeWidth={bucket === "selected" ? 2 : 1}
              />
              <text x={TILE.x + 8} y={y + TILE.height / 2} dominantBaseline="middle" fontSize="13" fill={bucket === "many" ? "#ffffff" : "#0f172a"}>
                {`${department.code} · ${count}`}
              </text>
            </>,
          );
        })}
      </svg>
      {withVisits.length > 0 && (
        <ul
          aria-labelledby="carte-titre"
          className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-2 lg:grid-cols-1 [&_a]:inline-flex [&_a]:min-h-8 [&_a]:items-center [&_a]:gap-2 [&_a]:text-brand-700 [&_a]:underline [&_a]:underline-offset-4 [&_a[aria-current]]:font-bold [&_a[aria-current]]:text-slate-900"
        >
          {withVisits.map((department) => (
            <li key={department.code}>
              <Link
                prefetch={false}
                href={hrefFor(department.code)}
                aria-current={department.code === selected ? "true" : undefined}
              >
                <Swatch bucket={bucketFor(department.code)} />
                {linkLabel(department.code)}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-700" aria-label={t("legend")}>
        {(["few", "some", "many", ...(selected ? ["selected" as const] : [])] as const).map((bucket) => (
          <li key={bucket} className="flex items-center gap-1">
            <Swatch bucket={bucket} />
            {t(`bucket.${bucket}`)}
          </li>
        ))}
      </ul>
      <MapAttribution />
    </figure>
  );
}
