// Registry benchmark: bulk import of generated people (encrypted fields, blind indexes, regional CLKs) into a
// fresh embedded database, against sealing the same people in memory only (the anchor, measured in the same
// run), then search latency on the imported registry.
//   node --import tsx bench/registry.bench.ts            (100,000 people)
//   REGISTRY_BENCH_N=20000 node --import tsx bench/registry.bench.ts
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { generatePeople } from "../src/identity/generator.ts";
import { builtInNamePools } from "../src/identity/generator-names.ts";
import { seededRandom } from "../src/identity/random.ts";
import { systemScope } from "../src/platform/auth/scope.ts";
import { keyringFrom, newKeyFile } from "../src/platform/crypto/keyring.ts";
import { createPeopleService } from "../src/registry/people.service.ts";
import { regionalClkKeys, sealPerson } from "../src/registry/person-seal.service.ts";
import { readRegistryCsv } from "../src/registry/registry-csv.ts";
import { runImport, withRegistry } from "../src/registry/registry-run.cli.ts";

const n = Number(process.env.REGISTRY_BENCH_N ?? 100_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "registry-bench-"));
process.env.HEMISPHERE_DATA_DIR = path.join(dir, "data");
process.env.HEMISPHERE_KEYS = JSON.stringify(newKeyFile("bench"));
delete process.env.DATABASE_URL;

const people = generatePeople(n, seededRandom(7), builtInNamePools());
const columns = [
  "id",
  "given_name",
  "middle_name",
  "surname",
  "second_surname",
  "sex",
  "date_of_birth",
  "nationality",
  "birth_place",
  "document_number",
  "phone",
  "city",
] as const;
const csv = [columns.join(","), ...people.map((p) => columns.map((c) => p[c]).join(","))].join("\n");
const file = path.join(dir, "people.csv");
fs.writeFileSync(file, csv);

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);

// Anchor: parse and seal every person in memory, no database.
const keys = { keyring: keyringFrom(JSON.parse(process.env.HEMISPHERE_KEYS)), clkKeys: new Map() };
keys.clkKeys = regionalClkKeys(keys.keyring);
let t0 = performance.now();
const parsed = readRegistryCsv(csv, "id", new Map());
for (const p of parsed.people) sealPerson(keys, p.person, p.externalId);
const sealSeconds = (performance.now() - t0) / 1000;

const originalWrite = process.stdout.write.bind(process.stdout);
t0 = performance.now();
await runImport(file, { nation: "MEX", id: "id", map: "" });
const importSeconds = (performance.now() - t0) / 1000;

const latencies: number[] = [];
await withRegistry(async (platform, k) => {
  const service = createPeopleService(platform, k);
  const scope = { ...systemScope("MEX", "bench", ["caseworker"]), reach: "nation" as const };
  for (let i = 0; i < 50; i++) {
    const p = people[(i * 7919) % people.length]!;
    const started = performance.now();
    await service.search(scope, { given: p.given_name, surname: p.surname, dob: p.date_of_birth });
    latencies.push(performance.now() - started);
  }
});
clearInterval(sampler);
latencies.sort((a, b) => a - b);
const q = (share: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(share * latencies.length))]!.toFixed(1);
originalWrite(
  [
    `people: ${n.toLocaleString("en-US")}`,
    `seal only (anchor): ${(n / sealSeconds).toFixed(0)} rows/s (${sealSeconds.toFixed(1)} s)`,
    `import into PGlite: ${(n / importSeconds).toFixed(0)} rows/s (${importSeconds.toFixed(1)} s), ratio to anchor ${(sealSeconds / importSeconds).toFixed(2)}`,
    `peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MiB`,
    `search latency over 50 searches: median ${q(0.5)} ms, p95 ${q(0.95)} ms`,
    "",
  ].join("\n"),
);
fs.rmSync(dir, { recursive: true, force: true });
