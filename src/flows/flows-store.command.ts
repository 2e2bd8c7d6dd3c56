import { basename } from "node:path";
import type { Role } from "../platform/auth/auth.contract.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { AppError } from "../platform/errors.ts";
import { withPlatform } from "../platform/open-platform.ts";
import { startProgress } from "../platform/progress.ts";
import { readFileBytes } from "../platform/text-input.ts";
import { csvDocument } from "../shared/csv-write.ts";
import { type FlowSource, flowSources } from "./engine/flows-types.ts";
import type { ImportResult, RevisionsResult } from "./flows.contract.ts";
import { createFlowsService } from "./flows.service.ts";
import { readSchemaFile } from "./flows-files.command.ts";
import { parseAll } from "./flows-import.service.ts";

/** Which nation holds a source's statistics when the command does not say: CBP's are the USA's, UNHCR's the secretariat's. */
export function defaultNation(source: FlowSource): string | undefined {
  if (source.startsWith("cbp-") || source === "usbp-sectors") return "USA";
  if (source.startsWith("unhcr-")) return "REG";
  return undefined;
}

const rolesFor = (nation: string): Role[] => (nation === "REG" ? ["regional_admin"] : ["nation_admin"]);

function withFlows<T>(fn: (flows: ReturnType<typeof createFlowsService>) => Promise<T>): Promise<T> {
  return withPlatform((platform) => fn(createFlowsService(platform)));
}

export interface ImportCommandOptions {
  source: string;
  release?: string;
  nation?: string;
  schema?: string;
  publish?: boolean;
}

/** `flows import`: parses every file (all or nothing), then imports each nation's files in one transaction. */
export async function importCommand(paths: string[], options: ImportCommandOptions): Promise<string> {
  if (options.source !== "auto" && !(flowSources as readonly string[]).includes(options.source))
    throw new AppError(
      "BAD_INPUT",
      `--source must be auto or one of ${flowSources.join(", ")}, got "${options.source}"`,
    );
  if (options.nation !== undefined && !/^[A-Z]{3}$/.test(options.nation))
    throw new AppError(
      "BAD_INPUT",
      `--nation must be an ISO 3166 alpha-3 code like MEX, got "${options.nation}"`,
    );
  const source = options.source as FlowSource | "auto";
  const schema = readSchemaFile(options.schema);
  const files = paths.map((p) => ({ name: basename(p), content: readFileBytes(p) }));
  const parsed = parseAll(files, { source, ...(schema ? { schema } : {}) });
  const byNation = new Map<string, typeof parsed>();
  for (const p of parsed) {
    const nation = options.nation ?? defaultNation(p.source as FlowSource);
    if (!nation)
      throw new AppError("BAD_INPUT", `${p.file}: say which nation publishes it with --nation ISO3`);
    byNation.set(nation, [...(byNation.get(nation) ?? []), p]);
  }
  const results: ImportResult["files"] = [];
  await withFlows(async (flows) => {
    const total = parsed.reduce((n, p) => n + p.rows.length, 0);
    const progress = startProgress({ label: "importing figures", total });
    for (const [nation, list] of byNation) {
      const scope = systemScope(nation, "flows import", rolesFor(nation));
      const result = await flows.importParsed(scope, list, {
        ...(options.release ? { label: options.release } : {}),
        publish: Boolean(options.publish),
        onProgress: (n, all) => (all === undefined ? progress.tick(n) : undefined),
      });
      results.push(...result.files);
    }
    progress.done();
  });
  if (results.every((f) => f.status === "unchanged"))
    process.stderr.write("nothing changed: every file was already imported (same content)\n");
  return csvDocument(
    ["file", "source", "status", "rows", "stored", "release", "release_id"],
    results.map((f) => [f.name, f.source, f.status, f.rows, f.stored, f.releaseLabel, f.releaseId]),
  );
}

export interface RevisionsCommandOptions {
  source: string;
  from: string;
  to: string;
  nation?: string;
  limit: string;
}

/** `flows revisions`: the figures that changed between two releases, largest change first, as CSV. */
export async function revisionsCommand(options: RevisionsCommandOptions): Promise<string> {
  if (!(flowSources as readonly string[]).includes(options.source))
    throw new AppError(
      "BAD_INPUT",
      `--source must be one of ${flowSources.join(", ")}, got "${options.source}"`,
    );
  const limit = Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new AppError("BAD_INPUT", `--limit must be a positive whole number`);
  const nation = options.nation ?? defaultNation(options.source as FlowSource) ?? "REG";
  const scope = systemScope(nation, "flows revisions", rolesFor(nation));
  const result = await withFlows((flows) =>
    flows.revisions(scope, options.source, options.from, options.to, limit),
  );
  process.stderr.write(revisionSummary(result));
  return formatRevisions(result);
}

function revisionSummary(r: RevisionsResult): string {
  return `${r.total} figure(s) changed from "${r.from.label}" to "${r.to.label}"${r.total > r.changes.length ? ` (largest ${r.changes.length} shown)` : ""}\n`;
}

/** Revisions as CSV `period,measure,dimensions,from,to,change` (dimensions as `name=value;…`). */
export function formatRevisions(r: RevisionsResult): string {
  const dimensions = (dims: Record<string, string>) =>
    Object.entries(dims)
      .map(([k, v]) => `${k}=${v}`)
      .join(";");
  return csvDocument(
    ["period", "measure", "dimensions", "from", "to", "change"],
    r.changes.map((c) => [c.period, c.measure, dimensions(c.dims), c.from, c.to, c.change]),
  );
}
