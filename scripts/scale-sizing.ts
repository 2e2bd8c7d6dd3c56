// Sizing for docs/scale.md: imports generated people through `registry import` into two fresh PostgreSQL
// databases (a small and a larger file), measures what each table and its indexes take, and extrapolates the
// difference (bytes per person, fixed costs cancelled) to 20 nations and 20 million people.
//   node --import tsx scripts/scale-sizing.ts [--small N] [--large N] [--database-url URL]
//   (the URL defaults to SCALE_DATABASE_URL or TEST_DATABASE_URL: a server where databases may be created)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { builtInNamePools } from "../src/identity/engine/generator-names.ts";
import { GENERATED_COLUMNS, generatePeople } from "../src/identity/engine/people-generator.ts";
import { newKeyFile } from "../src/platform/crypto/keyring.ts";
import { readRegistryCsv } from "../src/registry/engine/registry-csv.ts";
import { runImport } from "../src/registry/registry.command.ts";
import { seededRandom } from "../src/shared/seeded-random.ts";

/** The region the design is sized for (issue 19), and how the people may be spread among nations. */
const NATIONS = 20;
const PEOPLE = 20_000_000;
/** The largest nation's share: Colombia alone registered about 2.8 million Venezuelans; 4 million leaves room. */
const LARGEST_NATION = 4_000_000;
/** Each person's later life in the registry (new versions, cases, notes, consents) on top of the import. */
const GROWTH = 3;
/** Each worker (and the coordinator) has one streaming standby for failover. */
const COPIES = 2;
/** Workers in the first distributed deployment. */
const WORKERS = 4;

interface TableSize {
  table: string;
  rows: number;
  heap: number;
  indexes: number;
  toast: number;
}

const GiB = 1024 ** 3;
const gib = (bytes: number) => `${(bytes / GiB).toFixed(1)} GiB`;
const int = (n: number) => Math.round(n).toLocaleString("en-US");

/** Generated people as a file the strict import accepts: planted clerks' slips are left blank. */
function peopleCsv(n: number, seed: number): string {
  const people = generatePeople(n, seededRandom(seed), builtInNamePools());
  const rows = people.map((p) => GENERATED_COLUMNS.map((c) => p[c]));
  const text = () => [GENERATED_COLUMNS.join(","), ...rows.map((r) => r.join(","))].join("\n");
  const today = new Date().toISOString().slice(0, 10);
  for (const problem of readRegistryCsv(text(), "id", new Map(), { today }).problems) {
    const column = GENERATED_COLUMNS.indexOf(problem.field as (typeof GENERATED_COLUMNS)[number]);
    const row = rows[(problem.line ?? 0) - 2];
    if (row && column > 0) row[column] = "";
  }
  return text();
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Imports `n` people into a fresh database on the server and returns every table's size there. */
async function measure(serverUrl: string, n: number, dir: string): Promise<TableSize[]> {
  const name = `hemisphere_sizing_${process.pid}_${n}`;
  await withClient(serverUrl, (c) => c.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    const file = path.join(dir, `people-${n}.csv`);
    fs.writeFileSync(file, peopleCsv(n, 7));
    process.env.DATABASE_URL = url.toString();
    process.env.HEMISPHERE_DATA_DIR = path.join(dir, `data-${n}`);
    await runImport(file, { nation: "MEX", id: "id", map: "" });
    return await withClient(url.toString(), async (c) => {
      await c.query("vacuum analyze");
      const tables = await c.query<{ table: string }>(
        "select relname as table from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r'",
      );
      const sizes: TableSize[] = [];
      for (const { table } of tables.rows) {
        const r = await c.query<{ rows: string; heap: string; indexes: string; total: string }>(
          `select (select count(*) from ${table}) as rows, pg_relation_size('${table}') as heap,
                  pg_indexes_size('${table}') as indexes, pg_total_relation_size('${table}') as total`,
        );
        const s = r.rows[0]!;
        const [heap, indexes, total] = [Number(s.heap), Number(s.indexes), Number(s.total)];
        sizes.push({ table, rows: Number(s.rows), heap, indexes, toast: total - heap - indexes });
      }
      return sizes;
    });
  } finally {
    await withClient(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      small: { type: "string", default: "1000" },
      large: { type: "string", default: "3000" },
      "database-url": { type: "string" },
    },
  });
  const serverUrl = values["database-url"] ?? process.env.SCALE_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const small = Number(values.small);
  const large = Number(values.large);
  if (!serverUrl) {
    process.stderr.write("error: --database-url (or SCALE_DATABASE_URL / TEST_DATABASE_URL) is needed\n");
    process.exit(2);
  }
  if (!Number.isInteger(small) || !Number.isInteger(large) || small < 100 || large <= small) {
    process.stderr.write("error: --small and --large must be whole numbers, 100 ≤ small < large\n");
    process.exit(2);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scale-sizing-"));
  process.env.HEMISPHERE_KEYS = JSON.stringify(newKeyFile("sizing"));
  try {
    const a = await measure(serverUrl, small, dir);
    const b = await measure(serverUrl, large, dir);
    const people = large - small;
    const lines = [
      `measured: registry import of ${int(small)} and ${int(large)} generated people on PostgreSQL`,
    ];
    lines.push("per person imported (difference of the two runs), tables that grew:");
    lines.push("  table                        rows/person  heap B  index B  toast B  total B");
    let perPerson = 0;
    let indexPerPerson = 0;
    for (const after of b.sort((x, y) => x.table.localeCompare(y.table))) {
      const before = a.find((t) => t.table === after.table);
      if (!before) continue;
      const d = {
        rows: (after.rows - before.rows) / people,
        heap: (after.heap - before.heap) / people,
        indexes: (after.indexes - before.indexes) / people,
        toast: (after.toast - before.toast) / people,
      };
      const total = d.heap + d.indexes + d.toast;
      if (d.rows === 0 && total <= 0) continue;
      perPerson += total;
      indexPerPerson += d.indexes;
      lines.push(
        `  ${after.table.padEnd(28)} ${d.rows.toFixed(2).padStart(11)} ${d.heap.toFixed(0).padStart(7)}` +
          ` ${d.indexes.toFixed(0).padStart(8)} ${d.toast.toFixed(0).padStart(8)} ${total.toFixed(0).padStart(8)}`,
      );
    }
    const withGrowth = perPerson * GROWTH;
    const region = withGrowth * PEOPLE;
    const largest = withGrowth * LARGEST_NATION;
    lines.push(`bytes per person at import: ${perPerson.toFixed(0)} (indexes ${indexPerPerson.toFixed(0)})`);
    lines.push(`bytes per person with ×${GROWTH} for later records and history: ${withGrowth.toFixed(0)}`);
    lines.push(`${int(PEOPLE)} people in ${NATIONS} nations: ${gib(region)} of tables and indexes`);
    lines.push(`  of which indexes (the part to keep in memory): ${gib(indexPerPerson * GROWTH * PEOPLE)}`);
    lines.push(`  average nation (${int(PEOPLE / NATIONS)} people): ${gib(region / NATIONS)}`);
    lines.push(`  largest nation (${int(LARGEST_NATION)} people, one shard): ${gib(largest)}`);
    lines.push(
      `  on ${WORKERS} workers: ${gib(region / WORKERS)} each on average; the largest nation's worker` +
        ` about ${gib(largest + (region - largest) / WORKERS)}`,
    );
    lines.push(
      `  with ${COPIES} copies of every node (a standby each): ${gib(region * COPIES)} of disk in all`,
    );
    process.stdout.write(`${lines.join("\n")}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
