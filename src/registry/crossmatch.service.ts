import { randomUUID } from "node:crypto";
import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { decryptField, encryptField } from "../platform/crypto/field-crypto.ts";
import type { Tx } from "../platform/db/connect.ts";
import { bindTenant, inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import type { Platform } from "../platform/platform.ts";
import { likelyMatchIn, partnersOf } from "./crossmatch.store.ts";
import { CONTEXT, openPerson } from "./person-seal.service.ts";
import type { ConsentPurpose, ReferralView } from "./registry.contract.ts";
import { findPerson, findPersonInNation, hasConsent } from "./registry.store.ts";

/**
 * Cross-nation questions and referrals. Every partner is asked in its own tenant scope (the transaction is
 * bound to it before any of its rows are read), never with a cross-tenant select; both sides are audited.
 */
export function createCrossmatchService(platform: Platform) {
  const { db } = platform.database;
  const { keyring } = platform;

  const ownPerson = async (tx: Tx, scope: Scope, personId: string) => {
    const row = await findPerson(tx, scope, personId);
    if (!row) throw new AppError("NOT_FOUND", "person not found");
    const clk = await tx
      .selectFrom("registry_people")
      .select("clk")
      .where("tenant_id", "=", scope.tenantId)
      .where("id", "=", personId)
      .executeTakeFirst();
    if (!clk?.clk) throw new AppError("CONFLICT", "this person has no regional encoding");
    return { row, clk: new Uint8Array(clk.clk) };
  };

  /** Moves both sides of a referral to a status; the partner side is updated with the transaction bound to it. */
  const setStatus = async (
    tx: Tx,
    scope: Scope,
    ref: { id: string; partner_tenant: string },
    status: ReferralView["status"],
    reason: string,
    shared: string | null,
  ) => {
    const set = { status, status_reason: reason, decided_by: scope.actorLabel, decided_at: new Date() };
    await tx
      .updateTable("registry_referrals")
      .set({ ...set, shared_enc: null })
      .where("tenant_id", "=", scope.tenantId)
      .where("id", "=", ref.id)
      .execute();
    await bindTenant(tx, ref.partner_tenant);
    await tx
      .updateTable("registry_referrals")
      .set({ ...set, shared_enc: shared })
      .where("tenant_id", "=", ref.partner_tenant)
      .where("id", "=", ref.id)
      .execute();
    await recordAudit(tx, scope, {
      tenantId: ref.partner_tenant,
      action: `referral.${status}`,
      targetType: "referral",
      targetId: ref.id,
    });
    await bindTenant(tx, scope.tenantId);
    await recordAudit(tx, scope, { action: `referral.${status}`, targetType: "referral", targetId: ref.id });
  };

  return {
    /** Asks every partner whether it holds a likely match; the answer names the holding nations only. */
    query: async (scope: Scope, personId: string) => {
      const { clk, partners } = await inScope(db, scope, async (tx) => ({
        clk: (await ownPerson(tx, scope, personId)).clk,
        partners: await partnersOf(tx, scope.tenantId),
      }));
      const holders: string[] = [];
      for (const partner of partners) {
        await inScope(db, { tenantId: partner }, async (tx) => {
          const match = await likelyMatchIn(tx, partner, clk);
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
          details: { holders },
        }),
      );
      return { holders, asked: partners.length };
    },

    /** Asks a holding nation for details of its match; needs the person's consent for the purpose here too. */
    requestReferral: (
      scope: Scope,
      input: { personId: string; partner: string; purpose: ConsentPurpose; reason: string },
    ) =>
      inScope(db, scope, async (tx) => {
        const { clk } = await ownPerson(tx, scope, input.personId);
        if (
          input.partner === scope.tenantId ||
          !(await partnersOf(tx, scope.tenantId)).includes(input.partner)
        )
          throw new AppError("BAD_INPUT", "the partner must be another partner nation");
        if (!(await hasConsent(tx, scope, input.personId, input.purpose)))
          throw new AppError("CONFLICT", `the person has not consented to ${input.purpose}`);
        const id = randomUUID();
        const common = { id, purpose: input.purpose, reason: input.reason, requested_by: scope.actorLabel };
        await tx
          .insertInto("registry_referrals")
          .values({
            ...common,
            tenant_id: scope.tenantId,
            direction: "outgoing",
            partner_tenant: input.partner,
            person_id: input.personId,
          })
          .execute();
        await recordAudit(tx, scope, {
          action: "referral.request",
          targetType: "referral",
          targetId: id,
          details: { partner: input.partner },
        });
        const match = await likelyMatchIn(tx, input.partner, clk);
        if (!match) throw new AppError("NOT_FOUND", `${input.partner} holds no likely match`);
        await tx
          .insertInto("registry_referrals")
          .values({
            ...common,
            tenant_id: input.partner,
            direction: "incoming",
            partner_tenant: scope.tenantId,
            person_id: match,
          })
          .execute();
        await recordAudit(tx, scope, {
          tenantId: input.partner,
          action: "referral.received",
          targetType: "referral",
          targetId: id,
          details: { from: scope.tenantId },
        });
        await bindTenant(tx, scope.tenantId);
        return id;
      }),

    /** The holding nation accepts (only with the person's recorded consent), rejects or revokes a referral. */
    decide: (scope: Scope, id: string, decision: "accept" | "reject" | "revoke", reason: string) =>
      inScope(db, scope, async (tx) => {
        const ref = await tx
          .selectFrom("registry_referrals")
          .selectAll()
          .where("tenant_id", "=", scope.tenantId)
          .where("id", "=", id)
          .where("direction", "=", "incoming")
          .executeTakeFirst();
        if (!ref) throw new AppError("NOT_FOUND", "referral not found");
        const allowedFrom = decision === "revoke" ? "accepted" : "pending";
        if (ref.status !== allowedFrom)
          throw new AppError("CONFLICT", `a ${ref.status} referral cannot be ${decision}ed`);
        if (decision !== "accept")
          return setStatus(tx, scope, ref, decision === "reject" ? "rejected" : "revoked", reason, null);
        if (!(await hasConsent(tx, scope, ref.person_id, ref.purpose)))
          throw new AppError("CONFLICT", `the person has no recorded consent for ${ref.purpose}`);
        const row = await findPersonInNation(tx, scope, ref.person_id);
        if (!row) throw new AppError("NOT_FOUND", "the matched person is no longer registered");
        const { person } = openPerson(keyring, row);
        const shared = {
          givenNames: person.givenNames,
          surnames: person.surnames,
          sex: person.sex,
          birthDate: person.birthDate,
          nationalities: person.nationalities,
          documents: person.documents,
          priorResidences: person.priorResidences,
        };
        await setStatus(
          tx,
          scope,
          ref,
          "accepted",
          reason,
          encryptField(keyring, JSON.stringify(shared), CONTEXT.referralShared),
        );
      }),

    /** Referrals of one direction in the scope's nation; shared details of accepted ones are decrypted (audited). */
    list: (scope: Scope, direction: "outgoing" | "incoming"): Promise<ReferralView[]> =>
      inScope(db, scope, async (tx) => {
        const rows = await tx
          .selectFrom("registry_referrals")
          .selectAll()
          .where("tenant_id", "=", scope.tenantId)
          .where("direction", "=", direction)
          .orderBy("requested_at", "desc")
          .limit(200)
          .execute();
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
          reason: r.reason,
          status: r.status,
          statusReason: r.status_reason,
          requestedAt: new Date(r.requested_at).toISOString(),
          decidedAt: r.decided_at === null ? null : new Date(r.decided_at).toISOString(),
          shared:
            r.shared_enc === null
              ? null
              : JSON.parse(decryptField(keyring, r.shared_enc, CONTEXT.referralShared)),
        }));
      }),

    /** Records consent given or withdrawn; a withdrawal stops pending referrals and revokes accepted ones. */
    recordConsent: (
      scope: Scope,
      personId: string,
      input: { purpose: ConsentPurpose; given: boolean; givenBy: string },
    ) =>
      inScope(db, scope, async (tx) => {
        if (!(await findPerson(tx, scope, personId))) throw new AppError("NOT_FOUND", "person not found");
        await tx
          .insertInto("registry_consents")
          .values({
            tenant_id: scope.tenantId,
            person_id: personId,
            purpose: input.purpose,
            given: input.given,
            given_by: input.givenBy,
            recorded_by: scope.actorLabel,
          })
          .execute();
        await recordAudit(tx, scope, {
          action: input.given ? "consent.give" : "consent.withdraw",
          targetType: "person",
          targetId: personId,
          details: { purpose: input.purpose },
        });
        if (input.given) return { stopped: 0 };
        const open = await tx
          .selectFrom("registry_referrals")
          .select(["id", "partner_tenant", "status"])
          .where("tenant_id", "=", scope.tenantId)
          .where("person_id", "=", personId)
          .where("purpose", "=", input.purpose)
          .where("status", "in", ["pending", "accepted"])
          .execute();
        for (const ref of open) {
          await setStatus(
            tx,
            scope,
            ref,
            ref.status === "pending" ? "stopped" : "revoked",
            "consent withdrawn",
            null,
          );
        }
        return { stopped: open.length };
      }),
  };
}

export type CrossmatchService = ReturnType<typeof createCrossmatchService>;
