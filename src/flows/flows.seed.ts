import fs from "node:fs";
import path from "node:path";
import type { Role } from "../platform/auth/auth.contract.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { contentHash } from "./engine/parse-flow-file.ts";
import type { createFlowsService } from "./flows.service.ts";

/** The official data sets the demo loads, the nation that holds each, and the release label. */
const demoSets: { dir: string; nation: string; roles: Role[]; label: string }[] = [
  { dir: "cbp", nation: "USA", roles: ["nation_admin"], label: "CBP FY2020-FY2023" },
  { dir: "unhcr", nation: "REG", roles: ["regional_admin"], label: "UNHCR 2025.12.1" },
];

/** Where the shared real data lives: `HEMISPHERE_SHARED_DATA`, or `../shared/data` beside the project. */
export function sharedDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(
    env.HEMISPHERE_SHARED_DATA || new URL("../../../shared/data", import.meta.url).pathname,
  );
}

/**
 * Loads the official CBP (as the USA) and UNHCR (as the secretariat) files as published releases. Idempotent:
 * files already imported (by content hash) are not even parsed again. Skips with a message when absent.
 */
export async function seedFlowsDemo(
  flows: ReturnType<typeof createFlowsService>,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  dataDir = sharedDataDir(),
): Promise<number> {
  let imported = 0;
  for (const set of demoSets) {
    const dir = path.join(dataDir, set.dir);
    if (!fs.existsSync(dir)) {
      log(`demo: flows data not found at ${dir}; skipped (set HEMISPHERE_SHARED_DATA)`);
      continue;
    }
    const scope = systemScope(set.nation, "demo", set.roles);
    const known = new Set((await flows.releases(scope)).flatMap((r) => r.files.map((f) => f.sha256)));
    const files = fs
      .readdirSync(dir)
      .filter((name) => /\.(csv|psv)$/.test(name))
      .sort()
      .map((name) => ({ name, content: fs.readFileSync(path.join(dir, name)) }))
      .filter((f) => !known.has(contentHash(f.content)));
    if (files.length === 0) continue;
    const started = performance.now();
    const result = await flows.importFiles(scope, files, { label: set.label, publish: true });
    const rows = result.files.reduce((n, f) => n + f.stored, 0);
    imported += rows;
    log(
      `demo: imported ${files.length} ${set.dir} files (${rows.toLocaleString("en-US")} figures) in ${((performance.now() - started) / 1000).toFixed(1)}s`,
    );
  }
  return imported;
}
