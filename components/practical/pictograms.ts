import "server-only";
// The practical information's pictograms, one SVG sprite served once and cached
// (app/pictogrammes.svg): a page refers to a symbol with <use>, so a catalogue of twenty cards
// carries a short reference per pictogram, not its drawing. Stroked with currentColor, 24×24.
import { createHash } from "node:crypto";

const SYMBOLS: Record<string, string> = {
  meet: '<path d="M12 22s7-7 7-12a7 7 0 0 0-14 0c0 5 7 12 7 12z"/><circle cx="12" cy="10" r="2.5"/>',
  parking: '<rect x="3" y="3" width="18" height="18" rx="3"/><path d="M9 17V7h4a3 3 0 0 1 0 6H9"/>',
  transport: '<rect x="5" y="3" width="14" height="15" rx="2"/><path d="M5 11h14M8 18v3M16 18v3M8.5 14.5h.01M15.5 14.5h.01"/>',
  walk: '<circle cx="13" cy="4" r="2"/><path d="M7 21l3-6 3 2v4M9 12l2-4 4 1 2 3M11 8l-1 7"/>',
  ppe: '<path d="M2 18h20M4 18a8 8 0 0 1 16 0M9 11V7h6v4"/>',
  id: '<rect x="2" y="5" width="20" height="14" rx="2"/><circle cx="8" cy="12" r="2"/><path d="M13 10h5M13 14h5"/>',
  photo: '<path d="M4 7h3l2-3h6l2 3h3v12H4z"/><circle cx="12" cy="13" r="3.5"/>',
  nophoto: '<path d="M4 7h3l2-3h6l2 3h3v12H4z"/><circle cx="12" cy="13" r="3.5"/><path d="M3 3l18 18"/>',
};

const STROKE = 'fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"';


export const PICTOGRAM_SPRITE = (() => {
  const body = Object.entries(SYMBOLS)
    // The style on each symbol, not on the sprite's root: a <use> from another document inherits
    // from the symbol it clones, never from that document's root.
    .map(([id, paths]) => `<symbol id="${id}" viewBox="0 0 24 24" ${STROKE}>${paths}</symbol>`)
    .join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg">${body}</svg>`;
  return { svg, version: createHash("sha256").update(svg).digest("hex").slice(0, 8) };
})();

export const pictogramHref = (symbol: string) => `/pictogrammes.svg?v=${PICTOGRAM_SPRITE.version}#${symbol}`;
