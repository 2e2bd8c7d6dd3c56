import fs from "node:fs";
import { systemScope } from "../platform/auth/scope.ts";
import { tenantExists } from "../platform/auth/tenants.store.ts";
import { parseKeyValueList } from "../platform/cli-support.ts";
import { loadConfig } from "../platform/config.ts";
import { platformMigrations } from "../platform/db/migrate.ts";
import { AppError } from "../platform/errors.ts";
import { type Platform, startPlatform } from "../platform/platform.ts";
import { startProgress } from "../platform/progress.ts";
import { countDataRows } from "../platform/text-input.ts";
import { readBirthDate } from "./engine/field-rules.ts";
import { registryMigrations } from "./index.ts";
import { createPeopleService, round, shownReasons } from "./people.service.ts";
import { peopleFileBatches } from "./people-file.command.ts";
import { importPeople } from "./people-import.service.ts";
import { type PersonKeys, regionalClkKeys } from "./person-seal.codec.ts";

/** Opens the database (PGlite at HEMISPHERE_DATA_DIR or DATABASE_URL) with the registry's tables for one command. */
export async function withRegistry<T>(fn: (platform: Platform, keys: PersonKeys) => Promise<T>): Promise<T> {
  const platform = await startPlatform(loadConfig(), {
    migrations: [...platformMigrations(), ...registryMigrations()],
  });
  try {
    return await fn(platform, { keyring: platform.keyring, clkKeys: regionalClkKeys(platform.keyring) });
  } finally {
    await platform.close();
  }
}

/** Checks a nation code against the tenants. */
export function checkNation(nation: string): string {
  const code = nation.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code) || code === "REG")
    throw new AppError(
      "BAD_INPUT",
      `--nation must be a partner nation's ISO 3166 alpha-3 code, got "${nation}"`,
    );
  return code;
}

/**
 * `registry import`: checks the whole file first as it streams (a bad file is refused with every problem, and
 * the database is not even opened), then streams it again into one transaction, so a file of millions never
 * sits in memory whole; Ctrl-C rolls it all back.
 */
export async function runImport(
  file: string,
  opts: { nation: string; id: string; map: string; office?: string },
) {
  const nation = checkNation(opts.nation);
  if (!fs.existsSync(file)) throw new AppError("BAD_INPUT", `${file}: no such file`);
  const requested = parseKeyValueList(opts.map, "--map");
  const rows = await countDataRows(file);
  const read = {
    idColumn: opts.id.trim(),
    requested,
    rules: { today: new Date().toISOString().slice(0, 10) },
    batchSize: 1_000,
  };
  const checking = startProgress({ label: "checking the file", total: rows });
  for await (const batch of peopleFileBatches(file, read)) checking.tick(batch.length);
  checking.done();
  await withRegistry(async (platform, keys) => {
    if (!(await tenantExists(platform.database.db, nation)))
      throw new AppError("BAD_INPUT", `--nation ${nation} is not a partner nation`);
    const progress = startProgress({ label: "importing people", total: rows });
    const interruption = watchInterrupt();
    try {
      const batches = () => peopleFileBatches(file, read);
      const result = await importPeople(platform, keys, systemScope(nation, "registry import"), batches, {
        officeId: opts.office ?? null,
        expected: rows,
        onProgress: (n) => progress.tick(n),
        source: file.split("/").pop() ?? file,
        interrupted: interruption.check,
        onFallback: (why) => process.stderr.write(`sealing in one thread (${why})\n`),
      });
      progress.done();
      process.stdout.write(
        `${nation}: read ${result.read}, registered ${result.inserted}, already registered ${result.unchanged}\n`,
      );
    } finally {
      interruption.stop();
    }
  });
}

/**
 * Ctrl-C during an import: the first stops it between batches (the transaction rolls back, nothing is kept);
 * a second one ends the process at once (the uncommitted transaction is discarded by the database).
 */
function watchInterrupt() {
  let asked = false;
  const onSignal = () => {
    if (asked) process.exit(130);
    asked = true;
    process.stderr.write("\ninterrupted: rolling back, nothing will be imported\n");
  };
  process.on("SIGINT", onSignal);
  return {
    check: () => (asked ? new AppError("UNAVAILABLE", "interrupted: nothing was imported") : null),
    stop: () => process.off("SIGINT", onSignal),
  };
}

/** `registry search`: prints `[{ id, score, band, reasons }]`, best first. */
export async function runSearch(opts: {
  nation: string;
  given?: string;
  surname?: string;
  dob?: string;
  limit: string;
}) {
  const nation = checkNation(opts.nation);
  if (!opts.given && !opts.surname && !opts.dob)
    throw new AppError("BAD_INPUT", "give at least one of --given, --surname, --dob");
  const dob = readBirthDate(opts.dob ?? "");
  if ("error" in dob) throw new AppError("BAD_INPUT", `--dob: ${dob.error}`);
  const limit = Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new AppError("BAD_INPUT", `--limit must be a positive whole number`);
  await withRegistry(async (platform, keys) => {
    const people = createPeopleService(platform, keys);
    const scope = systemScope(nation, "registry search", ["caseworker", "nation_admin", "pathway_officer"]);
    const query = {
      ...(opts.given ? { given: opts.given } : {}),
      ...(opts.surname ? { surname: opts.surname } : {}),
      ...(dob.value ? { dob: dob.value } : {}),
    };
    const hits = await people.search({ ...scope, reach: "nation" }, query, limit);
    const out = hits.map((h) => ({
      id: h.externalId ?? h.row.id,
      score: round(h.score.probability),
      band: h.score.band,
      reasons: shownReasons(h.score),
    }));
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  });
}
