import type { CountryCode } from "libphonenumber-js";
import type { EntityRole } from "../networks.contract.ts";
import { createIdNormaliser, normaliseEntityType } from "./entities.ts";
import { formatDay, parseObservedDay } from "./links-csv.ts";
import { notARole, parseRole } from "./roles.ts";

/** One thing named in a record: a phone, an account, a person's case-local id, a safehouse… */
export interface EntityRef {
  type: string;
  value: string;
}

/** One end of an observation, with the role the caller knows it has (`suspect`, `client`, `victim`, `unknown`). */
export interface ObservedEntity extends EntityRef {
  role?: string;
}

/** An identifier observation as cases, encounters and investigators supply it: two entities and how they met. */
export interface IdentifierObservation {
  source: ObservedEntity;
  target: ObservedEntity;
  /** How they are linked (`uses_phone`, `paid_to`…); `linked` when not said. */
  kind?: string;
  /** ISO date or date-time the link was observed. */
  observedAt?: string;
  /** The case (or encounter) the observation came from. */
  caseRef?: string;
}

/** An observation with canonical types, normalised values and a plain date, ready to store. */
export interface PreparedLink {
  source: EntityRef;
  target: EntityRef;
  kind: string;
  observedOn: string | null;
  caseRef: string | null;
  /** Roles stated for the ends (`unknown` and no role are the same: nothing is claimed). */
  sourceRole?: EntityRole;
  targetRole?: EntityRole;
}

/** A problem with one observation (index from 0). */
export interface ObservationProblem {
  index: number;
  field: string;
  message: string;
}

/** Normalises observations (types, E.164 phones, dates); any problem rejects the batch. */
export function prepareObservations(
  observations: IdentifierObservation[],
  options: { defaultRegion?: CountryCode } = {},
): { links: PreparedLink[]; problems: ObservationProblem[] } {
  const normalise = createIdNormaliser(options);
  const problems: ObservationProblem[] = [];
  const links: PreparedLink[] = [];
  observations.forEach((o, index) => {
    const side = (ref: EntityRef, field: string): EntityRef | undefined => {
      const type = normaliseEntityType(ref.type);
      const value = type === "" ? "" : normalise(type, ref.value);
      if (type === "") problems.push({ index, field: `${field}.type`, message: "is empty" });
      else if (value === "" || value === "+")
        problems.push({ index, field: `${field}.value`, message: "has no usable characters" });
      else return { type, value };
      return undefined;
    };
    const source = side(o.source, "source");
    const target = side(o.target, "target");
    const observedOn = dayOf(o.observedAt, index, problems);
    const sourceRole = roleOf(o.source.role, index, "source.role", problems);
    const targetRole = roleOf(o.target.role, index, "target.role", problems);
    if (!source || !target || observedOn === undefined || sourceRole === null || targetRole === null) return;
    if (source.type === target.type && source.value === target.value) {
      problems.push({ index, field: "target", message: "links an entity to itself" });
      return;
    }
    const caseRef = o.caseRef?.trim() || null;
    links.push({
      source,
      target,
      kind: o.kind?.trim().toLowerCase() || "linked",
      observedOn,
      caseRef,
      ...(sourceRole ? { sourceRole } : {}),
      ...(targetRole ? { targetRole } : {}),
    });
  });
  if (problems.length === 0) problems.push(...roleConflicts(links));
  return { links, problems };
}

/** The role stated for one end: undefined when none (or `unknown`), null when it is not a role. */
function roleOf(
  text: string | undefined,
  index: number,
  field: string,
  problems: ObservationProblem[],
): EntityRole | undefined | null {
  if (text === undefined || text.trim() === "") return undefined;
  const role = parseRole(text);
  if (role === undefined) {
    problems.push({ index, field, message: notARole(text) });
    return null;
  }
  return role === "unknown" ? undefined : role;
}

/**
 * An entity given two different roles in one batch: the batch cannot say which holds, so it is refused. Run only on
 * a batch without other problems, where every observation became a link and the indexes are the same.
 */
function roleConflicts(links: PreparedLink[]): ObservationProblem[] {
  const stated = new Map<string, { role: EntityRole; index: number }>();
  const problems: ObservationProblem[] = [];
  links.forEach((l, index) => {
    for (const [end, role, field] of [
      [l.source, l.sourceRole, "source.role"],
      [l.target, l.targetRole, "target.role"],
    ] as const) {
      if (!role) continue;
      const key = `${end.type}\u0000${end.value}`;
      const first = stated.get(key);
      if (!first) stated.set(key, { role, index });
      else if (first.role !== role)
        problems.push({
          index,
          field,
          message: `this ${end.type} is given the role ${role} here but ${first.role} in observations[${first.index}]`,
        });
    }
  });
  return problems;
}

function dayOf(
  text: string | undefined,
  index: number,
  problems: ObservationProblem[],
): string | null | undefined {
  if (text === undefined || text.trim() === "") return null;
  const day = parseObservedDay(text.trim());
  if (day === undefined) {
    problems.push({ index, field: "observedAt", message: `"${text}" is not a date (use YYYY-MM-DD)` });
    return undefined;
  }
  return formatDay(day);
}

/** The observations a links-file row stands for (the generator's and the CLI's column order). */
export function observationFromRow(row: readonly string[]): IdentifierObservation {
  const [
    sourceType = "",
    sourceId = "",
    targetType = "",
    targetId = "",
    kind,
    observedAt,
    caseRef,
    sourceRole,
    targetRole,
  ] = row;
  return {
    source: { type: sourceType, value: sourceId, ...(sourceRole ? { role: sourceRole } : {}) },
    target: { type: targetType, value: targetId, ...(targetRole ? { role: targetRole } : {}) },
    ...(kind ? { kind } : {}),
    ...(observedAt ? { observedAt } : {}),
    ...(caseRef ? { caseRef } : {}),
  };
}
