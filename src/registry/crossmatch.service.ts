import { randomUUID } from "node:crypto";
import { partnersUnderAgreement, requireAgreement } from "../platform/agreements/agreements.service.ts";
import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { bindActions } from "../platform/bind-actions.ts";
import { decryptField, encryptField } from "../platform/crypto/field-crypto.ts";
import type { Tx } from "../platform/db/connect.ts";
import { decidePending } from "../platform/db/decide-pending.ts";
import { bindTenant, inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import type { Platform } from "../platform/platform.ts";
import { refusal } from "../shared/refusal.ts";
import type { ReferralView } from "./crossmatch.contract.ts";
import {
  clkOf,
  findIncomingReferralForUpdate,
  insertConsent,
  insertReferral,
  likelyMatchIn,
  listReferrals,
  openReferralsForUpdate,
  partnersOf,
  updateReferralSide,
} from "./crossmatch.store.ts";
import { sharedUnder } from "./engine/referral-share.ts";
import { CONTEXT, openPerson } from "./person-seal.codec.ts";
import type { ConsentPurpose } from "./registry.contract.ts";
import { findPerson, findPersonInNation, hasConsent } from "./registry.store.ts";
import { createRegistryText } from "./registry-text.service.ts";

/** What the crossmatch actions share, built once per service. */
function crossmatchDeps(platform: Platform) {
  const { db } = platform.database;
  const { keyring } = platform;
  const text = createRegistryText(keyring);
  return { platform, db, keyring, text };
}

type CrossmatchDeps = ReturnType<typeof crossmatchDeps>;

async function ownPerson(tx: Tx, scope: Scope, personId: string) {
  const row = await findPerson(tx, scope, personId);
  if (!row) throw new AppError("NOT_FOUND", "personId: no such person in your reach", { field: "personId" });
  const clk = await clkOf(tx, scope, personId);
  if (!clk) throw new AppError("CONFLICT", "this person has no regional encoding");
  return { row, clk };
}

/** Moves both sides of a referral to a status; the partner side is updated with the transaction bound to it. */
async function setStatus(
  deps: CrossmatchDeps,
  tx: Tx,
  scope: Scope,
  ref: { id: string; partner_tenant: string },
  status: ReferralView["status"],
  reason: string,
  shared: string | null,
) {
  const { text } = deps;
  const set = { status, decided_by: scope.actorLabel, decided_at: new Date() };
  // Each side's copy is encrypted on its own: two rows never share a ciphertext.
  await updateReferralSide(tx, scope.tenantId, ref.id, {
    ...set,
    status_reason_enc: text.seal("referralStatusReason", reason),
    shared_enc: null,
  });
  await bindTenant(tx, ref.partner_tenant);
  await updateReferralSide(tx, ref.partner_tenant, ref.id, {
    ...set,
    status_reason_enc: text.seal("referralStatusReason", reason),
    shared_enc: shared,
  });
  await recordAudit(tx, scope, {
    tenantId: ref.partner_tenant,
    action: `referral.${status}`,
    targetType: "referral",
    targetId: ref.id,
  });
  await bindTenant(tx, scope.tenantId);
  await recordAudit(tx, scope, { action: `referral.${status}`, targetType: "referral", targetId: ref.id });
}

/**
 * Asks every partner whether it holds a likely match, for a purpose the person has consented to; the answer
 * names the holding nations only, and never a nation that holds the person shielded from the asker.
 */
export async function queryPartners(
  deps: CrossmatchDeps,
  scope: Scope,
  input: { personId: string; purpose: ConsentPurpose },
) {
  const { db } = deps;
  const { personId, purpose } = input;
  const { clk, partners } = await inScope(db, scope, async (tx) => {
    const own = await ownPerson(tx, scope, personId);
    if (!(await hasConsent(tx, scope, personId, purpose)))
      throw new AppError(
        "FORBIDDEN",
        `the person has no recorded consent for ${purpose}: record it before asking partner nations`,
      );
    const agreed = await partnersUnderAgreement(tx, scope.tenantId, purpose);
    const partners = (await partnersOf(tx, scope.tenantId)).filter((p) => agreed.has(p));
    if (partners.length === 0)
      throw new AppError(
        "FORBIDDEN",
        `no data-sharing agreement in force covers ${purpose} between ${scope.tenantId} and any partner nation: nobody was asked`,
      );
    return { clk: own.clk, partners };
  });
  const holders: string[] = [];
  for (const partner of partners) {
    await inScope(db, { tenantId: partner }, async (tx) => {
      const match = await likelyMatchIn(tx, partner, scope.tenantId, clk);
      if (match) holders.push(partner);
      await recordAudit(tx, scope, {
        tenantId: partner,
        action: "crossmatch.answer",
        details: { asker: scope.tenantId, matched: match !== null },
      });
    });
  }
  await inScope(db, scope, (tx) =>
    recordAudit(tx, scope, {
      action: "crossmatch.query",
      targetType: "person",
      targetId: personId,
      details: { holders, purpose },
    }),
  );
  return { holders, asked: partners.length };
}

/** Asks a holding nation for details of its match; needs the person's consent for the purpose here too. */
export function requestReferral(
  deps: CrossmatchDeps,
  scope: Scope,
  input: { personId: string; partner: string; purpose: ConsentPurpose; reason: string },
) {
  const { db, text } = deps;
  return inScope(db, scope, async (tx) => {
    const { clk } = await ownPerson(tx, scope, input.personId);
    if (input.partner === scope.tenantId || !(await partnersOf(tx, scope.tenantId)).includes(input.partner))
      throw new AppError("NOT_FOUND", "partner: not another partner nation", { field: "partner" });
    await requireAgreement(tx, scope.tenantId, input.partner, input.purpose);
    if (!(await hasConsent(tx, scope, input.personId, input.purpose)))
      throw new AppError(
        "CONFLICT",
        `the person has not consented to ${input.purpose}`,
        refusal("consent_missing", { purpose: input.purpose }),
      );
    const id = randomUUID();
    const common = { id, purpose: input.purpose, requested_by: scope.actorLabel };
    await insertReferral(tx, {
      ...common,
      reason_enc: text.seal("referralReason", input.reason),
      tenant_id: scope.tenantId,
      direction: "outgoing",
      partner_tenant: input.partner,
      person_id: input.personId,
    });
    await recordAudit(tx, scope, {
      action: "referral.request",
      targetType: "referral",
      targetId: id,
      details: { partner: input.partner },
    });
    const match = await likelyMatchIn(tx, input.partner, scope.tenantId, clk);
    if (!match) throw new AppError("NOT_FOUND", `${input.partner} holds no likely match`);
    await insertReferral(tx, {
      ...common,
      reason_enc: text.seal("referralReason", input.reason),
      tenant_id: input.partner,
      direction: "incoming",
      partner_tenant: scope.tenantId,
      person_id: match,
    });
    await recordAudit(tx, scope, {
      tenantId: input.partner,
      action: "referral.received",
      targetType: "referral",
      targetId: id,
      details: { from: scope.tenantId },
    });
    await bindTenant(tx, scope.tenantId);
    return id;
  });
}

/** The holding nation accepts (only with the person's recorded consent), rejects or revokes a referral. */
export function decideCrossmatchReferral(
  deps: CrossmatchDeps,
  scope: Scope,
  id: string,
  decision: "accept" | "reject" | "revoke",
  reason: string,
) {
  const { db, keyring } = deps;
  return inScope(db, scope, async (tx) => {
    return decidePending(
      {
        what: "referral",
        loadForUpdate: () => findIncomingReferralForUpdate(tx, scope, id),
        from: [decision === "revoke" ? "accepted" : "pending"],
      },
      async (ref) => {
        if (decision !== "accept")
          return setStatus(
            deps,
            tx,
            scope,
            ref,
            decision === "reject" ? "rejected" : "revoked",
            reason,
            null,
          );
        const purpose = ref.purpose as ConsentPurpose;
        const categories = await requireAgreement(tx, scope.tenantId, ref.partner_tenant, purpose);
        if (!(await hasConsent(tx, scope, ref.person_id, ref.purpose)))
          throw new AppError(
            "CONFLICT",
            `the person has no recorded consent for ${ref.purpose}`,
            refusal("consent_missing", { purpose: ref.purpose, personId: ref.person_id }),
          );
        const row = await findPersonInNation(tx, scope, ref.person_id);
        if (!row) throw new AppError("NOT_FOUND", "the matched person is no longer registered");
        // Protection set after the referral was asked still holds: nothing goes to a nation the person is
        // shielded from. The asking nation only ever sees the referral stay pending.
        if (row.shielded_from.includes(ref.partner_tenant))
          throw new AppError(
            "CONFLICT",
            `the person is protected from ${ref.partner_tenant}: reject this referral, it cannot be accepted`,
          );
        const { person } = openPerson(keyring, row);
        const shared = sharedUnder(person, categories);
        await setStatus(
          deps,
          tx,
          scope,
          ref,
          "accepted",
          reason,
          encryptField(keyring, JSON.stringify(shared), CONTEXT.referralShared),
        );
      },
    );
  });
}

/** Referrals of one direction in the scope's nation; shared details of accepted ones are decrypted (audited). */
export function listCrossmatchReferrals(
  deps: CrossmatchDeps,
  scope: Scope,
  direction: "outgoing" | "incoming",
): Promise<ReferralView[]> {
  const { db, text, keyring } = deps;
  return inScope(db, scope, async (tx) => {
    const rows = await listReferrals(tx, scope, direction, 200);
    const withShared = rows.filter((r) => r.shared_enc !== null).map((r) => r.id);
    if (withShared.length > 0)
      await recordAudit(tx, scope, {
        action: "referral.read",
        targetType: "referral",
        details: { ids: withShared },
      });
    return rows.map((r) => ({
      id: r.id,
      direction: r.direction,
      partner: r.partner_tenant,
      personId: r.person_id,
      purpose: r.purpose,
      reason: text.open("referralReason", r.reason_enc),
      status: r.status,
      statusReason: text.openOrNull("referralStatusReason", r.status_reason_enc),
      requestedAt: new Date(r.requested_at).toISOString(),
      decidedAt: r.decided_at === null ? null : new Date(r.decided_at).toISOString(),
      shared:
        r.shared_enc === null
          ? null
          : JSON.parse(decryptField(keyring, r.shared_enc, CONTEXT.referralShared)),
    }));
  });
}

/** Records consent given or withdrawn; a withdrawal stops pending referrals and revokes accepted ones. */
export function recordConsent(
  deps: CrossmatchDeps,
  scope: Scope,
  personId: string,
  input: { purpose: ConsentPurpose; given: boolean; givenBy: string },
) {
  const { db, text } = deps;
  return inScope(db, scope, async (tx) => {
    if (!(await findPerson(tx, scope, personId))) throw new AppError("NOT_FOUND", "person not found");
    const givenBy = text.seal("consentGivenBy", input.givenBy);
    await insertConsent(tx, {
      tenant_id: scope.tenantId,
      person_id: personId,
      purpose: input.purpose,
      given: input.given,
      given_by_enc: givenBy,
      recorded_by: scope.actorLabel,
    });
    await recordAudit(tx, scope, {
      action: input.given ? "consent.give" : "consent.withdraw",
      targetType: "person",
      targetId: personId,
      details: { purpose: input.purpose },
    });
    if (input.given) return { stopped: 0 };
    const open = await openReferralsForUpdate(tx, scope, personId, input.purpose);
    for (const ref of open) {
      await setStatus(
        deps,
        tx,
        scope,
        ref,
        ref.status === "pending" ? "stopped" : "revoked",
        "consent withdrawn",
        null,
      );
    }
    return { stopped: open.length };
  });
}

/**
 * Cross-nation questions and referrals. Every partner is asked in its own tenant scope (the transaction is
 * bound to it before any of its rows are read), never with a cross-tenant select; both sides are audited, and on
 * the partner's chain the asking nation appears as a nation (`recordAudit` names no officer there).
 */
export function createCrossmatchService(platform: Platform) {
  return bindActions(crossmatchDeps(platform), {
    query: queryPartners,
    requestReferral,
    decide: decideCrossmatchReferral,
    list: listCrossmatchReferrals,
    recordConsent,
  });
}

export type CrossmatchService = ReturnType<typeof createCrossmatchService>;
