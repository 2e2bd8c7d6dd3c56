import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import type { DocumentTypeCode } from "../shared/document-types.ts";
import type { SecretReissued } from "./applications.contract.ts";
import { findApplication } from "./applications.store.ts";
import { isLanguage } from "./engine/language.ts";
import type { PortalDeps } from "./portal-applicant.service.ts";
import { replaceSecret } from "./portal-recovery.service.ts";
import { refuseErased } from "./workflow.service.ts";

// A new portal secret issued at an office. An applicant who lost the secret and gave no contact cannot recover
// it on the portal; an officer who has checked their identity in person issues a new one. The old secret stops
// working, any recovery code in flight dies, a contact (if there is one) is told, and the audit records who
// issued it and on which document they checked the applicant, never the secret.

export async function reissueSecret(
  deps: PortalDeps,
  scope: Scope,
  id: string,
  input: { identityChecked: true; identityDocument: DocumentTypeCode },
): Promise<SecretReissued> {
  const { db, keyring, clock } = deps;
  return inScope(db, scope, async (tx) => {
    const app = await findApplication(tx, scope, id, true);
    if (!app) throw new AppError("NOT_FOUND", "application not found");
    refuseErased(app);
    const lang = isLanguage(app.language) ? app.language : "en";
    const { secret, contactTold } = await replaceSecret(keyring, tx, scope, app, lang, clock());
    await recordAudit(tx, scope, {
      action: "pathway.application.secret_reissued",
      targetType: "pathway_application",
      targetId: app.id,
      details: { identityDocument: input.identityDocument, contactTold },
    });
    return { trackingCode: app.tracking_code, secret, contactTold };
  });
}
