import type { Language } from "./language.ts";

// ISO 3166 alpha-3 → [alpha-2, Haitian Creole name, Portuguese and French preposition for "in"]. ICU names countries from alpha-2 codes and has no
// Haitian Creole data, so the countries pathways mention most carry their Creole name here.
const countries: Record<string, [string, string, string, string]> = {
  ARG: ["AR", "Ajantin", "na", "en"],
  BHS: ["BS", "Bahamas", "nas", "aux"],
  BLZ: ["BZ", "Beliz", "em", "au"],
  BOL: ["BO", "Bolivi", "na", "en"],
  BRA: ["BR", "Brezil", "no", "au"],
  CAN: ["CA", "Kanada", "no", "au"],
  CHL: ["CL", "Chili", "no", "au"],
  COL: ["CO", "Kolonbi", "na", "en"],
  CRI: ["CR", "Kosta Rika", "na", "au"],
  CUB: ["CU", "Kiba", "em", "à"],
  DOM: ["DO", "Repiblik Dominikèn", "na", "en"],
  ECU: ["EC", "Ekwatè", "no", "en"],
  SLV: ["SV", "Salvadò", "em", "au"],
  GTM: ["GT", "Gwatemala", "na", "au"],
  GUY: ["GY", "Giyàn", "na", "au"],
  HTI: ["HT", "Ayiti", "no", "en"],
  HND: ["HN", "Ondiras", "em", "au"],
  JAM: ["JM", "Jamayik", "na", "en"],
  MEX: ["MX", "Meksik", "no", "au"],
  NIC: ["NI", "Nikaragwa", "na", "au"],
  PAN: ["PA", "Panama", "no", "au"],
  PRY: ["PY", "Paragwe", "no", "au"],
  PER: ["PE", "Pewou", "no", "au"],
  SUR: ["SR", "Sirinam", "no", "au"],
  TTO: ["TT", "Trinidad ak Tobago", "em", "à"],
  USA: ["US", "Etazini", "nos", "aux"],
  URY: ["UY", "Irigwe", "no", "en"],
  VEN: ["VE", "Venezyela", "na", "au"],
  ESP: ["ES", "Espay", "na", "en"],
  // Caribbean partners of Canada's seasonal agricultural worker programme
  AIA: ["AI", "Angiy", "em", "à"],
  ATG: ["AG", "Antigwa ak Babouda", "em", "à"],
  BRB: ["BB", "Barbad", "em", "à"],
  DMA: ["DM", "Dominik", "na", "à la"],
  GRD: ["GD", "Grenad", "em", "à la"],
  MSR: ["MS", "Monsera", "em", "à"],
  KNA: ["KN", "Sen Kits ak Nevis", "em", "à"],
  LCA: ["LC", "Sent Lisi", "em", "à"],
  VCT: ["VC", "Sen Vensan ak Grenadin", "em", "à"],
  FRA: ["FR", "Lafrans", "na", "en"],
  AFG: ["AF", "Afganistan", "no", "en"],
  UKR: ["UA", "Ikrèn", "na", "en"],
  SYR: ["SY", "Siri", "na", "en"],
  CHN: ["CN", "Lachin", "na", "en"],
  IND: ["IN", "End", "na", "en"],
  SEN: ["SN", "Senegal", "no", "au"],
  CMR: ["CM", "Kamewoun", "em", "au"],
  COD: ["CD", "Kongo (RDK)", "na", "en"],
  ERI: ["ER", "Eritre", "na", "en"],
  SOM: ["SO", "Somali", "na", "en"],
};

const displayNames = new Map<Language, Intl.DisplayNames>();

function regionNames(lang: Language): Intl.DisplayNames {
  let names = displayNames.get(lang);
  if (!names) {
    names = new Intl.DisplayNames([lang], { type: "region", fallback: "code" });
    displayNames.set(lang, names);
  }
  return names;
}

/** The name of a country (ISO alpha-3) in `lang`; the code itself when the country is not known here. */
export function countryName(alpha3: string, lang: Language): string {
  const known = countries[alpha3];
  if (!known) return alpha3;
  if (lang === "ht") return known[1];
  return regionNames(lang).of(known[0]) ?? alpha3;
}

// English names that take "the" after "in".
const englishWithArticle = new Set(["USA", "DOM", "BHS", "COD"]);

/** "in Colombia" in `lang`, with the preposition each language wants for that country. */
export function inCountry(alpha3: string, lang: Language): string {
  const name = countryName(alpha3, lang);
  const known = countries[alpha3];
  switch (lang) {
    case "en":
      return englishWithArticle.has(alpha3) ? `in the ${name}` : `in ${name}`;
    case "es":
      return `en ${name}`;
    case "pt":
      return `${known?.[2] ?? "em"} ${name}`;
    case "fr":
      return `${known?.[3] ?? "en"} ${name}`;
    case "ht":
      return `nan ${name}`;
  }
}
