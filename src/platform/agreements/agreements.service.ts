import { randomUUID } from "node:crypto";
import { refusal } from "../../shared/refusal.ts";
import { recordAudit } from "../audit/audit.ts";
import type { Scope } from "../auth/scope.ts";
import { tenantKind } from "../auth/tenants.store.ts";
import { bindActions } from "../bind-actions.ts";
import type { Database, Tx } from "../db/connect.ts";
import { decidePending } from "../db/decide-pending.ts";
import { bindTenant, inScope } from "../db/scoped.ts";
import { AppError } from "../errors.ts";
import type {
  AgreementDecision,
  AgreementProposal,
  AgreementView,
  DataCategory,
  SharingPurpose,
} from "./agreements.contract.ts";
import {
  type AgreementRow,
  agreementForUpdate,
  insertAgreementSide,
  listAgreements,
  liveAgreementWith,
  lockPair,
  partnerOfAgreement,
  partnersCovering,
  updateAgreementSide,
} from "./agreements.store.ts";

/** Today as YYYY-MM-DD in UTC: agreements are valid from and until calendar days. */
const today = (): string => new Date().toISOString().slice(0, 10);

function view(row: AgreementRow, day = today()): AgreementView {
  const inForce =
    row.status === "accepted" &&
    row.valid_from <= day &&
    (row.valid_until === null || row.valid_until >= day);
  return {
    id: row.id,
    partner: row.partner_tenant,
    proposedBy: row.proposed_by,
    purposes: row.purposes as SharingPurpose[],
    categories: row.categories as AgreementView["categories"],
    instrument: {
      title: row.instrument_title,
      reference: row.instrument_reference,
      date: row.instrument_date,
    },
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    status: row.status,
    statusReason: row.status_reason,
    inForce,
    createdBy: row.created_by,
    decidedBy: row.decided_by,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/**
 * The partners `tenantId` may share data with for `purpose` today, each with the categories of data the
 * purpose may carry: an accepted agreement whose validity covers today. Call it with the transaction bound to
 * `tenantId`.
 */
export function partnersUnderAgreement(
  tx: Tx,
  tenantId: string,
  purpose: SharingPurpose,
): Promise<Map<string, string[]>> {
  return partnersCovering(tx, tenantId, purpose, today());
}

/**
 * Fails with 403 and a sentence naming the missing agreement unless `tenantId` and `partner` have an accepted
 * agreement in force today that covers `purpose`; returns the categories of data the purpose may carry.
 */
export async function requireAgreement(
  tx: Tx,
  tenantId: string,
  partner: string,
  purpose: SharingPurpose,
): Promise<DataCategory[]> {
  const categories = (await partnersUnderAgreement(tx, tenantId, purpose)).get(partner);
  if (categories === undefined)
    throw new AppError(
      "FORBIDDEN",
      `no data-sharing agreement between ${tenantId} and ${partner} covers ${purpose}: an accepted agreement in force is needed`,
      { missingAgreement: { partner, purpose }, ...refusal("agreement_missing", { partner, purpose }) },
    );
  return categories as DataCategory[];
}

const DECISIONS: Record<
  AgreementDecision["decision"],
  { from: AgreementRow["status"][]; to: AgreementRow["status"] }
> = {
  accept: { from: ["proposed"], to: "accepted" },
  suspend: { from: ["accepted"], to: "suspended" },
  resume: { from: ["suspended"], to: "accepted" },
  end: { from: ["proposed", "accepted", "suspended"], to: "ended" },
};

/** What the agreements actions share, built once per service. */
function agreementsDeps(database: Database) {
  const { db } = database;
  return { database, db };
}

type AgreementsDeps = ReturnType<typeof agreementsDeps>;

/** Writes to the partner's row and chain with the transaction bound to the partner, then binds back. */
async function onPartnerSide(tx: Tx, scope: Scope, partner: string, write: () => Promise<void>) {
  await bindTenant(tx, partner);
  await write();
  await bindTenant(tx, scope.tenantId);
}

/** The agreements of the scope's tenant, live ones first. */
export function listNationAgreements(deps: AgreementsDeps, scope: Scope): Promise<AgreementView[]> {
  const { db } = deps;
  return inScope(db, scope, async (tx) => (await listAgreements(tx, scope.tenantId)).map((r) => view(r)));
}

/** Proposes an agreement to a partner; it binds nobody until the partner accepts it. */
export function proposeAgreement(
  deps: AgreementsDeps,
  scope: Scope,
  proposal: AgreementProposal,
): Promise<AgreementView> {
  const { db } = deps;
  return inScope(db, scope, async (tx) => {
    const partner = proposal.partner;
    if (partner === scope.tenantId)
      throw new AppError("BAD_INPUT", "partner: an agreement is made with another tenant", {
        field: "partner",
      });
    const [mine, theirs] = [await tenantKind(tx, scope.tenantId), await tenantKind(tx, partner)];
    if (theirs === undefined)
      throw new AppError("NOT_FOUND", `partner: no tenant ${partner}`, { field: "partner" });
    if (
      (mine === "secretariat" || theirs === "secretariat") &&
      proposal.purposes.some((p) => p !== "statistics")
    )
      throw new AppError(
        "BAD_INPUT",
        "purposes: the secretariat holds no personal data; an agreement with it carries statistics only",
        { field: "purposes" },
      );
    await lockPair(tx, scope.tenantId, partner);
    const live = await liveAgreementWith(tx, scope.tenantId, partner);
    if (live)
      throw new AppError(
        "CONFLICT",
        `an agreement with ${partner} is already ${live.status}: end it before proposing another`,
        { id: live.id, status: live.status },
      );
    const id = randomUUID();
    const side = {
      id,
      proposed_by: scope.tenantId,
      purposes: proposal.purposes,
      categories: JSON.stringify(proposal.categories),
      instrument_title: proposal.instrument.title,
      instrument_reference: proposal.instrument.reference,
      instrument_date: proposal.instrument.date,
      valid_from: proposal.validFrom,
      valid_until: proposal.validUntil,
      status: "proposed" as const,
      created_by: scope.actorLabel,
    };
    const details = { partner, purposes: proposal.purposes };
    await insertAgreementSide(tx, { ...side, tenant_id: scope.tenantId, partner_tenant: partner });
    await onPartnerSide(tx, scope, partner, async () => {
      await insertAgreementSide(tx, { ...side, tenant_id: partner, partner_tenant: scope.tenantId });
      await recordAudit(tx, scope, {
        tenantId: partner,
        action: "agreement.propose",
        targetType: "agreement",
        targetId: id,
        details: { partner: scope.tenantId, purposes: proposal.purposes },
      });
    });
    await recordAudit(tx, scope, {
      action: "agreement.propose",
      targetType: "agreement",
      targetId: id,
      details,
    });
    const row = await agreementForUpdate(tx, scope.tenantId, id);
    return view(row as AgreementRow);
  });
}

/** Accepts (the side that did not propose), suspends, resumes (the side that suspended) or ends. */
export function decideAgreement(
  deps: AgreementsDeps,
  scope: Scope,
  id: string,
  input: AgreementDecision,
): Promise<AgreementView> {
  const { db } = deps;
  return inScope(db, scope, async (tx) => {
    // Both sides deciding at once would each lock their own row, then wait for the other's: the pair's lock
    // comes first, so the second decision waits and then sees the first.
    const partner = await partnerOfAgreement(tx, scope.tenantId, id);
    if (partner) await lockPair(tx, scope.tenantId, partner);
    return decidePending(
      {
        what: "agreement",
        loadForUpdate: () => agreementForUpdate(tx, scope.tenantId, id),
        from: DECISIONS[input.decision].from,
      },
      async (row) => {
        if (input.decision === "accept" && row.proposed_by === scope.tenantId)
          throw new AppError("FORBIDDEN", `the partner accepts an agreement; ${scope.tenantId} proposed it`);
        if (input.decision === "resume" && row.decided_by_tenant !== scope.tenantId)
          throw new AppError(
            "FORBIDDEN",
            `${row.decided_by_tenant ?? "the partner"} suspended this agreement; only that side may resume it`,
          );
        const set = {
          status: DECISIONS[input.decision].to,
          status_reason: input.reason,
          decided_by: scope.actorLabel,
          decided_by_tenant: scope.tenantId,
        };
        const partner = row.partner_tenant;
        await updateAgreementSide(tx, scope.tenantId, id, set);
        await onPartnerSide(tx, scope, partner, async () => {
          await updateAgreementSide(tx, partner, id, set);
          await recordAudit(tx, scope, {
            tenantId: partner,
            action: `agreement.${input.decision}`,
            targetType: "agreement",
            targetId: id,
            details: { partner: scope.tenantId },
          });
        });
        await recordAudit(tx, scope, {
          action: `agreement.${input.decision}`,
          targetType: "agreement",
          targetId: id,
          details: { partner },
        });
        return view((await agreementForUpdate(tx, scope.tenantId, id)) as AgreementRow);
      },
    );
  });
}

/**
 * Data-sharing agreements between two tenants: one side proposes, the other accepts; either may suspend or end;
 * the side that suspended resumes. Both sides keep a row of the same agreement, and every change is written to
 * both rows and recorded on both audit chains in one transaction.
 */
export function createAgreementsService(database: Database) {
  return bindActions(agreementsDeps(database), {
    list: listNationAgreements,
    propose: proposeAgreement,
    decide: decideAgreement,
  });
}

export type AgreementsService = ReturnType<typeof createAgreementsService>;
