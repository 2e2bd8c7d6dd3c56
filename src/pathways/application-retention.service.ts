import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Db } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import type { RetentionSweeper } from "../platform/retention/retention.service.ts";
import { eraseApplication } from "./application-erasure.service.ts";
import { countExpiredApplications, expiredApplicationIds } from "./application-retention.store.ts";
import { findApplication } from "./applications.store.ts";

/**
 * The pathways' retention sweeper for `pathway.application`: a decided or closed application untouched for the
 * period (see `application-retention.store.ts`) is erased as its applicant's own erasure would erase it,
 * leaving a tombstone that still counts; each erasure records its `pathway.application.erase` event.
 */
export function applicationRetentionSweeper(db: Db, keyring: Keyring): RetentionSweeper {
  return {
    kind: "pathway.application",
    rule: "A pathway application erased once it has been decided or closed and nothing has happened to it for the period: no stage change, and no referral asked, decided or still pending. Its tombstone (pathway, dates, decision) stays.",
    countExpired: (scope, cutoff) => inScope(db, scope, (tx) => countExpiredApplications(tx, scope, cutoff)),
    findExpired: (scope, cutoff, after, limit) =>
      inScope(db, scope, (tx) => expiredApplicationIds(tx, scope, cutoff, after, limit)),
    erase: (scope, id) =>
      inScope(db, scope, async (tx) => {
        const app = await findApplication(tx, scope, id, true);
        // Found expired a moment ago; a stage moved since (reopened, or erased by its applicant) keeps it.
        if (!app || (app.stage !== "decided" && app.stage !== "closed"))
          throw new AppError("CONFLICT", "the application is no longer expired");
        await eraseApplication(tx, scope, keyring, app, "retention", new Date());
      }),
  };
}
