import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import type { Db, Tx } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import { referenceOf } from "../shared/reference-code.ts";
import { type AssessmentChecks, EncounterInput, type SafeguardCode } from "./border.contract.ts";
import { findEncounter } from "./border.store.ts";
import type {
  OpenSafeguards,
  SafeguardClosureInput,
  SafeguardReopenInput,
  SafeguardStatusView,
} from "./border-safeguards.contract.ts";
import { storedAssessmentInput } from "./encounter-rows.store.ts";
import { applicableSafeguardRules, safeguardRulesFor } from "./engine/assess-disposition.ts";
import { unhandledEffect, unhandledSafeguards } from "./engine/safeguards.ts";
import type { LoadedPack } from "./pack-in-force.store.ts";
import {
  insertSafeguardEvent,
  listOpenSafeguards,
  listSafeguardEvents,
  type OpenSafeguardRow,
} from "./safeguards.store.ts";
import { checksOf } from "./verification.service.ts";

// Safeguards always come first: one opened by an encounter holds every return it blocks until an authorised
// officer closes it on the record, with a reason and a reference to the evidence the pack asks for. The
// system explains and records; closing and reopening are new rows, audited, never edits.

type EventRow = Awaited<ReturnType<typeof listSafeguardEvents>>[number];

const isClosed = (events: EventRow[], code: string) =>
  events.filter((e) => e.safeguard === code).at(-1)?.action === "close";

/** Safeguards closed on the record for an encounter (the latest event of each says). */
export async function closedSafeguardsOf(
  tx: Tx,
  scope: Scope,
  encounterId: string,
): Promise<SafeguardCode[]> {
  const events = await listSafeguardEvents(tx, scope, encounterId);
  const codes = [...new Set(events.map((e) => e.safeguard as SafeguardCode))];
  return codes.filter((code) => isClosed(events, code));
}

/** Everything on the record the assessment reads: partner answers and closed safeguards. */
export async function recordedChecksOf(tx: Tx, scope: Scope, encounterId: string): Promise<AssessmentChecks> {
  const checks = await checksOf(tx, scope, encounterId);
  const closed = await closedSafeguardsOf(tx, scope, encounterId);
  return closed.length > 0 ? { ...checks, closedSafeguards: closed } : checks;
}

function statusViews(
  row: EncounterRowOf,
  pack: LoadedPack["pack"],
  events: EventRow[],
): SafeguardStatusView[] {
  const input = storedAssessmentInput(row);
  const rules = safeguardRulesFor(input, pack);
  const opened = [
    ...rules.map((r) => ({
      code: r.code,
      effect: r.effect,
      evidenceNeeded: r.evidence,
    })),
    ...unhandledSafeguards(input, rules).map((code) => ({
      code,
      effect: unhandledEffect,
      evidenceNeeded: [] as string[],
    })),
  ];
  return opened.map((s) => ({
    ...s,
    status: isClosed(events, s.code) ? "closed" : "open",
    history: events
      .filter((e) => e.safeguard === s.code)
      .map((e) => ({
        id: e.id,
        action: e.action,
        reason: e.reason,
        evidenceKind: e.evidence_kind,
        evidenceReference: e.evidence_reference,
        by: e.recorded_by,
        at: new Date(e.recorded_at).toISOString(),
      })),
  }));
}

/** The facts the authority in force depends on, from a row of the supervisor's queue. */
function queueInput(r: OpenSafeguardRow): EncounterInput {
  return EncounterInput.parse({
    date: r.occurred,
    citizenship: r.citizenship,
    demographic: r.demographic,
    ...(r.border === null ? {} : { border: r.border }),
    entry: r.entry,
  });
}

type EncounterRowOf = NonNullable<Awaited<ReturnType<typeof findEncounter>>>;

/** What the safeguard actions need: the database and the pack in force (required). */
export interface SafeguardsDeps {
  db: Db;
  requirePack: (tx: Tx, scope: Scope) => Promise<LoadedPack>;
}

/** The safeguards an encounter opened, each open or closed with its history, under the pack in force. */
async function safeguardsOf(deps: SafeguardsDeps, tx: Tx, scope: Scope, encounterId: string) {
  const row = await findEncounter(tx, scope, encounterId);
  if (!row) throw new AppError("NOT_FOUND", "encounter not found");
  const { pack } = await deps.requirePack(tx, scope);
  return statusViews(row, pack, await listSafeguardEvents(tx, scope, encounterId));
}

/** One safeguard the encounter opened, or a conflict naming the code it did not open. */
async function openedSafeguard(
  deps: SafeguardsDeps,
  tx: Tx,
  scope: Scope,
  encounterId: string,
  code: SafeguardCode,
) {
  const found = (await safeguardsOf(deps, tx, scope, encounterId)).find((s) => s.code === code);
  if (!found) throw new AppError("CONFLICT", `this encounter did not open the ${code} safeguard`);
  return found;
}

/** The supervisor's queue: safeguards still open, with the effect and evidence the pack in force names. */
export async function listSafeguardQueue(
  deps: SafeguardsDeps,
  scope: Scope,
  page: { limit: number; offset: number },
): Promise<OpenSafeguards> {
  return inScope(deps.db, scope, async (tx) => {
    const { pack } = await deps.requirePack(tx, scope);
    const rows = await listOpenSafeguards(tx, scope, page.limit, page.offset);
    const safeguards = rows.map((r) => {
      const rule = applicableSafeguardRules(queueInput(r), pack).find((s) => s.code === r.safeguard);
      return {
        encounterId: r.encounter_id,
        encounterReference: referenceOf("encounter", r.encounter_id),
        date: r.occurred,
        citizenship: r.citizenship,
        demographic: r.demographic,
        code: r.safeguard as SafeguardCode,
        effect: rule?.effect ?? unhandledEffect,
        evidenceNeeded: rule?.evidence ?? [],
      };
    });
    return { safeguards };
  });
}

/** The safeguards the encounter opened, each open or closed, with its history and the evidence needed. */
export async function listEncounterSafeguards(
  deps: SafeguardsDeps,
  scope: Scope,
  encounterId: string,
): Promise<SafeguardStatusView[]> {
  return inScope(deps.db, scope, (tx) => safeguardsOf(deps, tx, scope, encounterId));
}

/** An officer closes an open safeguard with a reason and a reference to evidence the pack asks for. */
export async function closeSafeguard(
  deps: SafeguardsDeps,
  scope: Scope,
  encounterId: string,
  code: SafeguardCode,
  input: SafeguardClosureInput,
): Promise<SafeguardStatusView[]> {
  return inScope(deps.db, scope, async (tx) => {
    const safeguard = await openedSafeguard(deps, tx, scope, encounterId, code);
    if (safeguard.status === "closed")
      throw new AppError("CONFLICT", `the ${code} safeguard is closed already`);
    if (safeguard.evidenceNeeded.length > 0 && !safeguard.evidenceNeeded.includes(input.evidenceKind)) {
      throw new AppError(
        "BAD_INPUT",
        `evidenceKind: name one of the evidence the pack asks for: ${safeguard.evidenceNeeded.join("; ")}`,
        { field: "evidenceKind" },
      );
    }
    const event = await insertSafeguardEvent(tx, scope, {
      encounterId,
      safeguard: code,
      action: "close",
      reason: input.reason,
      evidenceKind: input.evidenceKind,
      evidenceReference: input.evidenceReference,
    });
    await recordAudit(tx, scope, {
      action: "border.safeguard.close",
      targetType: "border_encounter",
      targetId: encounterId,
      details: {
        safeguard: code,
        event: event.id,
        evidenceKind: input.evidenceKind,
        evidenceReference: input.evidenceReference,
      },
    });
    return safeguardsOf(deps, tx, scope, encounterId);
  });
}

/** Reopens a closed safeguard (a correction); from then on it holds returns again. */
export async function reopenSafeguard(
  deps: SafeguardsDeps,
  scope: Scope,
  encounterId: string,
  code: SafeguardCode,
  input: SafeguardReopenInput,
): Promise<SafeguardStatusView[]> {
  return inScope(deps.db, scope, async (tx) => {
    const safeguard = await openedSafeguard(deps, tx, scope, encounterId, code);
    if (safeguard.status === "open") throw new AppError("CONFLICT", `the ${code} safeguard is open already`);
    const event = await insertSafeguardEvent(tx, scope, {
      encounterId,
      safeguard: code,
      action: "reopen",
      reason: input.reason,
      evidenceKind: null,
      evidenceReference: null,
    });
    await recordAudit(tx, scope, {
      action: "border.safeguard.reopen",
      targetType: "border_encounter",
      targetId: encounterId,
      details: { safeguard: code, event: event.id },
    });
    return safeguardsOf(deps, tx, scope, encounterId);
  });
}

/** Binds the safeguard actions to the database and the pack in force, for the border service. */
export function createSafeguardsService(db: Db, requirePack: (tx: Tx, scope: Scope) => Promise<LoadedPack>) {
  const deps: SafeguardsDeps = { db, requirePack };
  return {
    openSafeguards: (scope: Scope, page: { limit: number; offset: number }) =>
      listSafeguardQueue(deps, scope, page),
    listSafeguards: (scope: Scope, encounterId: string) => listEncounterSafeguards(deps, scope, encounterId),
    closeSafeguard: (scope: Scope, encounterId: string, code: SafeguardCode, input: SafeguardClosureInput) =>
      closeSafeguard(deps, scope, encounterId, code, input),
    reopenSafeguard: (scope: Scope, encounterId: string, code: SafeguardCode, input: SafeguardReopenInput) =>
      reopenSafeguard(deps, scope, encounterId, code, input),
  };
}
