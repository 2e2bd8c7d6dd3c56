import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import type { Platform } from "../platform/platform.ts";
import type { ProtectionNotice } from "./protection-notice.contract.ts";
import { recordsOfSubject } from "./subject-export.service.ts";

/**
 * Where another capability keeps victims' protection records that may name a registry person (networks, behind
 * its wall): it answers only whether one names any of these person ids. The registry knows nothing else of it;
 * the composition root hands it in.
 */
export interface ProtectionRecordSource {
  hasRecordFor(tx: Tx, scope: Scope, personIds: readonly string[]): Promise<boolean>;
}

/** Tells the protection side that a protection record exists for a person, and nothing of its content. */
export function createProtectionNoticeService(platform: Platform, source: ProtectionRecordSource | null) {
  const { db } = platform.database;
  return {
    /**
     * Whether a protection record names the person (or a record merged into theirs), for a caller holding
     * `protection.read`; 404 for a person out of reach, of another nation or erased. Audited as a person read.
     */
    noticeOf: (scope: Scope, id: string): Promise<ProtectionNotice> =>
      inScope(db, scope, async (tx) => {
        if (!scope.permissions.has("protection.read"))
          throw new AppError(
            "FORBIDDEN",
            "a protection record is shown to the protection side (protection.read)",
          );
        const subject = await recordsOfSubject(tx, scope, id);
        if (!subject) throw new AppError("NOT_FOUND", "person not found");
        const protectionRecord = source ? await source.hasRecordFor(tx, scope, subject.ids) : false;
        await recordAudit(tx, scope, {
          action: "person.read",
          targetType: "person",
          targetId: subject.survivor.id,
          details: { view: "protection_notice", protectionRecord },
        });
        return { protectionRecord };
      }),
  };
}

export type ProtectionNoticeService = ReturnType<typeof createProtectionNoticeService>;
