import { requireAgreement } from "../platform/agreements/agreements.service.ts";
import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { tenantKind } from "../platform/auth/tenants.store.ts";
import { decryptField } from "../platform/crypto/field-crypto.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Db, Tx } from "../platform/db/connect.ts";
import { bindTenant, inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import { encodeResidenceQuestion, personIdentityForEncoding } from "../registry/index.ts";
import type { AssessmentChecks, CheckStatus } from "./border.contract.ts";
import { findEncounter } from "./border.store.ts";
import type { VerificationView } from "./border-records.contract.ts";
import { ENCOUNTER_CONTEXTS } from "./encounter-rows.store.ts";
import {
  insertVerificationRequest,
  listRequestsForEncounter,
  type RequestWithAnswer,
} from "./verification.store.ts";
import {
  answerVerification,
  changeVerificationSettings,
  deliverQuestion,
  listVerificationInbox,
  type VerificationDeps,
} from "./verification-answers.service.ts";

// Prior-residence verification between nations. The question carries only the regional encoding of name and
// date of birth and the day it asks about; the partner answers from its registry (a residence document it issued,
// valid on that day), and the answer says only yes/no, permit type and dates. The partner's own setting decides
// whether it answers at once (auto) or after a person with `verification.answer` reviews it. Both chains of
// audit record each step. This file is the asking side; verification-answers.service.ts the answering side.

type EncounterRow = NonNullable<Awaited<ReturnType<typeof findEncounter>>>;

/** The day a question asks about by default: the end of the stated residence in the country, or the encounter. */
function defaultDay(
  row: { encountered_on: string | Date; prior_residences: unknown },
  country: string,
): string {
  const stated = (row.prior_residences as { country: string; to?: string }[]).flatMap((r) =>
    r.country === country && r.to ? [r.to] : [],
  );
  return stated.sort().at(-1) ?? String(row.encountered_on).slice(0, 10);
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The view of a request with its answer. */
export function toVerificationView(r: RequestWithAnswer): VerificationView {
  return {
    id: r.id,
    encounterId: r.encounter_id,
    country: r.partner_tenant,
    requestedAt: new Date(r.requested_at).toISOString(),
    asOf: String(r.as_of).slice(0, 10),
    status: r.result ?? "pending",
    permitType: r.permit_type,
    validFrom: r.valid_from === null ? null : String(r.valid_from).slice(0, 10),
    validTo: r.valid_to === null ? null : String(r.valid_to).slice(0, 10),
    mode: r.mode,
    answeredAt: iso(r.answered_at),
  };
}

/** The partner answers recorded so far for an encounter, per country: the latest question decides. */
export async function checksOf(tx: Tx, scope: Scope, encounterId: string): Promise<AssessmentChecks> {
  const priorResidence: Partial<Record<string, CheckStatus>> = {};
  for (const r of await listRequestsForEncounter(tx, scope, encounterId)) {
    priorResidence[r.partner_tenant] = r.result ?? "pending";
  }
  return { priorResidence };
}

/** Who the question is about: an encounter linked to a registered person keeps no names, so the registry's are encoded. */
async function subjectOf(keyring: Keyring, tx: Tx, scope: Scope, row: EncounterRow) {
  const open = (value: string | null, context: string) =>
    value === null ? null : decryptField(keyring, value, context);
  const linked = row.person_id
    ? await personIdentityForEncoding(tx, scope, keyring, row.person_id)
    : undefined;
  const givenNames = linked?.givenNames ?? open(row.given_names_enc, ENCOUNTER_CONTEXTS.given_names_enc);
  const familyNames = linked?.familyNames ?? open(row.family_names_enc, ENCOUNTER_CONTEXTS.family_names_enc);
  const birthDate = linked?.birthDate ?? open(row.birth_date_enc, ENCOUNTER_CONTEXTS.birth_date_enc);
  if (!givenNames || !familyNames || !birthDate) {
    throw new AppError(
      "BAD_INPUT",
      row.person_id
        ? "a verification needs the linked person's names and full date of birth in the registry to encode"
        : "a verification needs the encounter's names and date of birth to encode",
    );
  }
  return { givenNames, familyNames, birthDate };
}

/** The day asked about: the one given, or by default; never after the encounter. */
function questionDay(row: EncounterRow, country: string, day: string | undefined): string {
  const asOf = day ?? defaultDay(row, country);
  if (asOf > String(row.encountered_on).slice(0, 10))
    throw new AppError("BAD_INPUT", "asOf: the day asked about cannot be after the encounter", {
      field: "body.asOf",
    });
  return asOf;
}

/** Asks a partner nation whether it holds a residence record for the encounter's person. */
export async function requestVerification(
  deps: VerificationDeps,
  scope: Scope,
  encounterId: string,
  country: string,
  day?: string,
): Promise<VerificationView> {
  return inScope(deps.db, scope, async (tx): Promise<VerificationView> => {
    const row = await findEncounter(tx, scope, encounterId);
    if (!row) throw new AppError("NOT_FOUND", "encounter not found");
    if (country === scope.tenantId) throw new AppError("BAD_INPUT", "ask a partner nation, not your own");
    if ((await tenantKind(tx, country)) !== "nation")
      throw new AppError("BAD_INPUT", `${country} is not a partner nation`);
    const asOf = questionDay(row, country, day);
    await requireAgreement(tx, scope.tenantId, country, "prior_residence_verification");
    const encoding = encodeResidenceQuestion(deps.keyring, await subjectOf(deps.keyring, tx, scope, row));
    const created = await insertVerificationRequest(tx, scope, {
      encounterId,
      partner: country,
      encoding,
      asOf,
    });
    await recordAudit(tx, scope, {
      action: "border.verification.request",
      targetType: "border_verification",
      targetId: created.id,
      details: { country },
    });
    await deliverQuestion(deps, tx, scope, { id: created.id, country, encoding, asOf });
    await bindTenant(tx, scope.tenantId);
    const views = await listRequestsForEncounter(tx, scope, encounterId);
    return toVerificationView(views.find((v) => v.id === created.id)!);
  });
}

/** The questions asked about one encounter and their answers. */
export async function listEncounterVerifications(
  deps: VerificationDeps,
  scope: Scope,
  encounterId: string,
): Promise<VerificationView[]> {
  return inScope(deps.db, scope, async (tx) => {
    if (!(await findEncounter(tx, scope, encounterId)))
      throw new AppError("NOT_FOUND", "encounter not found");
    return (await listRequestsForEncounter(tx, scope, encounterId)).map(toVerificationView);
  });
}

/** Binds the verification actions, asking and answering, to the database and the keys, for the border service. */
export function createVerificationService(db: Db, keyring: Keyring) {
  const deps: VerificationDeps = { db, keyring };
  return {
    requestVerification: (scope: Scope, encounterId: string, country: string, day?: string) =>
      requestVerification(deps, scope, encounterId, country, day),
    listVerifications: (scope: Scope, encounterId: string) =>
      listEncounterVerifications(deps, scope, encounterId),
    verificationInbox: (scope: Scope) => listVerificationInbox(deps, scope),
    answerVerification: (
      scope: Scope,
      requestId: string,
      input: { fromNation: string; result: "verified" | "not_found"; personId?: string | undefined },
    ) => answerVerification(deps, scope, requestId, input),
    saveVerificationSettings: (scope: Scope, autoAnswer: boolean) =>
      changeVerificationSettings(deps, scope, autoAnswer),
  };
}
