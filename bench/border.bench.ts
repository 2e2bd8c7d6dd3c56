// Border benchmark: pure assessments per second on one core, against JSON.parse of the same encounter
// (the cheapest thing any assessment must at least do) measured in the same run.
// Only the pure part is measured here; the bulk import of encounters needs the border store.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { AssessmentChecks } from "../src/border/border.contract.ts";
import { assessDisposition } from "../src/border/engine/assess-disposition.ts";
import { parseEncounter, parsePolicyPack } from "../src/border/engine/parse-input.ts";

const packPath = fileURLToPath(new URL("../packs/border/us-2020-2025.json", import.meta.url));
const packResult = parsePolicyPack(readFileSync(packPath, "utf8"));
if (!packResult.ok) throw new Error(`pack invalid: ${JSON.stringify(packResult.problems)}`);
const pack = packResult.value;

const citizenships = ["MEX", "GTM", "HND", "SLV", "VEN", "CUB", "HTI", "NIC", "COL", "BRA"];
const demographics = ["single_adult", "family_unit", "accompanied_minor", "unaccompanied_minor"];
const statuses = ["verified", "not_found", "pending"] as const;

/** A deterministic spread of encounters across 2020–2023, both sides of every boundary. */
function sampleTexts(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const day = new Date(Date.UTC(2020, 2, 1) + ((i * 7919) % 1250) * 86_400_000).toISOString().slice(0, 10);
    return JSON.stringify({
      date: i % 5 === 0 ? `${day}T12:00:00-05:00` : day,
      citizenship: citizenships[i % citizenships.length],
      demographic: demographics[(i >> 2) % demographics.length],
      border: "US-southwest",
      fearClaim: i % 11 === 0,
      medicalEmergency: i % 37 === 0,
      traffickingIndicators: i % 53 === 0 ? ["controlled documents"] : [],
      priorResidences: i % 3 === 0 ? [{ country: "COL", from: "2018-01-01", to: "2021-06-30" }] : [],
    });
  });
}

function timeLoop(label: string, rounds: number, body: (i: number) => unknown): number {
  let sink = 0;
  for (let i = 0; i < Math.min(rounds, 20_000); i++) sink += body(i) ? 1 : 0; // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) sink += body(i) ? 1 : 0;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const rate = rounds / seconds;
  console.log(
    `${label.padEnd(44)} ${rounds.toLocaleString("en")} in ${seconds.toFixed(3)} s = ${Math.round(rate).toLocaleString("en")}/s (sink ${sink})`,
  );
  return rate;
}

const rounds = Number(process.env.BORDER_BENCH_ROUNDS ?? 200_000);
const texts = sampleTexts(4096);
const parsed = texts.map((text) => {
  const result = parseEncounter(text);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
});
const checks: AssessmentChecks[] = statuses.map((s) => ({ priorResidence: { COL: s } }));
const mask = texts.length - 1;

console.log(
  `border bench: ${rounds.toLocaleString("en")} rounds over ${texts.length} distinct encounters, node ${process.version}`,
);
const anchor = timeLoop("anchor: JSON.parse(encounter)", rounds, (i) => JSON.parse(texts[i & mask]!));
const pure = timeLoop("assessDisposition (validated encounter)", rounds, (i) =>
  assessDisposition(parsed[i & mask]!, pack, checks[i % 3]),
);
const full = timeLoop("parseEncounter + assessDisposition", rounds, (i) => {
  const result = parseEncounter(texts[i & mask]!);
  return result.ok && assessDisposition(result.value, pack, checks[i % 3]);
});

console.log("");
console.log(
  `pure assessments/s: ${Math.round(pure).toLocaleString("en")} (target >= 50,000/s: ${pure >= 50_000 ? "met" : "NOT met"})`,
);
console.log(
  `ratio pure assessment / JSON.parse anchor: ${(pure / anchor).toFixed(3)} (anchor ${Math.round(anchor).toLocaleString("en")}/s)`,
);
console.log(`ratio validate+assess / JSON.parse anchor: ${(full / anchor).toFixed(3)}`);

const importRows = Number(process.env.BORDER_BENCH_IMPORT_ROWS ?? 0);
if (importRows > 0) {
  const { runImportBench } = await import("./border-import.bench-part.ts");
  await runImportBench(importRows, process.env.BORDER_BENCH_DATABASE_URL);
} else {
  console.log(
    "bulk import: skipped (set BORDER_BENCH_IMPORT_ROWS=1000000, optionally BORDER_BENCH_DATABASE_URL)",
  );
}
