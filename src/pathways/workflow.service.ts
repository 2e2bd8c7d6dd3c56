import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { bindActions } from "../platform/bind-actions.ts";
import { decryptField } from "../platform/crypto/field-crypto.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Db, Tx } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import { personExistsInScope } from "../registry/index.ts";
import { refusal } from "../shared/refusal.ts";
import type { ApplicationDetail, ApplicationSummary } from "./applications.contract.ts";
import {
  type ApplicationRow,
  changeStage,
  findApplication,
  setPerson,
  stageHistory,
} from "./applications.store.ts";
import { createAppointmentsService, slotTime } from "./appointments.service.ts";
import { appointmentOf } from "./appointments.store.ts";
import { arrivalOfApplication } from "./arrival.store.ts";
import {
  ANSWERS_CONTEXT,
  CONTACT_CONTEXT,
  NAME_CONTEXT,
  STAGE_REASON_CONTEXT,
} from "./engine/field-contexts.ts";
import type { Language } from "./engine/language.ts";
import { nextStepText, subjectText } from "./engine/status-texts.ts";
import { queueNotification } from "./outbox.service.ts";
import { openText, sealText } from "./pathway-text.codec.ts";
import { NEXT_STAGES, type Stage } from "./pathways.contract.ts";
import { linkApplication } from "./person-link.service.ts";

/** Refuses a change to an erased application (by its applicant, with its person, or by retention). */
export function refuseErased(app: ApplicationRow): void {
  if (app.stage === "erased") {
    throw new AppError("CONFLICT", "this application was erased; it cannot be changed", refusal("erased"));
  }
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** What leaves the server about an application in a list (no personal fields). */
export function presentSummary(row: ApplicationRow): ApplicationSummary {
  return {
    id: row.id,
    trackingCode: row.tracking_code,
    pathwayId: row.pathway_id,
    stage: row.stage as ApplicationSummary["stage"],
    decision: row.decision as ApplicationSummary["decision"],
    screeningResult: row.screening_result as ApplicationSummary["screeningResult"],
    language: row.language,
    personId: row.person_id,
    referredFrom: row.referred_from,
    submittedAt: new Date(row.submitted_at).toISOString(),
    decidedAt: iso(row.decided_at),
  };
}

/** An application with its personal fields decrypted, its stage history and appointment (the caller audits). */
export async function describeApplication(
  tx: Tx,
  scope: Scope,
  keyring: Keyring,
  app: ApplicationRow,
): Promise<ApplicationDetail> {
  const history = await stageHistory(tx, scope, app.id);
  const appointment = await appointmentOf(tx, scope, app.id);
  return {
    ...presentSummary(app),
    answers: app.answers_enc
      ? (JSON.parse(decryptField(keyring, app.answers_enc, ANSWERS_CONTEXT)) as Record<string, unknown>)
      : {},
    fullName: app.full_name_enc ? decryptField(keyring, app.full_name_enc, NAME_CONTEXT) : null,
    contact: app.contact_enc ? decryptField(keyring, app.contact_enc, CONTACT_CONTEXT) : null,
    history: history.map((h) => ({
      fromStage: h.from_stage,
      toStage: h.to_stage,
      decision: h.decision,
      reason: openText(keyring, h.reason_enc, STAGE_REASON_CONTEXT),
      actor: h.actor_label,
      changedAt: new Date(h.changed_at).toISOString(),
    })),
    appointment: appointment
      ? {
          id: appointment.id,
          officeId: appointment.office_id,
          day: String(appointment.day),
          slot: appointment.slot,
          time: slotTime(appointment.slot),
        }
      : null,
    placement: presentPlacement(app, await arrivalOfApplication(tx, scope, app.id)),
  };
}

/**
 * The application's placement as it leaves the server, or null when no run took it; `arrival` is the
 * application's arrival row, if any (an outgoing one says where the household was moved).
 */
export function presentPlacement(
  app: ApplicationRow,
  arrival?: { direction: "incoming" | "outgoing"; to_tenant: string },
): ApplicationDetail["placement"] {
  if (app.placement_run_id === null || app.placed_at === null) return null;
  return {
    runId: app.placement_run_id,
    caseId: app.placement_case_id ?? "",
    placeId: app.placement_place_id,
    nation: app.placement_nation,
    locality: app.placement_locality,
    reason: app.placement_reason ?? "",
    placedAt: new Date(app.placed_at).toISOString(),
    arrivedOn: app.arrived_on === null ? null : String(app.arrived_on).slice(0, 10),
    movedTo: arrival?.direction === "outgoing" ? arrival.to_tenant : null,
  };
}

/** What the workflow actions share, built once per service. */
function workflowDeps(db: Db, keyring: Keyring) {
  return { db, keyring };
}

type WorkflowDeps = ReturnType<typeof workflowDeps>;

/** The application or 404; `forUpdate` for a change, so concurrent changes see each other. */
async function requireApplication(tx: Tx, scope: Scope, id: string, forUpdate = false) {
  const app = await findApplication(tx, scope, id, forUpdate);
  if (!app) throw new AppError("NOT_FOUND", "application not found");
  return app;
}

function notifyStage(
  deps: WorkflowDeps,
  tx: Tx,
  scope: Scope,
  app: ApplicationRow,
  stage: string,
  decision: string | null,
) {
  const { keyring } = deps;
  const lang = app.language as Language;
  const to = app.contact_enc ? decryptField(keyring, app.contact_enc, CONTACT_CONTEXT) : null;
  return queueNotification(tx, scope, keyring, {
    applicationId: app.id,
    kind: `stage.${stage}`,
    message: to
      ? {
          to,
          lang,
          subject: subjectText(lang),
          text: `${app.tracking_code}: ${nextStepText(stage, decision, lang)}`,
        }
      : null,
  });
}

/** One application with its personal fields decrypted; the read is audited. */
export function applicationDetail(deps: WorkflowDeps, scope: Scope, id: string): Promise<ApplicationDetail> {
  const { db, keyring } = deps;
  return inScope(db, scope, async (tx) => {
    const app = await requireApplication(tx, scope, id);
    const detail = await describeApplication(tx, scope, keyring, app);
    await recordAudit(tx, scope, {
      action: "pathway.application.read",
      targetType: "pathway_application",
      targetId: id,
    });
    return detail;
  });
}

/** Moves an application to a stage (with a decision when deciding); recorded, audited, notified. */
export function moveApplicationStage(
  deps: WorkflowDeps,
  scope: Scope,
  id: string,
  change: { stage: string; decision?: string | undefined; reason: string },
) {
  const { db, keyring } = deps;
  return inScope(db, scope, async (tx) => {
    const app = await requireApplication(tx, scope, id, true);
    refuseErased(app);
    if (change.decision === "referred") {
      throw new AppError("BAD_INPUT", "refer an application through a referral, which records the consent");
    }
    if (!(NEXT_STAGES[app.stage as Stage] as readonly string[] | undefined)?.includes(change.stage)) {
      throw new AppError(
        "CONFLICT",
        `an application in stage ${app.stage} cannot move to ${change.stage}`,
        refusal("stage_transition", { from: app.stage, to: change.stage }),
      );
    }
    await changeStage(tx, scope, app, {
      stage: change.stage,
      decision: change.decision,
      reasonEnc: sealText(keyring, change.reason, STAGE_REASON_CONTEXT),
    });
    await notifyStage(deps, tx, scope, app, change.stage, change.decision ?? null);
    await recordAudit(tx, scope, {
      action: "pathway.application.stage",
      targetType: "pathway_application",
      targetId: id,
      details: { from: app.stage, to: change.stage, decision: change.decision ?? null },
    });
    return presentSummary({ ...app, stage: change.stage, decision: change.decision ?? app.decision });
  });
}

/** Links the application to a person named by id (as the registry match does), or unlinks it (null). */
export function linkApplicationPerson(deps: WorkflowDeps, scope: Scope, id: string, personId: string | null) {
  const { db, keyring } = deps;
  return inScope(db, scope, async (tx) => {
    const app = await requireApplication(tx, scope, id, true);
    refuseErased(app);
    if (personId !== null && !(await personExistsInScope(tx, scope, personId))) {
      throw new AppError("NOT_FOUND", "personId: no such person in your nation's registry", {
        field: "personId",
      });
    }
    if (personId !== null) {
      // The same link as the registry match: the portal's consent recorded, the shield, both sides audited.
      await linkApplication(tx, scope, keyring, app, personId, { via: "by_id", at: new Date() });
    } else {
      await setPerson(tx, scope, id, null);
      await recordAudit(tx, scope, {
        action: "pathway.application.link_person",
        targetType: "pathway_application",
        targetId: id,
        details: { personId: null, previous: app.person_id },
      });
    }
    return presentSummary({ ...app, person_id: personId });
  });
}

/** The staff workflow: queues, detail (audited read), stage changes, person links and appointments. */
export function createWorkflowService(db: Db, keyring: Keyring) {
  const deps = workflowDeps(db, keyring);
  const notify = (tx: Tx, scope: Scope, app: ApplicationRow, stage: string, decision: string | null) =>
    notifyStage(deps, tx, scope, app, stage, decision);
  return {
    requireApplication,
    notify,
    ...bindActions(deps, {
      detail: applicationDetail,
      changeStage: moveApplicationStage,
      linkPerson: linkApplicationPerson,
    }),
    ...createAppointmentsService(db, keyring, { requireApplication, notify }),
  };
}

export type WorkflowService = ReturnType<typeof createWorkflowService>;
