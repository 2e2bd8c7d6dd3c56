import { countryName } from "./country-names.ts";
import { joinList, type Language } from "./language.ts";

// Labels for the closed vocabularies rules use (family relations, vulnerability categories, exclusion
// grounds, job sectors). A catalogue may use other codes; they are shown as words ("some_code" → "some code").
// Order of each tuple: es, en, pt, fr, ht.
type Label = [string, string, string, string, string];

const labels: Record<string, Label> = {
  // family relations
  spouse: ["cónyuge", "spouse", "cônjuge", "conjoint(e)", "mari/madanm"],
  partner: ["pareja", "partner", "companheiro(a)", "partenaire", "konpay"],
  child: ["hijo/a", "child", "filho/a", "enfant", "pitit"],
  parent: ["padre/madre", "parent", "pai/mãe", "père/mère", "papa/manman"],
  sibling: ["hermano/a", "brother/sister", "irmão/irmã", "frère/sœur", "frè/sè"],
  grandparent: ["abuelo/a", "grandparent", "avô/avó", "grand-parent", "granpapa/grann"],
  grandchild: ["nieto/a", "grandchild", "neto/a", "petit-enfant", "pitit pitit"],
  // vulnerability categories
  survivor_of_violence: [
    "sobreviviente de violencia o tortura",
    "survivor of violence or torture",
    "sobrevivente de violência ou tortura",
    "survivant(e) de violence ou de torture",
    "moun ki chape anba vyolans oswa tòti",
  ],
  woman_at_risk: [
    "mujer en riesgo",
    "woman at risk",
    "mulher em risco",
    "femme en danger",
    "fanm ki an danje",
  ],
  child_at_risk: [
    "niño, niña o adolescente en riesgo",
    "child or adolescent at risk",
    "criança ou adolescente em risco",
    "enfant ou adolescent en danger",
    "timoun oswa jèn ki an danje",
  ],
  medical_need: [
    "necesidad médica grave",
    "serious medical need",
    "necessidade médica grave",
    "besoin médical grave",
    "gwo bezwen swen medikal",
  ],
  disability: ["discapacidad", "disability", "deficiência", "handicap", "andikap"],
  older_person: ["persona mayor", "older person", "pessoa idosa", "personne âgée", "granmoun"],
  lgbtqi: ["persona LGBTQI+", "LGBTQI+ person", "pessoa LGBTQI+", "personne LGBTQI+", "moun LGBTQI+"],
  legal_protection_need: [
    "necesidad de protección legal",
    "legal or physical protection need",
    "necessidade de proteção legal",
    "besoin de protection juridique",
    "bezwen pwoteksyon legal",
  ],
  // exclusion grounds
  serious_crime: [
    "condena por un delito grave",
    "conviction for a serious crime",
    "condenação por crime grave",
    "condamnation pour un crime grave",
    "kondanasyon pou yon krim grav",
  ],
  security_risk: [
    "riesgo para la seguridad",
    "security risk",
    "risco à segurança",
    "risque pour la sécurité",
    "risk pou sekirite",
  ],
  prior_removal: [
    "expulsión o deportación anterior",
    "earlier removal or deportation",
    "expulsão ou deportação anterior",
    "expulsion ou renvoi antérieur",
    "depòtasyon anvan",
  ],
  fraud: [
    "fraude en una solicitud anterior",
    "fraud in an earlier application",
    "fraude em pedido anterior",
    "fraude dans une demande antérieure",
    "fwod nan yon demann anvan",
  ],
  // statuses held in another country
  dual_nationality: [
    "otra nacionalidad",
    "another nationality",
    "outra nacionalidade",
    "une autre nationalité",
    "yon lòt nasyonalite",
  ],
  permanent_residence: [
    "residencia permanente",
    "permanent residence",
    "residência permanente",
    "résidence permanente",
    "rezidans pèmanan",
  ],
  refugee_status: [
    "estatuto de refugiado",
    "refugee status",
    "status de refugiado",
    "statut de réfugié",
    "estati refijye",
  ],
  // job sectors
  agriculture: ["agricultura", "agriculture", "agricultura", "agriculture", "agrikilti"],
  construction: ["construcción", "construction", "construção", "construction", "konstriksyon"],
  hospitality: ["hostelería y turismo", "hospitality", "hotelaria e turismo", "hôtellerie", "otèl ak touris"],
  care: ["cuidado de personas", "care work", "cuidado de pessoas", "soins aux personnes", "swen moun"],
  fishing: ["pesca", "fishing", "pesca", "pêche", "lapèch"],
  manufacturing: ["industria", "manufacturing", "indústria", "industrie", "faktori"],
  other: ["otro", "other", "outro", "autre", "lòt"],
  none: ["ninguno", "none", "nenhum", "aucun", "okenn"],
};

const order: Language[] = ["es", "en", "pt", "fr", "ht"];

/** The label of a vocabulary code in `lang`; an unknown code is shown as words. */
export function labelOf(code: string, lang: Language): string {
  const label = labels[code];
  if (!label) return code.replaceAll("_", " ");
  return label[order.indexOf(lang)] ?? code;
}

/** A readable list of vocabulary labels ("a, b or c"). */
export function labelList(codes: string[], lang: Language, kind: "or" | "and" = "or"): string {
  return joinList(
    codes.map((c) => labelOf(c, lang)),
    lang,
    kind,
  );
}

/** A readable list of country names ("Venezuela, Cuba or Haiti"). */
export function countryList(codes: string[], lang: Language, kind: "or" | "and" = "or"): string {
  return joinList(
    codes.map((c) => countryName(c, lang)),
    lang,
    kind,
  );
}
