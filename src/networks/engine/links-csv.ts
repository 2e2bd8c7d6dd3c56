import type { LineProblem } from "../../shared/input-problem.ts";
import type { EntityRole } from "../networks.contract.ts";
import { normaliseEntityId, normaliseEntityType } from "./entities.ts";
import { notARole, parseRole } from "./roles.ts";

/** Normalises an identifier of a canonical type (memoise it for big files: phone parsing is not free). */
export type IdNormaliser = (type: string, raw: string) => string;

/** One observed link between two entities, with its provenance. */
export interface Link {
  sourceType: string;
  sourceId: string;
  targetType: string;
  targetId: string;
  kind: string;
  /** Day number since 1970-01-01 (UTC), or undefined when the date was not recorded. */
  observedDay?: number;
  caseId?: string;
  /** The role the file gives the source entity; undefined when its cell is empty or the column absent. */
  sourceRole?: EntityRole;
  targetRole?: EntityRole;
}

/** A problem in one place of the links file (line 1 is the header). */
export type LinkProblem = LineProblem;

export const linkColumns = [
  "source_type",
  "source_id",
  "target_type",
  "target_id",
  "kind",
  "observed_at",
  "case_id",
  "source_role",
  "target_role",
] as const;

export type LinkColumn = (typeof linkColumns)[number];
const requiredColumns: LinkColumn[] = ["source_type", "source_id", "target_type", "target_id"];

/** Column positions by name, from a header row (any order, any case, extra columns ignored). */
export type ColumnIndex = Partial<Record<LinkColumn, number>>;

/** Reads the header; returns the column positions or the problems (missing required columns). */
export function readLinksHeader(header: string[]): { index: ColumnIndex; problems: LinkProblem[] } {
  const index: ColumnIndex = {};
  header.forEach((name, i) => {
    const key = name
      .replace(/^\uFEFF/, "")
      .trim()
      .toLowerCase() as LinkColumn;
    if ((linkColumns as readonly string[]).includes(key) && index[key] === undefined) index[key] = i;
  });
  const problems = requiredColumns
    .filter((c) => index[c] === undefined)
    .map((c) => ({ line: 1, field: c, message: `missing column "${c}" (header: ${header.join(",")})` }));
  return { index, problems };
}

const isoDate =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const msPerDay = 86_400_000;

/** Day number (UTC) of an ISO 8601 date or date-time; undefined when it is not one. */
export function parseObservedDay(text: string): number | undefined {
  const m = isoDate.exec(text);
  if (!m) return undefined;
  const [, y, mo, d] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const ms = Date.UTC(Number(y), month - 1, day);
  // Date.UTC rolls 2023-02-30 over to March; a real date survives the round trip.
  if (new Date(ms).getUTCDate() !== day) return undefined;
  return Math.floor(ms / msPerDay);
}

/** ISO date (YYYY-MM-DD) of a day number. */
export function formatDay(day: number): string {
  return new Date(day * msPerDay).toISOString().slice(0, 10);
}

const cell = (record: string[], index: ColumnIndex, column: LinkColumn): string => {
  const at = index[column];
  return at === undefined ? "" : (record[at] ?? "").trim();
};

/** Turns one data row into a normalised link, or the problems that stop it. */
export function parseLinkRecord(
  record: string[],
  line: number,
  index: ColumnIndex,
  normaliseId: IdNormaliser = normaliseEntityId,
): { link?: Link; problems: LinkProblem[] } {
  const problems: LinkProblem[] = [];
  for (const column of requiredColumns) {
    if (cell(record, index, column) === "") problems.push({ line, field: column, message: "is empty" });
  }
  const observed = cell(record, index, "observed_at");
  const observedDay = observed === "" ? undefined : parseObservedDay(observed);
  if (observed !== "" && observedDay === undefined) {
    problems.push({ line, field: "observed_at", message: `"${observed}" is not a date (use YYYY-MM-DD)` });
  }
  const roles: { sourceRole?: EntityRole; targetRole?: EntityRole } = {};
  for (const [column, key] of [
    ["source_role", "sourceRole"],
    ["target_role", "targetRole"],
  ] as const) {
    const text = cell(record, index, column);
    if (text === "") continue;
    const role = parseRole(text);
    if (role === undefined) problems.push({ line, field: column, message: notARole(text) });
    else roles[key] = role;
  }
  if (problems.length > 0) return { problems };
  const sourceType = normaliseEntityType(cell(record, index, "source_type"));
  const targetType = normaliseEntityType(cell(record, index, "target_type"));
  const caseId = cell(record, index, "case_id");
  const link: Link = {
    sourceType,
    sourceId: normaliseId(sourceType, cell(record, index, "source_id")),
    targetType,
    targetId: normaliseId(targetType, cell(record, index, "target_id")),
    kind: cell(record, index, "kind").toLowerCase() || "linked",
    observedDay,
    caseId: caseId === "" ? undefined : caseId,
    ...roles,
  };
  for (const side of ["source_id", "target_id"] as const) {
    const value = side === "source_id" ? link.sourceId : link.targetId;
    if (value === "") problems.push({ line, field: side, message: "has no usable characters" });
  }
  return problems.length > 0 ? { problems } : { link, problems };
}
