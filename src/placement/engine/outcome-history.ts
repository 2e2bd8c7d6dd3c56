import { csvCell } from "../../shared/csv-write.ts";
import { seededRandom } from "../../shared/seeded-random.ts";

/** The features a past or new case brings to the outcome model; absent numbers are `undefined`. */
export interface CaseFeatures {
  id: string;
  size: number | undefined;
  languages: string[];
  needs: string[];
  /** Years of schooling of the principal applicant. */
  education: number | undefined;
  /** Years of work experience of the principal applicant. */
  workExperience: number | undefined;
  /**
   * Specific-needs codes of the family, in the vulnerability vocabulary of pathways (`woman_at_risk`,
   * `child_at_risk`, `medical_need`, …; docs/pathways-rules.md). Reported on, never a model feature.
   */
  specificNeeds: string[];
  /** Nationality (ISO 3166 alpha-3) of the principal applicant; reported on, never a model feature. */
  nationality: string;
}

/** One past case: its features, the locality it went to and its 0/1 outcome (e.g. employed at 90 days). */
export interface OutcomeRecord extends CaseFeatures {
  locality: string;
  outcome: 0 | 1;
  /** 1-based line in the history file (0 when generated). */
  line: number;
}

/** Shape of a generated history: past cases, new cases to score and one place per locality. */
export interface HistorySpec {
  history: number;
  newCases: number;
  localities: number;
  seed: number;
  /** Multiplies every true effect; 0 makes the outcome independent of features and locality. */
  signal?: number;
}

/** A generated history with the true probability of the outcome for any case and locality. */
export interface GeneratedHistory {
  records: OutcomeRecord[];
  cases: CaseFeatures[];
  localities: string[];
  nations: string[];
  trueProbability: (features: CaseFeatures, locality: number) => number;
}

const LANGUAGES = ["es", "en", "fr", "pt", "ar", "ht"];
const LANGUAGE_SHARE = [0.55, 0.3, 0.12, 0.1, 0.12, 0.06];
const NATIONS = ["USA", "CAN", "MEX", "BRA", "CHL", "COL", "CRI", "PAN"];
// Specific needs drawn for generated families (codes of the pathways vocabulary) and how common each is;
// `medical_need` follows the `medical` service need instead.
const SPECIFIC_NEEDS: [string, number][] = [
  ["woman_at_risk", 0.1],
  ["child_at_risk", 0.06],
  ["survivor_of_violence", 0.08],
  ["disability", 0.05],
  ["older_person", 0.06],
];
/** Nationalities by the language that suggests them (Haitian Creole, Arabic, Spanish speakers, others). */
const NATIONALITIES: Record<string, string[]> = {
  ht: ["HTI"],
  ar: ["SYR", "AFG"],
  es: ["VEN", "COL", "NIC", "CUB"],
  other: ["VEN", "HTI", "AFG"],
};

interface LocalityEffects {
  base: number;
  language: number[];
  medical: number;
  size: number;
  education: number;
  work: number;
}

function drawEffects(random: () => number, signal: number): LocalityEffects {
  const spoken = Math.floor(random() * 3);
  return {
    base: signal * (random() - 0.6),
    // Each locality rewards one of the three most common languages strongly, the others a little.
    language: LANGUAGES.map((_, l) => signal * (l === spoken ? 1.6 : 0.3 * (random() - 0.5))),
    medical: signal * (-1.2 * random()),
    size: signal * (-0.25 * random()),
    education: signal * 0.12 * random(),
    work: signal * 0.08 * random(),
  };
}

function logit(effects: LocalityEffects, c: CaseFeatures): number {
  let z = effects.base;
  LANGUAGES.forEach((language, l) => {
    if (c.languages.includes(language)) z += effects.language[l]!;
  });
  if (c.needs.includes("medical")) z += effects.medical;
  z += effects.size * ((c.size ?? 3) - 3);
  z += effects.education * ((c.education ?? 8) - 8);
  z += effects.work * ((c.workExperience ?? 5) - 5);
  return z;
}

function drawCase(random: () => number, id: string, profile: () => number): CaseFeatures {
  const languages = LANGUAGES.filter((_, l) => random() < LANGUAGE_SHARE[l]!);
  if (languages.length === 0) languages.push(LANGUAGES[Math.floor(random() * 2)]!);
  const drawn = {
    id,
    size: 1 + Math.min(7, Math.floor(-Math.log(1 - random()) * 2.2)),
    languages,
    needs: random() < 0.15 ? ["medical"] : [],
    education: Math.floor(random() * 17),
    workExperience: Math.floor(random() * 21),
  };
  // Specific needs and nationality come from a stream of their own, so the features above (and every
  // figure measured on them) are what they were before these were generated.
  const specificNeeds = SPECIFIC_NEEDS.filter(([, share]) => profile() < share).map(([code]) => code);
  if (drawn.needs.includes("medical")) specificNeeds.push("medical_need");
  const key = ["ht", "ar", "es"].find((l) => languages.includes(l)) ?? "other";
  const choices = NATIONALITIES[key]!;
  const nationality = choices[Math.floor(profile() * choices.length)]!;
  return { ...drawn, specificNeeds: specificNeeds.sort(), nationality };
}

/**
 * Generates past outcomes with a known signal: each locality rewards some languages, penalises medical
 * needs and large families to its own degree, and values schooling and work experience. Synthetic only:
 * no real outcome data ships with the project.
 */
export function generateHistory(spec: HistorySpec): GeneratedHistory {
  const random = seededRandom(spec.seed);
  const profile = seededRandom(spec.seed * 7919 + 17);
  const signal = spec.signal ?? 1;
  const localities = Array.from({ length: spec.localities }, (_, l) => `L${String(l + 1).padStart(3, "0")}`);
  const effects = localities.map(() => drawEffects(random, signal));
  const trueProbability = (c: CaseFeatures, l: number) => 1 / (1 + Math.exp(-logit(effects[l]!, c)));
  const records: OutcomeRecord[] = Array.from({ length: spec.history }, (_, i) => {
    const c = drawCase(random, `H${String(i + 1).padStart(6, "0")}`, profile);
    const l = Math.floor(random() * spec.localities);
    const outcome = random() < trueProbability(c, l) ? 1 : 0;
    return { ...c, locality: localities[l]!, outcome, line: 0 };
  });
  const cases = Array.from({ length: spec.newCases }, (_, i) =>
    drawCase(random, `N${String(i + 1).padStart(6, "0")}`, profile),
  );
  const nations = localities.map((_, l) => NATIONS[l % NATIONS.length]!);
  return { records, cases, localities, nations, trueProbability };
}

const numberCell = (x: number | undefined) => (x === undefined ? "" : String(x));

/**
 * HISTORY.csv text: case_id,size,languages,needs,education,work_experience,locality,outcome, then the
 * reporting columns specific_needs,nationality.
 */
export function formatHistoryCsv(records: OutcomeRecord[]): string {
  const lines = records.map((r) =>
    [
      csvCell(r.id),
      numberCell(r.size),
      r.languages.join(";"),
      r.needs.join(";"),
      numberCell(r.education),
      numberCell(r.workExperience),
      csvCell(r.locality),
      String(r.outcome),
      r.specificNeeds.join(";"),
      csvCell(r.nationality),
    ].join(","),
  );
  const header =
    "case_id,size,languages,needs,education,work_experience,locality,outcome,specific_needs,nationality";
  return `${header}\n${lines.join("\n")}\n`;
}

/** CASES.csv text for new cases, with the feature columns `placement train` reads. */
export function formatFeatureCasesCsv(cases: CaseFeatures[]): string {
  const lines = cases.map((c) =>
    [
      csvCell(c.id),
      numberCell(c.size ?? 1),
      c.languages.join(";"),
      c.needs.join(";"),
      numberCell(c.education),
      numberCell(c.workExperience),
      c.specificNeeds.join(";"),
      csvCell(c.nationality),
    ].join(","),
  );
  return `case_id,size,languages,needs,education,work_experience,specific_needs,nationality\n${lines.join("\n")}\n`;
}

/** PLACES.csv text: one place per locality, capacities splitting `persons` roughly evenly. */
export function formatLocalityPlacesCsv(generated: GeneratedHistory, persons: number): string {
  const count = generated.localities.length;
  const lines = generated.localities.map((locality, l) => {
    const capacity = Math.ceil((persons * 1.1) / count);
    return `P${locality.slice(1)},${generated.nations[l]},${capacity},,${locality},medical`;
  });
  return `place_id,nation,capacity_persons,capacity_cases,locality,services\n${lines.join("\n")}\n`;
}
