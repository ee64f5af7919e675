// INSEE company size categories (LME decree 2008-1354), by headcount only:
// the official definition also weighs turnover and balance sheet, which we do
// not collect. INSEE's "PME" formally includes micro-enterprises; here PME
// means 10–249 so that the four bands do not overlap.
export const SIZE_BANDS = ["TPE", "PME", "ETI", "GE"] as const;

export type SizeBand = (typeof SIZE_BANDS)[number];

// U+202F (narrow no-break space) is the French thousands separator, as
// produced by Intl.NumberFormat("fr-FR"); it also keeps "4 999" on one line.
export const SIZE_BAND_LABELS: Record<SizeBand, { fr: string; en: string }> = {
  TPE: {
    fr: "Très petite entreprise (moins de 10 salariés)",
    en: "Micro-enterprise (fewer than 10 employees)",
  },
  PME: {
    fr: "Petite ou moyenne entreprise (10 à 249 salariés)",
    en: "Small or medium-sized enterprise (10 to 249 employees)",
  },
  ETI: {
    fr: "Entreprise de taille intermédiaire (250 à 4\u202f999 salariés)",
    en: "Intermediate-sized enterprise (250 to 4,999 employees)",
  },
  GE: {
    fr: "Grande entreprise (5\u202f000 salariés ou plus)",
    en: "Large enterprise (5,000 employees or more)",
  },
};

/** @throws RangeError if the headcount is negative or not an integer. */
export function sizeBandFromHeadcount(headcount: number): SizeBand {
  if (!Number.isSafeInteger(headcount) || headcount < 0) {
    throw new RangeError(`Invalid headcount: ${headcount}`);
  }
  if (headcount < 10) return "TPE";
  if (headcount < 250) return "PME";
  if (headcount < 5000) return "ETI";
  return "GE";
}

export function sizeBandLabel(band: SizeBand, locale: "fr" | "en" = "fr"): string {
  return SIZE_BAND_LABELS[band][locale];
}
