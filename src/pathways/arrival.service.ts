import { randomUUID } from "node:crypto";
import { requireAgreement } from "../platform/agreements/agreements.service.ts";
import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { bindActions } from "../platform/bind-actions.ts";
import { decryptField, encryptField } from "../platform/crypto/field-crypto.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Db, Tx } from "../platform/db/connect.ts";
import { bindTenant, inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import {
  householdForTransfer,
  householdOrSelf,
  registerArrivedHousehold,
  type TransferMember,
} from "../registry/index.ts";
import type { ApplicationPlacement } from "./applications.contract.ts";
import { type ApplicationRow, findApplication } from "./applications.store.ts";
import type { ArrivalRecord, ArrivalTransferCreate, ArrivalView } from "./arrival.contract.ts";
import {
  type ArrivalRow,
  arrivalOfApplication,
  findArrivalForUpdate,
  insertArrival,
  listArrivals,
  setApplicationsArrived,
  setArrived,
} from "./arrival.store.ts";
import { auditSides } from "./audit-sides.service.ts";
import { ARRIVAL_CONSENT_CONTEXT, ARRIVAL_CONTEXT } from "./engine/field-contexts.ts";
import { sealText } from "./pathway-text.codec.ts";
import { presentPlacement, refuseErased } from "./workflow.service.ts";

// Arrivals of placed households. A household placed in the placing nation itself arrives there: the officer
// records the day. A household placed in another nation moves there first, with the applicant's consent and
// under an agreement for cross-border referral: its registry record travels encrypted to the receiving nation,
// whose officer records the arrival and whose registry then registers the household. Each side audits on its
// own chain; pledges count the persons arrived.

const iso = (at: Date | null) => (at === null ? null : at.toISOString());

/** What leaves the server about an arrival. */
function presentArrival(row: ArrivalRow): ArrivalView {
  return {
    id: row.id,
    direction: row.direction,
    fromNation: row.from_tenant,
    toNation: row.to_tenant,
    applicationId: row.application_id,
    trackingCode: row.tracking_code,
    locality: row.locality,
    persons: row.persons,
    status: row.status,
    consentAt: iso(row.consent_at),
    createdAt: row.created_at.toISOString(),
    arrivedOn: row.arrived_on === null ? null : String(row.arrived_on).slice(0, 10),
    householdId: row.household_id,
  };
}

/** Refuses an arrival day in the future or before `earliest` (yyyy-mm-dd), naming the field. */
function checkDay(arrivedOn: string, earliest: Date, today: Date): void {
  if (arrivedOn > today.toISOString().slice(0, 10)) {
    throw new AppError("BAD_INPUT", "arrivedOn: the day is in the future", { field: "arrivedOn" });
  }
  const first = earliest.toISOString().slice(0, 10);
  if (arrivedOn < first) {
    throw new AppError("BAD_INPUT", `arrivedOn: before the household was placed (${first})`, {
      field: "arrivedOn",
    });
  }
}

/** The application's placement, or 409 saying what is missing. */
function requirePlaced(app: ApplicationRow) {
  refuseErased(app);
  if (app.placement_run_id === null || app.placement_case_id === null || app.placed_at === null) {
    throw new AppError("CONFLICT", "the application's household has not been placed: run a placement first");
  }
  if (app.placement_place_id === null || app.placement_nation === null) {
    throw new AppError("CONFLICT", "the application's household was not placed (see the placement's reason)");
  }
  if (app.arrived_on !== null) throw new AppError("CONFLICT", "the household's arrival is already recorded");
  return {
    runId: app.placement_run_id,
    caseId: app.placement_case_id,
    nation: app.placement_nation,
    locality: app.placement_locality ?? "",
    placedAt: app.placed_at,
  };
}

/** What the arrival actions share, built once per service. */
function arrivalDeps(db: Db, keyring: Keyring, clock: () => Date) {
  return { db, keyring, clock };
}

type ArrivalDeps = ReturnType<typeof arrivalDeps>;

async function requireApplication(tx: Tx, scope: Scope, id: string) {
  const app = await findApplication(tx, scope, id, true);
  if (!app) throw new AppError("NOT_FOUND", "application not found");
  return app;
}

/** The nation's arrivals of one direction, newest first. */
export function listNationArrivals(
  deps: ArrivalDeps,
  scope: Scope,
  direction: "incoming" | "outgoing",
): Promise<ArrivalView[]> {
  const { db } = deps;
  return inScope(db, scope, async (tx) => (await listArrivals(tx, scope, direction)).map(presentArrival));
}

/** Records the arrival of a household the nation placed in one of its own places. */
export function recordOwnArrival(
  deps: ArrivalDeps,
  scope: Scope,
  applicationId: string,
  input: ArrivalRecord,
): Promise<ApplicationPlacement> {
  const { db, clock, keyring } = deps;
  return inScope(db, scope, async (tx) => {
    const app = await requireApplication(tx, scope, applicationId);
    const placed = requirePlaced(app);
    if (placed.nation !== scope.tenantId) {
      throw new AppError(
        "CONFLICT",
        `the household was placed in ${placed.nation}: move it there (arrival-transfer) and ${placed.nation} records the arrival`,
      );
    }
    checkDay(input.arrivedOn, placed.placedAt, clock());
    const household = app.person_id ? await householdOrSelf(tx, scope, keyring, app.person_id) : undefined;
    const ids = await setApplicationsArrived(
      tx,
      scope.tenantId,
      placed.runId,
      placed.caseId,
      input.arrivedOn,
    );
    const at = clock();
    await insertArrival(tx, scope.tenantId, {
      id: randomUUID(),
      direction: "incoming",
      from_tenant: scope.tenantId,
      to_tenant: scope.tenantId,
      application_id: app.id,
      tracking_code: app.tracking_code,
      locality: placed.locality,
      persons: household?.members.length ?? 1,
      status: "arrived",
      consent_text_enc: null,
      consent_at: null,
      payload_enc: null,
      created_by: scope.actorLabel,
      arrived_on: input.arrivedOn,
      recorded_by: scope.actorLabel,
      recorded_at: at,
      household_id: household && household.id !== household.principalId ? household.id : null,
    });
    for (const id of ids) {
      await recordAudit(tx, scope, {
        action: "pathway.application.arrival",
        targetType: "pathway_application",
        targetId: id,
        details: {
          arrivedOn: input.arrivedOn,
          nation: scope.tenantId,
          persons: household?.members.length ?? 1,
        },
      });
    }
    const updated = await requireApplication(tx, scope, applicationId);
    return presentPlacement(updated)!;
  });
}

/**
 * Moves a household placed in another nation there: its registry record under the agreement's categories,
 * with the applicant's consent; the receiving nation sees an expected arrival.
 */
export function transferHousehold(
  deps: ArrivalDeps,
  scope: Scope,
  applicationId: string,
  input: ArrivalTransferCreate,
): Promise<ArrivalView> {
  const { db, keyring, clock } = deps;
  return inScope(db, scope, async (tx) => {
    const app = await requireApplication(tx, scope, applicationId);
    const placed = requirePlaced(app);
    if (placed.nation === scope.tenantId) {
      throw new AppError("CONFLICT", "the household was placed in your own nation: record its arrival");
    }
    if (await arrivalOfApplication(tx, scope, app.id)) {
      throw new AppError("CONFLICT", "the household has already been moved to the receiving nation");
    }
    if (app.person_id === null) {
      throw new AppError("CONFLICT", "link the application to its registry person first");
    }
    const categories = await requireAgreement(tx, scope.tenantId, placed.nation, "cross_border_referral");
    const members = await householdForTransfer(tx, scope, keyring, app.person_id, placed.nation, categories);
    const at = clock();
    const side = {
      id: randomUUID(),
      from_tenant: scope.tenantId,
      to_tenant: placed.nation,
      application_id: app.id,
      tracking_code: app.tracking_code,
      locality: placed.locality,
      persons: members.length,
      status: "expected" as const,
      consent_at: at,
      created_by: scope.actorLabel,
      arrived_on: null,
      recorded_by: null,
      recorded_at: null,
      household_id: null,
    };
    const outgoing = {
      ...side,
      direction: "outgoing" as const,
      consent_text_enc: sealText(keyring, input.consentText, ARRIVAL_CONSENT_CONTEXT),
      payload_enc: null,
    };
    await insertArrival(tx, scope.tenantId, outgoing);
    await bindTenant(tx, placed.nation);
    await insertArrival(tx, placed.nation, {
      ...side,
      direction: "incoming",
      consent_text_enc: sealText(keyring, input.consentText, ARRIVAL_CONSENT_CONTEXT),
      payload_enc: encryptField(keyring, JSON.stringify(members), ARRIVAL_CONTEXT),
    });
    await auditSides(tx, scope, [
      {
        tenantId: scope.tenantId,
        action: "pathway.arrival.transfer",
        targetType: "pathway_application",
        targetId: app.id,
        details: { arrivalId: side.id, to: placed.nation, persons: members.length },
      },
      {
        tenantId: placed.nation,
        action: "pathway.arrival.expected",
        targetType: "pathway_arrival",
        targetId: side.id,
        details: { from: scope.tenantId, persons: members.length },
      },
    ]);
    return presentArrival({ ...outgoing, tenant_id: scope.tenantId, created_at: at });
  });
}

/**
 * The receiving nation records the arrival of a household moved to it: its registry registers the
 * household (likely duplicates go to review), both sides are marked arrived, the placing nation's
 * applications carry the day.
 */
export function recordTransferredArrival(
  deps: ArrivalDeps,
  scope: Scope,
  arrivalId: string,
  input: ArrivalRecord,
): Promise<ArrivalView> {
  const { db, clock, keyring } = deps;
  return inScope(db, scope, async (tx) => {
    const row = await findArrivalForUpdate(tx, scope, arrivalId);
    if (row?.direction !== "incoming") throw new AppError("NOT_FOUND", "arrival not found");
    if (row.status !== "expected" || row.payload_enc === null) {
      throw new AppError("CONFLICT", "the household's arrival is already recorded");
    }
    checkDay(input.arrivedOn, row.created_at, clock());
    const members = JSON.parse(decryptField(keyring, row.payload_enc, ARRIVAL_CONTEXT)) as TransferMember[];
    const { householdId, personIds } = await registerArrivedHousehold(
      tx,
      scope,
      keyring,
      members,
      `arrived from ${row.from_tenant} (resettlement, ${row.tracking_code})`,
    );
    const at = clock();
    const values = { arrivedOn: input.arrivedOn, recordedBy: scope.actorLabel, at };
    await setArrived(tx, scope.tenantId, row.id, { ...values, householdId });
    await bindTenant(tx, row.from_tenant);
    await setArrived(tx, row.from_tenant, row.id, { ...values, householdId: null });
    const sent = await findApplication(tx, { ...scope, tenantId: row.from_tenant }, row.application_id);
    if (sent?.placement_run_id && sent.placement_case_id) {
      await setApplicationsArrived(
        tx,
        row.from_tenant,
        sent.placement_run_id,
        sent.placement_case_id,
        input.arrivedOn,
      );
    }
    await auditSides(tx, scope, [
      {
        tenantId: scope.tenantId,
        action: "pathway.arrival.recorded",
        targetType: "pathway_arrival",
        targetId: row.id,
        details: { arrivedOn: input.arrivedOn, householdId, persons: personIds.length },
      },
      {
        tenantId: row.from_tenant,
        action: "pathway.application.arrival",
        targetType: "pathway_application",
        targetId: row.application_id,
        details: { arrivedOn: input.arrivedOn, nation: scope.tenantId, persons: personIds.length },
      },
    ]);
    return presentArrival({
      ...row,
      status: "arrived",
      arrived_on: input.arrivedOn,
      household_id: householdId,
      payload_enc: null,
    });
  });
}

/** Arrivals: in the placing nation itself, and moves to and arrivals in another nation. */
export function createArrivalService(db: Db, keyring: Keyring, clock: () => Date) {
  return bindActions(arrivalDeps(db, keyring, clock), {
    list: listNationArrivals,
    recordOwn: recordOwnArrival,
    transfer: transferHousehold,
    arrived: recordTransferredArrival,
  });
}

export type ArrivalService = ReturnType<typeof createArrivalService>;
