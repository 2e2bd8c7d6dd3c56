import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Tx } from "../platform/db/connect.ts";
import { recordGivenConsent, recordProtectionRequest } from "../registry/index.ts";
import { type ApplicationRow, setRegistryLink } from "./applications.store.ts";
import { PROTECTION_PATHWAY_TYPES } from "./engine/catalog-schema.ts";
import { pathwayTypeOf } from "./pathways.store.ts";

// The one way an application is linked to a registry person, whichever route confirmed the person: the
// registry match, a new registration, or an officer naming the person by id.

/** Who gave the consent recorded in the registry when an application filed on the portal is linked. */
export const PORTAL_CONSENT_GIVER = "the applicant on the portal";

/**
 * Links the application to the person in the caller's transaction (the caller checked the person and locked
 * the application): records on the person the consent the applicant gave at the portal's consent step (when
 * given), applies the shield for a protection pathway, and audits the link on both sides.
 */
export async function linkApplication(
  tx: Tx,
  scope: Scope,
  keyring: Keyring,
  app: ApplicationRow,
  personId: string,
  how: { via: "registry_new" | "registry_match" | "by_id"; at: Date },
): Promise<{ recordedAt: Date | null }> {
  const { at } = how;
  const created = how.via === "registry_new";
  let recordedAt: Date | null = null;
  if (app.portal_consent_at !== null) {
    await recordGivenConsent(tx, scope, keyring, personId, {
      purpose: "pathway_application",
      givenBy: PORTAL_CONSENT_GIVER,
      givenAt: new Date(app.portal_consent_at),
      source: `pathway_application:${app.id}`,
    });
    recordedAt = at;
  }
  await setRegistryLink(tx, scope, app.id, { personId, consentRecordedAt: recordedAt, at });
  // Applying to a protection pathway is a claim for protection: the person is shielded from then on.
  const type = await pathwayTypeOf(tx, scope, app.pathway_id);
  if (type !== null && PROTECTION_PATHWAY_TYPES.has(type)) {
    await recordProtectionRequest(
      tx,
      scope,
      keyring,
      personId,
      `application ${app.tracking_code} to a ${type.replace("_", " ")} pathway`,
    );
  }
  await recordAudit(tx, scope, {
    action: "pathway.application.link_person",
    targetType: "pathway_application",
    targetId: app.id,
    details: { personId, via: how.via, consentRecorded: !!recordedAt },
  });
  await recordAudit(tx, scope, {
    action: "person.pathway_application.link",
    targetType: "person",
    targetId: personId,
    details: { applicationId: app.id, created },
  });
  return { recordedAt };
}
