// Eligibility screening speed for the whole example catalogue, against an anchor measured in the same run:
// JSON.parse(JSON.stringify(answers)) of the same answer sets (about the least work any request does).
// The server part (portal submissions end to end, concurrent booking) is in bench/pathways-server.ts.
import { readFileSync } from "node:fs";
import { prepareAnswers } from "../src/pathways/engine/answers.ts";
import { parseCatalog } from "../src/pathways/engine/catalog.ts";
import { languages } from "../src/pathways/engine/language.ts";
import { compileCatalog, screenCatalog } from "../src/pathways/engine/screening.ts";
import { seededRandom } from "../src/shared/seeded-random.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 2);
const parsed = parseCatalog(JSON.parse(readFileSync("packs/pathways/examples.json", "utf8")));
if (!parsed.ok) throw new Error("packs/pathways/examples.json is invalid");
const compiled = compileCatalog(parsed.catalog);

const next = seededRandom(42);
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
const maybe = <T>(value: T): T | undefined => (next() < 0.8 ? value : undefined);
const day = () =>
  `${2000 + Math.floor(next() * 24)}-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}`;

// Applicants with a realistic spread: most questions answered, some left open (so `maybe` paths run too).
const applicants = Array.from({ length: 1000 }, () => ({
  nationality: maybe(pick(["VEN", "CUB", "HTI", "NIC", "COL", "MEX", "GTM", "HND"])),
  current_country: maybe(pick(["COL", "USA", "PER", "CAN", "MEX"])),
  arrival_date: maybe(day()),
  date_of_birth: maybe(`19${50 + Math.floor(next() * 49)}-05-17`),
  exclusions: maybe(next() < 0.05 ? ["serious_crime"] : ["none"]),
  sponsor_in_USA: maybe(next() < 0.4),
  has_valid_passport: maybe(next() < 0.7),
  status_elsewhere: maybe(next() < 0.1 ? ["permanent_residence"] : ["none"]),
  "irregular_entry_MEX_PAN_USA_after_2022-10-19": maybe(next() < 0.2),
  "irregular_entry_MEX_PAN_USA_after_2023-01-09": maybe(next() < 0.2),
  approved_family_petition: maybe(next() < 0.3),
  family_petition_category: maybe(pick(["F1", "F2A", "F4", "immediate_relative"])),
  frp_invitation: maybe(next() < 0.3),
  "continuous_presence_USA_since_2023-10-03": maybe(next() < 0.5),
  regular_permit_COL: maybe(next() < 0.3),
  entered_COL_regularly: maybe(next() < 0.5),
  recognised_refugee: maybe(next() < 0.3),
  vulnerabilities: maybe([pick(["medical_need", "woman_at_risk", "none"])]),
  family_in_CAN: maybe(["none"]),
}));

/** Runs `work` over the applicants for about `seconds` and returns operations per second. */
function measure(work: (applicant: (typeof applicants)[number], index: number) => unknown): number {
  let sink = 0;
  for (let i = 0; i < 2000; i++) sink += work(applicants[i % applicants.length]!, i) ? 1 : 0; // warm-up
  let ops = 0;
  const start = performance.now();
  const until = start + seconds * 1000;
  while (performance.now() < until) {
    for (let i = 0; i < 1000; i++) sink += work(applicants[i]!, i) ? 1 : 0;
    ops += 1000;
  }
  if (sink < 0) console.log(sink);
  return ops / ((performance.now() - start) / 1000);
}

const prepared = applicants.map((a) => prepareAnswers(a, compiled.questions).answers);
const on = "2024-06-01";
const pathways = compiled.pathways.length;

const anchor = measure((a) => JSON.parse(JSON.stringify(a)));
const full = measure((a, i) => {
  const lang = languages[i % languages.length] ?? "en";
  return screenCatalog(compiled, prepareAnswers(a, compiled.questions).answers, { on, lang });
});
const engineOnly = measure((_a, i) =>
  screenCatalog(compiled, prepared[i % prepared.length]!, { on, lang: "en" }),
);

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
console.log(
  `pathways benchmark — example catalogue: ${pathways} pathways, ${compiled.questions.length} questions`,
);
console.log(`anchor   JSON.parse(JSON.stringify(answers))           ${fmt(anchor)} /s`);
console.log(
  `screen   whole catalogue, answers checked + screened   ${fmt(full)} /s  (${fmt(full * pathways)} pathway evaluations/s)`,
);
console.log(
  `screen   whole catalogue, answers already prepared    ${fmt(engineOnly)} /s  (${fmt(engineOnly * pathways)} pathway evaluations/s)`,
);
console.log(
  `ratio    full screening / anchor = ${(full / anchor).toFixed(2)}   (target: ≥ 100,000 catalogue screenings/s on one core)`,
);
console.log(`target   ${full >= 100_000 ? "met" : "NOT met"} (${fmt(full)} /s)`);
const { benchPortalServer } = await import("./pathways-server.ts");
await benchPortalServer();
