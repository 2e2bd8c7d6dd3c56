import { numberFormat } from "../../../../src/shared/locale-format.ts";
/**
 * The share of a pledge delivered, in the reader's locale: two significant digits, so a few persons against a
 * pledge of thousands read as a small share rather than 0 %; nothing pledged reads as a dash.
 */
export function deliveredShare(delivered: number, pledged: number, locale: string): string {
  if (pledged <= 0) return "—";
  return numberFormat(locale, { style: "percent", maximumSignificantDigits: 2 }).format(delivered / pledged);
}
