import { bindActions } from "../platform/bind-actions.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Db } from "../platform/db/connect.ts";
import type { CatalogService } from "./catalog.service.ts";
import type { PortalDeps } from "./portal-applicant.service.ts";
import { submitApplication } from "./portal-apply.service.ts";
import type { BudgetRate } from "./portal-budget.store.ts";
import { confirmRecovery, requestRecovery } from "./portal-recovery.service.ts";
import { downloadOwnApplication, eraseOwnApplication } from "./portal-rights.service.ts";
import { portalCatalog, screenApplicant, shownQuestions } from "./portal-screening.service.ts";
import { applicationStatus } from "./portal-status.service.ts";
import { reissueSecret } from "./secret-reissue.service.ts";

// The public portal's actions live by concept: the catalogue and screening (portal-screening.service.ts),
// applying (portal-apply.service.ts), the status page (portal-status.service.ts) and the applicant's rights,
// download and erasure (portal-rights.service.ts), recovering a lost secret (portal-recovery.service.ts), over
// what they share (portal-applicant.service.ts).

/** The public portal: catalogue, screening, applying (within each nation's budget), and the status page. */
export function createPortalService(
  db: Db,
  keyring: Keyring,
  catalog: CatalogService,
  clock: () => Date,
  budget: BudgetRate | null = null,
) {
  const deps: PortalDeps = { db, keyring, catalog, clock, budget };
  return bindActions(deps, {
    catalog: portalCatalog,
    screen: screenApplicant,
    questions: shownQuestions,
    apply: submitApplication,
    status: applicationStatus,
    download: downloadOwnApplication,
    erase: eraseOwnApplication,
    requestRecovery,
    confirmRecovery,
    reissueSecret,
  });
}
