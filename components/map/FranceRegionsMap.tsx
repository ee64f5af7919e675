// A choropleth of France by region: mainland regions drawn from their departments' outlines
// (./geometry), the five overseas regions (which that geometry lacks) as labelled inset tiles. Each region is coloured by the
// share of its target that is reached, and hatched when under target, so that the colour is never
// the only clue; the figure "approved / target" is written on it. A server component (pure SVG):
// it prints as drawn. The page must offer the same figures as a table (WCAG 1.1.1).
import { MapAttribution } from "./MapAttribution";
import { MAP_VIEWBOX, REGION_SHAPES } from "./geometry";

export interface MapRegion {
  code: string;
  name: string;
  approved: number;
  target: number | null;
  underTarget: boolean;
  overseas: boolean;
  /** Full sentence for tooltips and assistive technologies, e.g. "Bretagne : 12 validés, objectif 15". */
  title: string;
}

export interface FranceRegionsMapLabels {
  legend: string;
  low: string;
  mid: string;
  reached: string;
  noTarget: string;
  hatched: string;
  overseas: string;
}

type Bucket = "low" | "mid" | "reached" | "none";

export const BUCKET_FILL: Record<Bucket, string> = {
  low: "#ea580c", // orange-600
  mid: "#fed7aa", // orange-200
  reached: "#60a5fa", // blue-400
  none: "#e2e8f0", // slate-200
};

export function bucketOf(region: Pick<MapRegion, "approved" | "target">): Bucket {
  if (region.target === null) return "none";
  if (region.approved >= region.target) return "reached";
  return region.approved * 2 < region.target ? "low" : "mid";
}

const figure = (r: Pick<MapRegion, "approved" | "target">) => (r.target === null ? String(r.approved) : `${r.approved}/${r.target}`);

function Swatch({ bucket, hatched, patternId, size = 18 }: { bucket: Bucket; hatched: boolean; patternId: string; size?: number }) {
  return (
    <svg aria-hidden="true" width={size} height={size} viewBox="0 0 18 18" className="shrink-0">
      <rect x="0.5" y="0.5" width="17" height="17" fill={BUCKET_FILL[bucket]} stroke="#334155" />
      {hatched && <rect x="0.5" y="0.5" width="17" height="17" fill={`url(#${patternId})`} />}
    </svg>
  );
}

function HatchPattern({ id }: { id: string }) {
  return (
    <pattern id={id} patternUnits="userSpaceOnUse" width="7" height="7" patternTransform="rotate(45)">
      <line x1="0" y1="0" x2="0" y2="7" stroke="#7c2d12" strokeWidth="2" strokeOpacity="0.75" />
    </pattern>
  );
}

export function FranceRegionsMap({
  id,
  title,
  description,
  regions,
  labels,
}: {
  id: string;
  title: string;
  description: string;
  regions: MapRegion[];
  labels: FranceRegionsMapLabels;
}) {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const hatch = `${id}-hatch`;
  const overseas = regions.filter((r) => r.overseas);
  const legend: [Bucket, string][] = [
    ["low", labels.low],
    ["mid", labels.mid],
    ["reached", labels.reached],
    ["none", labels.noTarget],
  ];
  return (
    <figure aria-labelledby={`${id}-caption`} className="flex flex-col gap-3 print:break-inside-avoid" style={{ printColorAdjust: "exact", WebkitPrintColorAdjust: "exact" }}>
      <figcaption id={`${id}-caption`} className="flex flex-col gap-1">
        <span className="text-lg font-semibold">{title}</span>
        <span className="text-sm text-slate-700">{description}</span>
      </figcaption>
      {/* A defs-only SVG shares the hatching with the inset and legend swatches (after the caption,
          which HTML wants first or last in a figure). */}
      <svg aria-hidden="true" width="0" height="0" className="absolute">
        <defs>
          <HatchPattern id={hatch} />
        </defs>
      </svg>
      <div className="flex flex-col gap-4 md:flex-row md:items-start">
        <div className="order-2 flex flex-col gap-2 md:order-1 md:w-44">
          <p className="text-sm font-semibold">{labels.overseas}</p>
          <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3 md:grid-cols-1">
            {overseas.map((r) => (
              <li key={r.code} className="flex items-center gap-2 rounded-md border border-slate-300 p-2" title={r.title}>
                <Swatch bucket={bucketOf(r)} hatched={r.underTarget} patternId={hatch} size={28} />
                <span className="flex flex-col leading-tight">
                  <span className="text-sm">{r.name}</span>
                  <span className="font-bold tabular-nums" aria-hidden="true">
                    {figure(r)}
                  </span>
                  <span className="sr-only">{r.title}</span>
                </span>
              </li>
            ))}
          </ul>
        </div>
        <svg
          viewBox={`0 0 ${MAP_VIEWBOX.width} ${MAP_VIEWBOX.height}`}
          role="img"
          aria-labelledby={`${id}-svg-title`}
          className="order-1 h-auto w-full max-w-2xl md:order-2 md:flex-1"
        >
          <title id={`${id}-svg-title`}>{`${title}. ${regions
            .filter((r) => !r.overseas)
            .map((r) => r.title)
            .join(" ; ")}`}</title>
          <defs>
            <HatchPattern id={`${hatch}-map`} />
            {/* Each outline once (they are most of the page's weight), drawn twice below with <use>. */}
            {REGION_SHAPES.map((shape) => (
              <path key={shape.code} id={`${id}-${shape.code}`} d={shape.d} fillRule="evenodd" />
            ))}
          </defs>
          {REGION_SHAPES.map((shape) => {
            const region = byCode.get(shape.code);
            if (!region) return null;
            const href = `#${id}-${shape.code}`;
            return (
              <g key={shape.code} data-region={shape.code}>
                <title>{region.title}</title>
                <use href={href} fill={BUCKET_FILL[bucketOf(region)]} stroke="#ffffff" strokeWidth="1.5" strokeLinejoin="round" />
                <use href={href} fill={region.underTarget ? `url(#${hatch}-map)` : "none"} stroke="#334155" strokeWidth="0.8" />
              </g>
            );
          })}
          {REGION_SHAPES.map((shape) => {
            const region = byCode.get(shape.code);
            if (!region) return null;
            return (
              <text
                key={shape.code}
                x={shape.label[0]}
                y={shape.label[1]}
                textAnchor="middle"
                dominantBaseline="middle"
                fontSize="19"
                fontWeight="700"
                fill="#0f172a"
                stroke="#ffffff"
                strokeWidth="4"
                strokeLinejoin="round"
                paintOrder="stroke"
                aria-hidden="true"
              >
                {figure(region)}
              </text>
            );
          })}
        </svg>
      </div>
      <div className="flex flex-col gap-1">
        <p className="text-sm font-semibold">{labels.legend}</p>
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {legend.map(([bucket, text]) => (
            <li key={bucket} className="flex items-center gap-1.5">
              <Swatch bucket={bucket} hatched={false} patternId={hatch} />
              {text}
            </li>
          ))}
          <li className="flex items-center gap-1.5">
            <Swatch bucket="mid" hatched patternId={hatch} />
            {labels.hatched}
          </li>
        </ul>
        <MapAttribution />
      </div>
    </figure>
  );
}
