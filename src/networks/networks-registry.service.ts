import { recordAudit } from "../platform/audit/audit.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type {
  ProtectionRecordSource,
  SubjectDataSource,
  TimelineEvent,
  TimelineSource,
} from "../registry/index.ts";
import { createProtectedRefs } from "./entity.codec.ts";
import { NetworksSubjectSection } from "./networks-subject.contract.ts";
import { clearProtectionPeople, protectionRecordsOfPeople } from "./protection-person.store.ts";

// What networks gives the registry about the people its protection records name, through the registry's own
// interfaces (the composition root wires them): a step in the person's timeline, the notice on the person's
// page, the person's export and erasure. Only the protection side (`protection.read`) ever learns that a record
// names someone; investigators never do.

const iso = (d: Date | string) => new Date(d).toISOString();
const none = (): Record<string, number> => ({});

/**
 * Networks' steps in a person's timeline, for the protection side only: `protection_record` when a victim's
 * protection record naming the person was flagged; its ref is the record's opaque `PR-…` reference (the one the
 * wall's marker shows), never the case.
 */
export function networksTimeline(keyring: Keyring): TimelineSource {
  const refOf = createProtectedRefs(keyring);
  return {
    capability: "networks",
    permission: "protection.read",
    events: async (tx, scope, personIds) => {
      if (personIds.length === 0) return [];
      const records = await protectionRecordsOfPeople(tx, scope, personIds);
      return records.map(
        (r): TimelineEvent => ({
          at: iso(r.flagged_at),
          capability: "networks",
          kind: "protection_record",
          ref: refOf(scope.tenantId, r.case_ref),
        }),
      );
    },
  };
}

/** Whether a protection record names any of these people: the notice on the registry person's page. */
export function networksProtectionRecords(): ProtectionRecordSource {
  return {
    hasRecordFor: async (tx, scope, personIds) =>
      personIds.length > 0 && (await protectionRecordsOfPeople(tx, scope, personIds)).length > 0,
  };
}

/**
 * Networks' part of a data subject's rights. Export: the protection records naming the person, as references,
 * to an exporter holding `protection.read` (others get `null`). Erasure: the records stop naming the person and
 * stay (the case's links are evidence about others); each cleared reference is audited on the case, and only a
 * protection-side eraser is told how many were cleared.
 */
export function networksSubjectData(keyring: Keyring): SubjectDataSource {
  const refOf = createProtectedRefs(keyring);
  return {
    name: "networks",
    schema: NetworksSubjectSection,
    collect: async (tx, scope, personIds) => {
      if (!scope.permissions.has("protection.read"))
        return { data: { protectionRecords: null }, counts: none() };
      const rows = personIds.length === 0 ? [] : await protectionRecordsOfPeople(tx, scope, personIds);
      const data: NetworksSubjectSection = {
        protectionRecords: rows.map((r) => ({
          protectedRef: refOf(scope.tenantId, r.case_ref),
          caseRef: r.case_ref,
          personId: r.person_id ?? "",
          flaggedAt: iso(r.flagged_at),
          linkedBy: r.person_linked_by,
          linkedAt: r.person_linked_at === null ? null : iso(r.person_linked_at),
        })),
      };
      return { data, counts: { protectionRecords: rows.length } };
    },
    erase: async (tx, scope, personIds) => {
      if (personIds.length === 0) return none();
      const cleared = await clearProtectionPeople(tx, scope, personIds);
      for (const r of cleared)
        await recordAudit(tx, scope, {
          action: "network.protection.person.unlink",
          targetType: "case",
          targetId: r.case_ref,
          details: { cause: "person.erase" },
        });
      return scope.permissions.has("protection.read") ? { protectionRecords: cleared.length } : none();
    },
  };
}
