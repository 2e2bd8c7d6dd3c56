import { inScope } from "../platform/db/scoped.ts";
import type { Platform } from "../platform/platform.ts";
import type { RetentionSweeper } from "../platform/retention/retention.service.ts";
import { countExpiredPeople, expiredPeopleIds } from "./person-retention.store.ts";
import type { RegistryService } from "./registry.service.ts";

/**
 * The registry's retention sweeper for `registry.person`: a person untouched for the period with no open work
 * (see `person-retention.store.ts`) is erased through the same erasure as `DELETE /registry/people/{id}`, with
 * the period as the reason; the erasure records its own `person.erase` event.
 */
export function personRetentionSweeper(platform: Platform, registry: RegistryService): RetentionSweeper {
  const { db } = platform.database;
  return {
    kind: "registry.person",
    rule: "A registered person (with the records merged into them) erased once nothing about them has changed for the period: no edit, case, note, case move or status change, consent, family link or referral since, every case closed and no referral pending.",
    countExpired: (scope, cutoff) => inScope(db, scope, (tx) => countExpiredPeople(tx, scope, cutoff)),
    findExpired: (scope, cutoff, after, limit) =>
      inScope(db, scope, (tx) => expiredPeopleIds(tx, scope, cutoff, after, limit)),
    erase: async (scope, id, reason) => {
      await registry.erasure.erasePerson(scope, id, reason);
    },
  };
}
