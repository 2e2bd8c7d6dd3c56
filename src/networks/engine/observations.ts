import type { CountryCode } from "libphonenumber-js";
import { createIdNormaliser, normaliseEntityType } from "./entities.ts";
import { formatDay, parseObservedDay } from "./links-csv.ts";

/** One thing named in a record: a phone, an account, a person's case-local id, a safehouse… */
export interface EntityRef {
  type: string;
  value: string;
}

/** An identifier observation as cases, encounters and investigators supply it: two entities and how they met. */
export interface IdentifierObservation {
  source: EntityRef;
  target: EntityRef;
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
    if (!source || !target || observedOn === undefined) return;
    if (source.type === target.type && source.value === target.value) {
      problems.push({ index, field: "target", message: "links an entity to itself" });
      return;
    }
    const caseRef = o.caseRef?.trim() || null;
    links.push({ source, target, kind: o.kind?.trim().toLowerCase() || "linked", observedOn, caseRef });
  });
  return { links, problems };
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
  const [sourceType = "", sourceId = "", targetType = "", targetId = "", kind, observedAt, caseRef] = row;
  return {
    source: { type: sourceType, value: sourceId },
    target: { type: targetType, value: targetId },
    ...(kind ? { kind } : {}),
    ...(observedAt ? { observedAt } : {}),
    ...(caseRef ? { caseRef } : {}),
  };
}
