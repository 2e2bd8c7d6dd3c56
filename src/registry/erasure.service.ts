import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { bindActions } from "../platform/bind-actions.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import type { Platform } from "../platform/platform.ts";
import { emptyPerson } from "./engine/person-record.ts";
import { erasableIds, erasePeople, insertErasure } from "./erasure.store.ts";
import { leaveHouseholds } from "./households.store.ts";
import { type PersonKeys, sealPerson } from "./person-seal.codec.ts";
import { findPerson } from "./registry.store.ts";
import { createRegistryText } from "./registry-text.service.ts";
import type { SubjectDataSource } from "./subject-export.service.ts";

/** What the erasure actions share, built once per service. */
function erasureDeps(platform: Platform, keys: PersonKeys, sources: readonly SubjectDataSource[] = []) {
  const { db } = platform.database;
  const text = createRegistryText(keys.keyring);
  return { platform, keys, sources, db, text };
}

type ErasureDeps = ReturnType<typeof erasureDeps>;

/**
 * Erases a person in the caller's reach and every record merged into them: personal values, blind indexes,
 * encodings, earlier versions, family links, consents, duplicate reviews, case notes and what referrals
 * carried, household memberships; tombstones keep the ids. In the same transaction, every other capability clears what it keeps
 * about them (`SubjectDataSource.erase`: border encounters, pathway applications). The audit event names the
 * ids and counts, never a value, so the audit log still verifies; the reason is kept encrypted with the
 * erasure's record.
 */
export function erasePerson(deps: ErasureDeps, scope: Scope, id: string, reason: string) {
  const { db, keys, text, sources } = deps;
  return inScope(db, scope, async (tx) => {
    if (!(await findPerson(tx, scope, id))) throw new AppError("NOT_FOUND", "person not found");
    const ids = await erasableIds(tx, scope, id);
    const { given_names_enc, surnames_enc, details_enc } = sealPerson(
      keys,
      emptyPerson(),
      null,
      scope.tenantId,
    );
    const erased = await erasePeople(
      tx,
      scope,
      ids,
      { given_names_enc, surnames_enc, details_enc },
      text.seal("referralReason", "erased with the person"),
    );
    // Membership goes with the person; the household keeps its other members (see leaveHouseholds).
    const households = await leaveHouseholds(tx, scope, ids);
    const records = erased + households.left.length;
    const elsewhere: Record<string, Record<string, number>> = {};
    for (const source of sources) elsewhere[source.name] = await source.erase(tx, scope, ids);
    await insertErasure(tx, {
      tenant_id: scope.tenantId,
      person_id: id,
      records,
      reason_enc: text.seal("erasureReason", reason),
      erased_by: scope.actorLabel,
    });
    await recordAudit(tx, scope, {
      action: "person.erase",
      targetType: "person",
      targetId: id,
      details: { erased: ids, records, elsewhere, households },
    });
    return { id, erased: ids.length, records, elsewhere };
  });
}

/** Erasure of a person on a data subject's request or at the end of retention. */
export function createErasureService(
  platform: Platform,
  keys: PersonKeys,
  sources: readonly SubjectDataSource[] = [],
) {
  return bindActions(erasureDeps(platform, keys, sources), { erasePerson });
}
