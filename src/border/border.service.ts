import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Db, Tx } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError, failOnProblems } from "../platform/errors.ts";
import type { Platform } from "../platform/platform.ts";
import { personExistsInScope, recordProtectionRequest } from "../registry/index.ts";
import { referenceOf } from "../shared/reference-code.ts";
import { createApprovalWorklistService } from "./approval-worklist.service.ts";
import {
  addToMonthlyCounts,
  findEncounter,
  insertEncounter,
  insertPack,
  listEncounters,
} from "./border.store.ts";
import type {
  EncounterAssessment,
  EncounterRecord,
  EncounterSummary,
  PackInForce,
} from "./border-records.contract.ts";
import { countDispositions, countThirdCountryReturns, listCbpMonthly } from "./border-statistics.service.ts";
import { createDecisionsService } from "./decisions.service.ts";
import { type ImportInput, importEncounterCsv } from "./encounter-import.service.ts";
import { assessStored, createLinksService, joinFamily } from "./encounter-links.service.ts";
import { authorityResolver, toEncounterRow, toEncounterView } from "./encounter-rows.store.ts";
import { formatCitation } from "./engine/compile-pack.ts";
import { parsePolicyPack } from "./engine/parse-input.ts";
import type { PolicyPack } from "./engine/policy-pack.ts";
import { type LoadedPack, packCache } from "./pack-in-force.store.ts";
import { createSafeguardsService, recordedChecksOf } from "./safeguards.service.ts";
import { createVerificationService } from "./verification.service.ts";

/** What the border's own actions need: the database, the keys, and the pack in force (read once per version). */
export interface BorderDeps {
  db: Db;
  keyring: Keyring;
  /** The pack in force for the scope's nation, if one is loaded. */
  packInForce: (tx: Tx, scope: Scope) => Promise<LoadedPack | null>;
  /** The pack in force, or a conflict saying none is loaded. */
  requirePack: (tx: Tx, scope: Scope) => Promise<LoadedPack>;
  /** The authority in force for a record, from the pack in force. */
  authorityFor: (tx: Tx, scope: Scope) => Promise<(record: EncounterRecord) => string | null>;
}

/** The dependencies of every border action, with one cache of parsed packs for the service's lifetime. */
function borderDeps(platform: Platform): BorderDeps {
  const packInForce = packCache();
  return {
    db: platform.database.db,
    keyring: platform.keyring,
    packInForce,
    requirePack: async (tx, scope) => {
      const loaded = await packInForce(tx, scope);
      if (!loaded) throw new AppError("CONFLICT", `no border policy pack is loaded for ${scope.tenantId}`);
      return loaded;
    },
    authorityFor: async (tx, scope) => authorityResolver((await packInForce(tx, scope))?.pack ?? null),
  };
}

/** Stores a policy pack version for the scope's jurisdiction; it is then the pack in force. */
export async function loadPolicyPack(deps: BorderDeps, scope: Scope, text: string) {
  const result = parsePolicyPack(text);
  if (!result.ok)
    failOnProblems(
      result.problems.map((p) => ({ field: p.path, message: p.message })),
      "invalid policy pack",
    );
  const pack = (result as { value: PolicyPack }).value;
  if (pack.jurisdiction !== scope.tenantId) {
    throw new AppError("BAD_INPUT", `the pack is for ${pack.jurisdiction}, not ${scope.tenantId}`);
  }
  return inScope(deps.db, scope, async (tx) => {
    const loaded = await insertPack(tx, scope, {
      id: pack.id,
      version: pack.version,
      status: pack.status,
      text,
    });
    if (loaded) {
      await recordAudit(tx, scope, {
        action: "border.pack.load",
        targetType: "border_policy_pack",
        targetId: `${pack.id}@${pack.version}`,
      });
    }
    return { packId: pack.id, version: pack.version, loaded };
  });
}

/** What readers are told of a loaded pack: whose it is, which version, and the language of its words. */
export function packInForceView(loaded: LoadedPack): PackInForce {
  const { pack } = loaded;
  return {
    jurisdiction: pack.jurisdiction,
    packId: loaded.packId,
    version: loaded.version,
    status: loaded.status,
    title: pack.title,
    language: pack.language,
  };
}

/** The pack in force for the scope's nation, if any. */
export async function readPackInForce(deps: BorderDeps, scope: Scope): Promise<LoadedPack | null> {
  return inScope(deps.db, scope, (tx) => deps.packInForce(tx, scope));
}

/** Refuses a record whose person or family encounter is not in the caller's nation; returns that encounter. */
async function checkReferences(tx: Tx, scope: Scope, record: EncounterRecord) {
  if (record.personId && !(await personExistsInScope(tx, scope, record.personId)))
    throw new AppError("NOT_FOUND", "personId: no such person in your nation's registry", {
      field: "personId",
    });
  const family = record.familyOf === undefined ? undefined : await findEncounter(tx, scope, record.familyOf);
  if (record.familyOf !== undefined && !family)
    throw new AppError("NOT_FOUND", "familyOf: no such encounter in your nation", {
      field: "familyOf",
    });
  return family;
}

/** Records one encounter, with its authority in force, and counts it in the monthly figures. */
export async function recordEncounter(deps: BorderDeps, scope: Scope, record: EncounterRecord) {
  return inScope(deps.db, scope, async (tx) => {
    // A linked encounter stores the reference only: names, birth date and documents sent with it are
    // not kept (the registry holds the person), and the audit event says they were dropped.
    const family = await checkReferences(tx, scope, record);
    const authority = (await deps.authorityFor(tx, scope))(record);
    const row = toEncounterRow(deps.keyring, record, {
      tenantId: scope.tenantId,
      authority,
      importId: null,
      createdBy: scope.actorLabel,
    });
    const id = await insertEncounter(tx, scope, row);
    // A fear claim about a registered person shields them from the nations they fled, from this moment.
    if (record.fearClaim && record.personId)
      await recordProtectionRequest(
        tx,
        scope,
        deps.keyring,
        record.personId,
        `fear claim at the border, encounter ${id}`,
      );
    const group = family ? await joinFamily(tx, scope, (await findEncounter(tx, scope, id))!, family) : null;
    await addToMonthlyCounts(tx, scope, { encounterId: id });
    await recordAudit(tx, scope, {
      action: "border.encounter.record",
      targetType: "border_encounter",
      targetId: id,
      ...(record.personId || group
        ? {
            details: {
              ...(record.personId
                ? { personId: record.personId, ownFieldsDropped: ownFieldsOf(record) }
                : {}),
              ...(group ? { familyGroup: group, familyOf: record.familyOf } : {}),
            },
          }
        : {}),
    });
    const stored = await findEncounter(tx, scope, id);
    return toEncounterView(deps.keyring, stored!);
  });
}

/** A page of encounters without personal fields. */
export async function listEncounterSummaries(
  deps: BorderDeps,
  scope: Scope,
  page: { limit: number; offset: number },
): Promise<{ encounters: EncounterSummary[]; total: number }> {
  return inScope(deps.db, scope, async (tx) => {
    const { rows, total } = await listEncounters(tx, scope, page.limit, page.offset);
    const encounters: EncounterSummary[] = rows.map((r) => ({
      id: r.id,
      reference: referenceOf("encounter", r.id),
      date: r.occurred,
      placeNation: r.place_nation,
      border: r.border,
      citizenship: r.citizenship,
      demographic: r.demographic as EncounterSummary["demographic"],
      authority: r.authority,
      createdAt: new Date(r.created_at).toISOString(),
    }));
    return { encounters, total };
  });
}

/** One encounter with its personal fields: an audited read. */
export async function readEncounter(deps: BorderDeps, scope: Scope, id: string) {
  return inScope(deps.db, scope, async (tx) => {
    const row = await findEncounter(tx, scope, id);
    if (!row) throw new AppError("NOT_FOUND", "encounter not found");
    await recordAudit(tx, scope, {
      action: "border.encounter.read",
      targetType: "border_encounter",
      targetId: id,
    });
    return toEncounterView(deps.keyring, row);
  });
}

/** Runs the assessment with the pack in force and the partner answers so far: an audited read. */
export async function assessEncounter(
  deps: BorderDeps,
  scope: Scope,
  id: string,
): Promise<EncounterAssessment> {
  return inScope(deps.db, scope, async (tx) => {
    const row = await findEncounter(tx, scope, id);
    if (!row) throw new AppError("NOT_FOUND", "encounter not found");
    const loaded = await deps.requirePack(tx, scope);
    const checks = await recordedChecksOf(tx, scope, id);
    const assessment = await assessStored(tx, scope, row, loaded);
    await recordAudit(tx, scope, {
      action: "border.encounter.assess",
      targetType: "border_encounter",
      targetId: id,
      details: { pack: `${loaded.packId}@${loaded.version}`, authority: assessment.authority },
    });
    const { pack } = loaded;
    return {
      encounterId: id,
      pack: packInForceView(loaded),
      checks: {
        priorResidence: checks.priorResidence as Record<string, "verified" | "not_found" | "pending">,
      },
      assessment,
      sources: pack.sources.map((s) => ({
        id: s.id,
        title: s.title,
        reference: s.reference ?? null,
        citation: formatCitation(s),
        kind: s.kind,
        issuer: s.issuer,
        date: s.date ?? null,
        verified: s.verification === "verified",
      })),
    };
  });
}

/** Border processing: encounters, the assessment with the pack in force, verification, decisions, statistics. */
export function createBorderService(platform: Platform) {
  const deps = borderDeps(platform);
  const { db, keyring, requirePack } = deps;
  return {
    ...createVerificationService(db, keyring),
    ...createDecisionsService(deps),
    ...createSafeguardsService(db, requirePack),
    ...createLinksService(db, keyring, requirePack),
    worklist: createApprovalWorklistService(db),
    loadPack: (scope: Scope, text: string) => loadPolicyPack(deps, scope, text),
    packInForce: (scope: Scope) => readPackInForce(deps, scope),
    recordEncounter: (scope: Scope, record: EncounterRecord) => recordEncounter(deps, scope, record),
    importEncounters: (scope: Scope, input: ImportInput) => importEncounterCsv(deps, scope, input),
    listEncounters: (scope: Scope, page: { limit: number; offset: number }) =>
      listEncounterSummaries(deps, scope, page),
    getEncounter: (scope: Scope, id: string) => readEncounter(deps, scope, id),
    assessEncounter: (scope: Scope, id: string) => assessEncounter(deps, scope, id),
    dispositionStats: (scope: Scope) => countDispositions(deps, scope),
    returnStats: (scope: Scope) => countThirdCountryReturns(deps, scope),
    cbpMonthly: (scope: Scope, range: { from?: string | undefined; to?: string | undefined } = {}) =>
      listCbpMonthly(deps, scope, range),
  };
}

export type BorderService = ReturnType<typeof createBorderService>;

/** Whether a record carries names, a birth date or documents of its own. */
function ownFieldsOf(record: EncounterRecord): boolean {
  return (
    record.givenNames !== undefined ||
    record.familyNames !== undefined ||
    record.birthDate !== undefined ||
    record.documents.length > 0
  );
}
