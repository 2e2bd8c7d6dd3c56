// One vocabulary of specific needs for every capability: the registry records them on a person, pathways
// screen and decide on them, placement reports its outcome model by them. The codes follow the specific-needs
// categories of UNHCR's registration practice (proGres) as the regional declaration's partners use them; codes
// written by earlier versions of the project are read through `LEGACY_SPECIFIC_NEEDS`.

/** The codes, in the order forms list them. */
export const SPECIFIC_NEEDS = [
  "unaccompanied_child",
  "separated_child",
  "child_at_risk",
  "woman_at_risk",
  "single_parent",
  "older_person_at_risk",
  "serious_medical_condition",
  "disability",
  "survivor_of_violence_or_torture",
  "victim_of_trafficking",
  "lgbtiq_at_risk",
  "legal_protection_need",
  "other",
] as const;
export type SpecificNeed = (typeof SPECIFIC_NEEDS)[number];

/** Codes earlier versions wrote (the registry's vulnerabilities, pathways' categories), and what they mean now. */
export const LEGACY_SPECIFIC_NEEDS: Readonly<Record<string, SpecificNeed>> = {
  medical: "serious_medical_condition",
  medical_need: "serious_medical_condition",
  survivor_of_violence: "survivor_of_violence_or_torture",
  trafficking_victim: "victim_of_trafficking",
  older_person: "older_person_at_risk",
  lgbtqi: "lgbtiq_at_risk",
};

const CODES: ReadonlySet<string> = new Set(SPECIFIC_NEEDS);

/**
 * Needs a receiving place must be able to serve: a placement run from applications sends them as the case's
 * needs, so a household goes only to a place that lists the code among its `services` (PLACES.csv). The other
 * codes stay on the registry record and in reports but do not limit where a household may go. This is the
 * platform's default, to be reviewed with each nation's reception services.
 */
export const PLACE_SERVICE_NEEDS: ReadonlySet<SpecificNeed> = new Set<SpecificNeed>([
  "unaccompanied_child",
  "separated_child",
  "serious_medical_condition",
  "disability",
  "survivor_of_violence_or_torture",
  "victim_of_trafficking",
]);

/** True when the text is a code of the vocabulary. */
export function isSpecificNeed(code: string): code is SpecificNeed {
  return CODES.has(code);
}

/** The vocabulary's code for a current or legacy code; undefined for a text the vocabulary does not know. */
export function specificNeedOf(code: string): SpecificNeed | undefined {
  if (isSpecificNeed(code)) return code;
  return Object.hasOwn(LEGACY_SPECIFIC_NEEDS, code) ? LEGACY_SPECIFIC_NEEDS[code] : undefined;
}

/** Labels in the five languages of the framework, in the order es, en, pt, fr, ht. */
export const SPECIFIC_NEED_LABELS: Readonly<
  Record<SpecificNeed, readonly [string, string, string, string, string]>
> = {
  unaccompanied_child: [
    "niño, niña o adolescente no acompañado",
    "unaccompanied child",
    "criança ou adolescente desacompanhado",
    "enfant non accompagné",
    "timoun ki pa akonpaye",
  ],
  separated_child: [
    "niño, niña o adolescente separado",
    "separated child",
    "criança ou adolescente separado",
    "enfant séparé",
    "timoun ki separe ak fanmi l",
  ],
  child_at_risk: [
    "niño, niña o adolescente en riesgo",
    "child or adolescent at risk",
    "criança ou adolescente em risco",
    "enfant ou adolescent en danger",
    "timoun oswa jèn ki an danje",
  ],
  woman_at_risk: [
    "mujer en riesgo",
    "woman at risk",
    "mulher em risco",
    "femme en danger",
    "fanm ki an danje",
  ],
  single_parent: [
    "madre o padre solo",
    "single parent",
    "mãe ou pai solo",
    "parent isolé",
    "paran ki poukont li",
  ],
  older_person_at_risk: [
    "persona mayor en riesgo",
    "older person at risk",
    "pessoa idosa em risco",
    "personne âgée en danger",
    "granmoun ki an danje",
  ],
  serious_medical_condition: [
    "condición médica grave",
    "serious medical condition",
    "condição médica grave",
    "problème médical grave",
    "pwoblèm sante grav",
  ],
  disability: ["discapacidad", "disability", "deficiência", "handicap", "andikap"],
  survivor_of_violence_or_torture: [
    "sobreviviente de violencia o tortura",
    "survivor of violence or torture",
    "sobrevivente de violência ou tortura",
    "survivant(e) de violence ou de torture",
    "moun ki chape anba vyolans oswa tòti",
  ],
  victim_of_trafficking: [
    "víctima de trata de personas",
    "victim of trafficking",
    "vítima de tráfico de pessoas",
    "victime de la traite",
    "viktim trafik moun",
  ],
  lgbtiq_at_risk: [
    "persona LGBTIQ+ en riesgo",
    "LGBTIQ+ person at risk",
    "pessoa LGBTIQ+ em risco",
    "personne LGBTIQ+ en danger",
    "moun LGBTIQ+ ki an danje",
  ],
  legal_protection_need: [
    "necesidad de protección legal o física",
    "legal or physical protection need",
    "necessidade de proteção legal ou física",
    "besoin de protection juridique ou physique",
    "bezwen pwoteksyon legal oswa fizik",
  ],
  other: [
    "otra necesidad específica",
    "other specific need",
    "outra necessidade específica",
    "autre besoin spécifique",
    "lòt bezwen espesifik",
  ],
};
