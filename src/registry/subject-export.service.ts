import type { z } from "zod";
import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { bindActions } from "../platform/bind-actions.ts";
import { decryptField } from "../platform/crypto/field-crypto.ts";
import type { Tx } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import type { Platform } from "../platform/platform.ts";
import { referenceOf } from "../shared/reference-code.ts";
import { presentWholePerson, presentWholeValues } from "./engine/person-presenter.ts";
import { membershipsOfPeople } from "./households.store.ts";
import { CONTEXT, openPerson, type PersonKeys } from "./person-seal.codec.ts";
import { findPerson, findPersonInNation, type PersonRow } from "./registry.store.ts";
import { createRegistryText } from "./registry-text.service.ts";
import type { RegistrySubjectSection, SubjectExport } from "./subject-export.contract.ts";
import {
  casesOfPeople,
  consentsOfPeople,
  familyLinksOfPeople,
  mergedRecordsOf,
  mergesOfPeople,
  movesOfCases,
  notesOfCases,
  referralsOfPeople,
  reviewsOfPeople,
  versionsOfPeople,
} from "./subject-export.store.ts";

/**
 * What another capability contributes to a data subject's export: the records it keeps linked to registry
 * person ids. The registry knows nothing else of it; the composition root hands the sources in.
 */
export interface SubjectDataSource {
  /** The section's key in the export: the capability's name (`registry` is the registry's own). */
  readonly name: string;
  /** The schema the section leaves through: anything it does not list is stripped, as in every answer. */
  readonly schema: z.ZodType;
  /**
   * Everything the capability holds in the scope's nation linked to any of these person ids, values decrypted,
   * read in the export's own transaction; with how many records of each kind it found (for the audit event).
   */
  collect(tx: Tx, scope: Scope, personIds: readonly string[]): Promise<SubjectSection>;
  /**
   * When the person is erased, in the erasure's own transaction: clears what the capability keeps about these
   * person ids (who they were, and the link to the registry), keeping only facts without a person; returns how
   * many records of each kind it cleared (for the audit event and the answer).
   */
  erase(tx: Tx, scope: Scope, personIds: readonly string[]): Promise<Record<string, number>>;
}

/** One capability's part of an export. */
export interface SubjectSection {
  data: unknown;
  counts: Record<string, number>;
}

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));
const MAX_SURVIVOR_HOPS = 20;

/** The record a merged record now lives in (the person itself when it was not merged). */
async function survivorOf(tx: Tx, scope: Scope, row: PersonRow): Promise<PersonRow | undefined> {
  let current: PersonRow | undefined = row;
  for (let hop = 0; current?.status === "merged" && current.merged_into && hop < MAX_SURVIVOR_HOPS; hop++)
    current = await findPersonInNation(tx, scope, current.merged_into);
  // The surviving record must be in the caller's reach too: a merged record is no way around it.
  return current && current.status === "active" ? findPerson(tx, scope, current.id) : undefined;
}

/**
 * The records that are one human in the scope's nation, for whichever of them was asked: the surviving record
 * and every record merged into it (their ids, survivor first). Undefined when the person is not in the
 * caller's reach or was erased.
 */
export async function recordsOfSubject(
  tx: Tx,
  scope: Scope,
  id: string,
): Promise<{ survivor: PersonRow; merged: PersonRow[]; ids: string[] } | undefined> {
  const asked = await findPerson(tx, scope, id);
  const survivor = asked ? await survivorOf(tx, scope, asked) : undefined;
  if (!survivor) return undefined;
  const merged = await mergedRecordsOf(tx, scope, survivor.id);
  return { survivor, merged, ids: [survivor.id, ...merged.map((m) => m.id)] };
}

/** What the subjectExport actions share, built once per service. */
function subjectExportDeps(platform: Platform, keys: PersonKeys, sources: readonly SubjectDataSource[]) {
  const { db } = platform.database;
  const text = createRegistryText(keys.keyring);
  const names = new Set<string>(["registry"]);
  for (const s of sources) {
    if (names.has(s.name)) throw new Error(`two subject data sources are named ${s.name}`);
    names.add(s.name);
  }
  return { platform, keys, sources, db, text, names };
}

type SubjectExportDeps = ReturnType<typeof subjectExportDeps>;

/** The duplicate reviews and merges the person's records were part of, their reasons decrypted. */
async function reviewsOfSubject(
  deps: SubjectExportDeps,
  tx: Tx,
  scope: Scope,
  ids: string[],
): Promise<Pick<RegistrySubjectSection, "duplicateReviews" | "merges">> {
  const { text } = deps;
  return {
    duplicateReviews: (await reviewsOfPeople(tx, scope, ids)).map((r) => ({
      id: r.id,
      personA: r.person_a,
      personB: r.person_b,
      probability: r.probability,
      band: r.band,
      reasons: (typeof r.reasons === "string" ? JSON.parse(r.reasons) : r.reasons) as never,
      whyCreated: text.openOrNull("reviewWhyCreated", r.why_created_enc),
      status: r.status,
      decidedBy: r.decided_by,
      decidedAt: isoOrNull(r.decided_at),
      decisionReason: text.openOrNull("reviewDecisionReason", r.decision_reason_enc),
      createdAt: iso(r.created_at),
    })),
    merges: (await mergesOfPeople(tx, scope, ids)).map((m) => ({
      id: m.id,
      survivorId: m.survivor_id,
      mergedId: m.merged_id,
      reason: text.open("mergeReason", m.reason_enc),
      mergedBy: m.merged_by,
      mergedAt: iso(m.merged_at),
      splitReason: text.openOrNull("splitReason", m.split_reason_enc),
      splitBy: m.split_by,
      splitAt: isoOrNull(m.split_at),
    })),
  };
}

/** The person's cases with their notes and moves (notes decrypted), and how many of each. */
async function casesOfSubject(
  deps: SubjectExportDeps,
  tx: Tx,
  scope: Scope,
  ids: string[],
): Promise<{ cases: RegistrySubjectSection["cases"]; notes: number; moves: number }> {
  const { keys, text } = deps;
  const rows = await casesOfPeople(tx, scope, ids);
  const caseIds = rows.map((c) => c.id);
  const notes = await notesOfCases(tx, scope, caseIds);
  const moves = await movesOfCases(tx, scope, caseIds);
  const cases = rows.map((c) => ({
    id: c.id,
    reference: referenceOf("case", c.id),
    personId: c.person_id,
    type: c.case_type as RegistrySubjectSection["cases"][number]["type"],
    status: c.status as RegistrySubjectSection["cases"][number]["status"],
    officeId: c.office_id,
    assignedTo: c.assigned_to,
    createdAt: iso(c.created_at),
    notes: notes
      .filter((n) => n.case_id === c.id)
      .map((n) => ({
        id: n.id,
        body: decryptField(keys.keyring, n.body_enc, CONTEXT.caseNote),
        writtenBy: n.written_by,
        at: iso(n.written_at),
      })),
    moves: moves
      .filter((m) => m.case_id === c.id)
      .map((m) => ({
        kind: m.kind,
        fromOffice: m.from_office,
        toOffice: m.to_office,
        fromUser: m.from_user,
        toUser: m.to_user,
        reason: text.open("moveReason", m.reason_enc),
        by: m.moved_by,
        at: iso(m.moved_at),
      })),
  }));
  return { cases, notes: notes.length, moves: moves.length };
}

async function registrySection(
  deps: SubjectExportDeps,
  tx: Tx,
  scope: Scope,
  ids: string[],
  merged: PersonRow[],
) {
  const { keys, text } = deps;
  const subjectCases = await casesOfSubject(deps, tx, scope, ids);
  const section: RegistrySubjectSection = {
    mergedRecords: merged.map((row) => {
      const { person, externalId } = openPerson(keys.keyring, row);
      return presentWholePerson(row, person, externalId);
    }),
    versions: (await versionsOfPeople(tx, scope, ids)).map((v) => ({
      id: v.id,
      personId: v.person_id,
      changed: v.changed,
      reason: text.open("versionReason", v.reason_enc),
      editedBy: v.edited_by,
      editedAt: iso(v.edited_at),
      before: presentWholeValues(openPerson(keys.keyring, { ...v, external_id_enc: null }).person),
    })),
    family: (await familyLinksOfPeople(tx, scope, ids)).map((f) => ({
      personId: f.person_id,
      relatedId: f.related_id,
      relation: f.relation,
      at: iso(f.created_at),
    })),
    households: (await membershipsOfPeople(tx, scope, ids)).map((h) => ({
      personId: h.person_id,
      householdId: h.household_id,
      relationship: h.relationship,
      addedBy: h.added_by,
      addedAt: iso(h.added_at),
      splitFrom: h.split_from,
      splitReason: text.openOrNull("householdSplitReason", h.split_reason_enc),
    })),
    consents: (await consentsOfPeople(tx, scope, ids)).map((c) => ({
      personId: c.person_id,
      purpose: c.purpose,
      given: c.given,
      givenBy: text.open("consentGivenBy", c.given_by_enc),
      recordedBy: c.recorded_by,
      at: iso(c.recorded_at),
    })),
    cases: subjectCases.cases,
    referrals: (await referralsOfPeople(tx, scope, ids)).map((r) => ({
      id: r.id,
      personId: r.person_id,
      direction: r.direction,
      partner: r.partner_tenant,
      purpose: r.purpose,
      reason: text.open("referralReason", r.reason_enc),
      status: r.status,
      statusReason: text.openOrNull("referralStatusReason", r.status_reason_enc),
      requestedBy: r.requested_by,
      requestedAt: iso(r.requested_at),
      decidedBy: r.decided_by,
      decidedAt: isoOrNull(r.decided_at),
      shared:
        r.shared_enc === null
          ? null
          : JSON.parse(decryptField(keys.keyring, r.shared_enc, CONTEXT.referralShared)),
    })),
    ...(await reviewsOfSubject(deps, tx, scope, ids)),
  };
  const counts: Record<string, number> = {
    mergedRecords: section.mergedRecords.length,
    versions: section.versions.length,
    family: section.family.length,
    households: section.households.length,
    consents: section.consents.length,
    cases: section.cases.length,
    caseNotes: subjectCases.notes,
    caseMoves: subjectCases.moves,
    referrals: section.referrals.length,
    duplicateReviews: section.duplicateReviews.length,
    merges: section.merges.length,
  };
  return { section, counts };
}

/**
 * Everything the caller's nation holds about a person in the caller's reach, for the person's own request:
 * the surviving record when the id was merged into another, every record merged into it, the registry's
 * records about all of them and each other capability's section. The export is audited in the same
 * transaction (`person.export`: ids and counts, never a value). An erased person is not found.
 */
export function exportPerson(deps: SubjectExportDeps, scope: Scope, id: string): Promise<SubjectExport> {
  const { db, sources, keys } = deps;
  return inScope(db, scope, async (tx) => {
    const subject = await recordsOfSubject(tx, scope, id);
    if (!subject) throw new AppError("NOT_FOUND", "person not found");
    const { survivor, merged, ids } = subject;
    const registry = await registrySection(deps, tx, scope, ids, merged);
    const sections: SubjectExport["sections"] = { registry: registry.section };
    const counts: Record<string, Record<string, number>> = { registry: registry.counts };
    for (const source of sources) {
      const part = await source.collect(tx, scope, ids);
      sections[source.name] = source.schema.parse(part.data);
      counts[source.name] = part.counts;
    }
    await recordAudit(tx, scope, {
      action: "person.export",
      targetType: "person",
      targetId: survivor.id,
      details: { asked: id, ids, counts },
    });
    const { person, externalId } = openPerson(keys.keyring, survivor);
    return {
      nation: scope.tenantId,
      generatedAt: new Date().toISOString(),
      askedId: id,
      personIds: ids,
      person: presentWholePerson(survivor, person, externalId),
      sections,
    };
  });
}

/** Subject access: a person's complete record in the caller's nation, as one audited JSON document. */
export function createSubjectExportService(
  platform: Platform,
  keys: PersonKeys,
  sources: readonly SubjectDataSource[],
) {
  return bindActions(subjectExportDeps(platform, keys, sources), { exportPerson });
}

export type SubjectExportService = ReturnType<typeof createSubjectExportService>;
