import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { systemScope } from "../platform/auth/scope.ts";
import { AppError } from "../platform/errors.ts";
import { withPlatform } from "../platform/open-platform.ts";
import { startProgress } from "../platform/progress.ts";
import { countDataRows, readTextFile } from "../platform/text-input.ts";
import { csvDocument } from "../shared/csv-write.ts";
import { createBorderService } from "./border.service.ts";
import type { ImportResult } from "./border-records.contract.ts";

const withBorder = <T>(fn: (border: ReturnType<typeof createBorderService>) => Promise<T>): Promise<T> =>
  withPlatform((platform) => fn(createBorderService(platform)));

// The work behind `hemisphere border import | load-pack | cbp-monthly`, loaded only when one of them runs.

/** The file's SHA-256 and its number of data lines (for the progress line's time left), in one read. */
async function hashAndCountRows(file: string): Promise<{ hash: string; rows: number }> {
  const hash = createHash("sha256");
  const rows = await countDataRows(file, (bytes) => hash.update(bytes));
  return { hash: hash.digest("hex"), rows };
}

/** An abort signal raised by the first Ctrl-C or SIGTERM; a second Ctrl-C ends the process at once. */
function interruptSignal(): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const stop = () => {
    process.stderr.write("\ninterrupting: rolling back the import…\n");
    controller.abort();
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return {
    signal: controller.signal,
    release: () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
    },
  };
}

async function requireFile(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    throw new AppError("BAD_INPUT", `cannot read the encounter file ${file}`);
  }
}

/**
 * Imports an encounter CSV for `nation` with a progress line (count, rate, time left); prints nothing else.
 * Ctrl-C stops it between batches and rolls the whole import back.
 */
export async function importEncounterFile(file: string, nation: string): Promise<ImportResult> {
  await requireFile(file);
  const { hash: contentHash, rows } = await hashAndCountRows(file);
  return withBorder(async (border) => {
    const progress = startProgress({ label: `import ${file}`, total: rows });
    const interrupt = interruptSignal();
    try {
      return await border.importEncounters(systemScope(nation, "border.import", ["border_officer"]), {
        fileName: file,
        contentHash,
        open: () => createReadStream(file),
        onRows: (n) => progress.tick(n),
        signal: interrupt.signal,
      });
    } finally {
      interrupt.release();
      progress.done();
    }
  });
}

/** Stores a policy pack for its own jurisdiction. */
export async function loadPackFile(file: string) {
  const text = await readTextFile(file);
  const jurisdiction = /"jurisdiction"\s*:\s*"([A-Z]{3})"/.exec(text)?.[1];
  if (!jurisdiction) throw new AppError("BAD_INPUT", `${file}: expected a "jurisdiction" such as "USA"`);
  return withBorder((border) => border.loadPack(systemScope(jurisdiction, "border.load-pack"), text));
}

const cbpColumns = [
  "fiscal_year",
  "month_grouping",
  "month_abbv",
  "component",
  "land_border_region",
  "area_of_responsibility",
  "aor_abbv",
  "demographic",
  "citizenship",
  "title_of_authority",
  "encounter_type",
  "encounter_count",
] as const;

/** Prints the nation's monthly encounters as a CBP-layout CSV on stdout. */
export async function printCbpMonthly(nation: string): Promise<void> {
  const rows = await withBorder((border) => border.cbpMonthly(systemScope(nation, "border.cbp-monthly")));
  process.stdout.write(
    csvDocument(
      cbpColumns,
      rows.map((r) => cbpColumns.map((c) => r[c])),
    ),
  );
}
