import type { Keyring } from "../platform/crypto/keyring.ts";
import type { SubjectDataSource } from "../registry/index.ts";
import { clearEncounterIdentities, encountersOfPeople } from "./border.store.ts";
import { BorderSubjectSection } from "./border-subject.contract.ts";
import { toDecisionView } from "./decisions.service.ts";
import { listDecisions } from "./decisions.store.ts";
import { toEncounterView } from "./encounter-rows.store.ts";
import { listSafeguardEvents } from "./safeguards.store.ts";
import { toVerificationView } from "./verification.service.ts";
import { listRequestsForEncounter } from "./verification.store.ts";

/**
 * The border's part of a data subject's rights. Export: every encounter recorded with, or linked afterwards to,
 * the person's registry id (or the id of a record merged into theirs), with what was decided and asked about
 * it and its family group id. A linked encounter holds no names, birth date or documents of its own (the
 * registry's section of the export has them); one linked after it was recorded lost its own copy at the link.
 * Erasure: those encounters lose the link to the person and any own copy that is left
 * (`clearEncounterIdentities`) and keep what happened, including their family group, so that a safeguard of
 * the erased person's encounter still holds the returns of the rest of the family until it is closed.
 */
export function borderSubjectData(keyring: Keyring): SubjectDataSource {
  return {
    name: "border",
    schema: BorderSubjectSection,
    erase: (tx, scope, personIds) => clearEncounterIdentities(tx, scope, personIds),
    collect: async (tx, scope, personIds) => {
      const rows = personIds.length === 0 ? [] : await encountersOfPeople(tx, scope, personIds);
      const encounters: BorderSubjectSection["encounters"] = [];
      for (const row of rows) {
        const events = await listSafeguardEvents(tx, scope, row.id);
        encounters.push({
          ...toEncounterView(keyring, row),
          decisions: (await listDecisions(tx, scope, row.id)).map(toDecisionView),
          safeguardEvents: events.map((e) => ({
            id: e.id,
            safeguard:
              e.safeguard as BorderSubjectSection["encounters"][number]["safeguardEvents"][number]["safeguard"],
            action: e.action,
            reason: e.reason,
            evidenceKind: e.evidence_kind,
            evidenceReference: e.evidence_reference,
            by: e.recorded_by,
            at: new Date(e.recorded_at).toISOString(),
          })),
          verifications: (await listRequestsForEncounter(tx, scope, row.id)).map(toVerificationView),
        });
      }
      const total = (pick: (e: (typeof encounters)[number]) => unknown[]) =>
        encounters.reduce((n, e) => n + pick(e).length, 0);
      return {
        data: { encounters },
        counts: {
          encounters: encounters.length,
          decisions: total((e) => e.decisions),
          safeguardEvents: total((e) => e.safeguardEvents),
          verifications: total((e) => e.verifications),
        },
      };
    },
  };
}
