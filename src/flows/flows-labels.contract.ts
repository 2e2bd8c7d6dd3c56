/**
 * Readable labels for the values official statistics carry raw (CBP's `FMUA`, `UC / Single Minors`,
 * `Title 42`, citizenship labels such as `VENEZUELA`), with their definitions, in one place the API, the CLI and
 * the web share. Definitions paraphrase CBP's "Nationwide Encounters" page (definitions section); the wording
 * is ours and is to be verified against CBP's current text before it is quoted.
 */
export type LabelLanguage = "en" | "es";

export interface ValueLabel {
  label: Record<LabelLanguage, string>;
  definition: Record<LabelLanguage, string>;
}

/** Raw value → readable label and definition, per dimension. */
export const valueLabels: Record<string, Record<string, ValueLabel>> = {
  demographic: {
    "Single Adults": {
      label: { en: "Single adults", es: "Adultos solos" },
      definition: {
        en: "People 18 or older encountered without a family member.",
        es: "Personas de 18 años o más encontradas sin un familiar.",
      },
    },
    FMUA: {
      label: { en: "Family units", es: "Unidades familiares" },
      definition: {
        en: "Family unit aliens: each person (a child under 18, or the parent or legal guardian) encountered with a family member.",
        es: "Cada persona (menor de 18 años, o su padre, madre o tutor legal) encontrada con un familiar.",
      },
    },
    "UC / Single Minors": {
      label: { en: "Unaccompanied children", es: "Niños no acompañados" },
      definition: {
        en: "Children under 18 encountered without a parent or legal guardian (UC: Border Patrol; single minors: ports of entry).",
        es: "Menores de 18 años encontrados sin padre, madre ni tutor legal (UC: Patrulla Fronteriza; menores solos: puertos de entrada).",
      },
    },
    "Accompanied Minors": {
      label: { en: "Accompanied minors", es: "Menores acompañados" },
      definition: {
        en: "Children under 18 encountered at a port of entry with a parent or legal guardian.",
        es: "Menores de 18 años encontrados en un puerto de entrada con su padre, madre o tutor legal.",
      },
    },
  },
  title_of_authority: {
    "Title 8": {
      label: { en: "Title 8 (immigration law)", es: "Título 8 (ley de inmigración)" },
      definition: {
        en: "Processed under U.S. immigration law: apprehensions between ports of entry and inadmissibles at ports.",
        es: "Tramitados conforme a la ley de inmigración de EE. UU.: aprehensiones entre puertos e inadmisibles en puertos.",
      },
    },
    "Title 42": {
      label: { en: "Title 42 (public-health expulsions)", es: "Título 42 (expulsiones sanitarias)" },
      definition: {
        en: "Expelled under the CDC public-health order, in force from 21 March 2020 to 11 May 2023.",
        es: "Expulsados conforme a la orden sanitaria de los CDC, vigente del 21 de marzo de 2020 al 11 de mayo de 2023.",
      },
    },
  },
  encounter_type: {
    Apprehensions: {
      label: { en: "Apprehensions", es: "Aprehensiones" },
      definition: {
        en: "Border Patrol's Title 8 encounters between ports of entry.",
        es: "Encuentros de la Patrulla Fronteriza bajo el Título 8 entre puertos de entrada.",
      },
    },
    Inadmissibles: {
      label: { en: "Inadmissibles", es: "Inadmisibles" },
      definition: {
        en: "People found inadmissible at a port of entry (Office of Field Operations, Title 8).",
        es: "Personas declaradas inadmisibles en un puerto de entrada (Oficina de Operaciones de Campo, Título 8).",
      },
    },
    Expulsions: {
      label: { en: "Expulsions", es: "Expulsiones" },
      definition: {
        en: "Title 42 expulsions to Mexico or the country of origin.",
        es: "Expulsiones bajo el Título 42 a México o al país de origen.",
      },
    },
  },
  component: {
    "U.S. Border Patrol": {
      label: { en: "Border Patrol (between ports)", es: "Patrulla Fronteriza (entre puertos)" },
      definition: {
        en: "U.S. Border Patrol encounters between ports of entry.",
        es: "Encuentros de la Patrulla Fronteriza entre puertos de entrada.",
      },
    },
    "Office of Field Operations": {
      label: { en: "Field Operations (ports of entry)", es: "Operaciones de Campo (puertos de entrada)" },
      definition: {
        en: "CBP Office of Field Operations encounters at ports of entry.",
        es: "Encuentros de la Oficina de Operaciones de Campo de la CBP en los puertos de entrada.",
      },
    },
  },
};

/** The readable label of a raw value in a language, or the raw value when none is known. */
export function valueLabel(dimension: string, value: string, language: string): string {
  const entry = valueLabels[dimension]?.[value];
  return entry ? entry.label[language === "es" ? "es" : "en"] : value;
}

/** The definition of a raw value in a language, when one is known. */
export function valueDefinition(dimension: string, value: string, language: string): string | undefined {
  return valueLabels[dimension]?.[value]?.definition[language === "es" ? "es" : "en"];
}

/**
 * ISO 3166 alpha-3 → alpha-2 for every country the statistics name, so a country's name can be given in the
 * reader's language (alpha-2 is what `Intl.DisplayNames` takes).
 */
export const iso3ToIso2: Record<string, string> = {
  AFG: "AF",
  AGO: "AO",
  ARG: "AR",
  ATG: "AG",
  BGD: "BD",
  BHS: "BS",
  BLZ: "BZ",
  BOL: "BO",
  BRA: "BR",
  BRB: "BB",
  CAN: "CA",
  CHL: "CL",
  CHN: "CN",
  CMR: "CM",
  COD: "CD",
  COL: "CO",
  CRI: "CR",
  CUB: "CU",
  DMA: "DM",
  DOM: "DO",
  ECU: "EC",
  EGY: "EG",
  ERI: "ER",
  ESP: "ES",
  ETH: "ET",
  GHA: "GH",
  GIN: "GN",
  GRD: "GD",
  GTM: "GT",
  GUY: "GY",
  HND: "HN",
  HTI: "HT",
  IND: "IN",
  IRN: "IR",
  JAM: "JM",
  KNA: "KN",
  LCA: "LC",
  MEX: "MX",
  MMR: "MM",
  MRT: "MR",
  NGA: "NG",
  NIC: "NI",
  NPL: "NP",
  PAK: "PK",
  PAN: "PA",
  PER: "PE",
  PHL: "PH",
  PRY: "PY",
  ROU: "RO",
  RUS: "RU",
  SEN: "SN",
  SLV: "SV",
  SOM: "SO",
  SUR: "SR",
  SYR: "SY",
  TTO: "TT",
  TUR: "TR",
  UKR: "UA",
  URY: "UY",
  USA: "US",
  UZB: "UZ",
  VCT: "VC",
  VEN: "VE",
  VNM: "VN",
};

/** "Venezuela (VEN)" in the reader's language; the code alone when the country is not known. */
export function countryLabel(iso3: string, language: string): string {
  const alpha2 = iso3ToIso2[iso3];
  if (!alpha2) return iso3;
  try {
    const name = new Intl.DisplayNames([language, "en"], { type: "region" }).of(alpha2);
    return name && name !== alpha2 ? `${name} (${iso3})` : iso3;
  } catch {
    return iso3;
  }
}
