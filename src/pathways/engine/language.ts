import { dateFormat } from "../../shared/locale-format.ts";

/** The languages every applicant-facing text exists in. */
export const languages = ["es", "en", "pt", "fr", "ht"] as const;
export type Language = (typeof languages)[number];

/** A text in every language. */
export type Texts = Record<Language, string>;

/** True when `value` is one of the supported language codes. */
export function isLanguage(value: string): value is Language {
  return (languages as readonly string[]).includes(value);
}

/** Fills every language from a partial map: missing ones fall back to English, then to the first given. */
export function completeTexts(partial: Partial<Record<string, string>> | string, fallback = ""): Texts {
  if (typeof partial === "string") return { es: partial, en: partial, pt: partial, fr: partial, ht: partial };
  const first = Object.values(partial).find((t) => typeof t === "string" && t !== "");
  const base = partial.en ?? first ?? fallback;
  return {
    es: partial.es ?? base,
    en: base,
    pt: partial.pt ?? base,
    // Haitian Creole readers usually read French too, so French is the better fallback than English.
    fr: partial.fr ?? base,
    ht: partial.ht ?? partial.fr ?? base,
  };
}

/** Builds Texts by calling `make` once per language. */
export function textsFrom(make: (lang: Language) => string): Texts {
  return { es: make("es"), en: make("en"), pt: make("pt"), fr: make("fr"), ht: make("ht") };
}

/** Formats a YYYY-MM-DD date as people write it in `lang` (Haitian Creole included, see `locale-format.ts`). */
export function formatDate(isoDate: string, lang: Language): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  if (y === undefined || m === undefined || d === undefined) return isoDate;
  return dateFormat(lang, { dateStyle: "long", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
}

const htJoin = { or: "oswa", and: "ak" } as const;

/** Joins items as a readable "a, b or c" (or "and") list in `lang`. */
export function joinList(items: string[], lang: Language, kind: "or" | "and"): string {
  if (lang !== "ht") {
    const type = kind === "or" ? "disjunction" : "conjunction";
    return new Intl.ListFormat(lang, { style: "long", type }).format(items);
  }
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${htJoin[kind]} ${items[items.length - 1]}`;
}
