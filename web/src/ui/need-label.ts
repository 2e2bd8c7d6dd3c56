import { SPECIFIC_NEED_LABELS, type SpecificNeed } from "../../../src/shared/specific-needs.ts";

/** The order of SPECIFIC_NEED_LABELS' five languages. */
const NEED_LABEL_ORDER = ["es", "en", "pt", "fr", "ht"];

/** A specific need's label in the reader's language (English for a language the labels lack). */
export function needLabel(code: SpecificNeed, language: string): string {
  const index = NEED_LABEL_ORDER.indexOf(language.slice(0, 2));
  return SPECIFIC_NEED_LABELS[code][index === -1 ? 1 : index] ?? SPECIFIC_NEED_LABELS[code][1];
}
