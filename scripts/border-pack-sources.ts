// Prints the source tables of docs/border-policy-packs.md from the shipped packs:
//   node --import tsx scripts/border-pack-sources.ts
import { readdirSync, readFileSync } from "node:fs";
import { packSourcesTable } from "../src/border/engine/pack-sources-table.ts";
import { parsePolicyPack } from "../src/border/index.ts";

const dir = new URL("../packs/border/", import.meta.url);
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()) {
  const parsed = parsePolicyPack(readFileSync(new URL(file, dir), "utf8"));
  if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.problems)}`);
  process.stdout.write(`${packSourcesTable(parsed.value)}\n`);
}
