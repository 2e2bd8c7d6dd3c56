import { recordAudit } from "../platform/audit/audit.ts";
import type { Permission } from "../platform/auth/permissions.ts";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import type { Platform } from "../platform/platform.ts";
import { recordsOfSubject } from "./subject-export.service.ts";
import {
  casesOfPeople,
  consentsOfPeople,
  mergesOfPeople,
  referralsOfPeople,
  versionsOfPeople,
} from "./subject-export.store.ts";
import type { Timeline, TimelineCapability, TimelineEvent } from "./timeline.contract.ts";

/**
 * What another capability contributes to a person's timeline: the steps it recorded about these registry
 * person ids. The registry knows nothing else of it; the composition root hands the sources in.
 */
export interface TimelineSource {
  readonly capability: Exclude<TimelineCapability, "registry">;
  /** What a reader must hold to see this capability's steps (others get the rest of the timeline). */
  readonly permission: Permission;
  events(tx: Tx, scope: Scope, personIds: readonly string[]): Promise<TimelineEvent[]>;
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** The registry's own steps: registered, corrected, consents, cases, referrals, merges. */
async function registryEvents(
  tx: Tx,
  scope: Scope,
  subject: NonNullable<Awaited<ReturnType<typeof recordsOfSubject>>>,
): Promise<TimelineEvent[]> {
  const { ids } = subject;
  const event = (at: Date | string, kind: string, ref: string): TimelineEvent => ({
    at: iso(at),
    capability: "registry",
    kind,
    ref,
  });
  return [
    ...[subject.survivor, ...subject.merged].map((p) => event(p.created_at, "registered", p.id)),
    ...(await versionsOfPeople(tx, scope, ids)).map((v) => event(v.edited_at, "corrected", v.id)),
    ...(await consentsOfPeople(tx, scope, ids)).map((c) =>
      event(c.recorded_at, c.given ? "consent_given" : "consent_withdrawn", c.id),
    ),
    ...(await casesOfPeople(tx, scope, ids)).map((c) => event(c.created_at, "case_opened", c.id)),
    ...(await referralsOfPeople(tx, scope, ids)).flatMap((r) => [
      event(r.requested_at, r.direction === "outgoing" ? "referral_sent" : "referral_received", r.id),
      ...(r.decided_at ? [event(r.decided_at, `referral_${r.status}`, r.id)] : []),
    ]),
    ...(await mergesOfPeople(tx, scope, ids)).map((m) => event(m.merged_at, "record_merged", m.id)),
  ];
}

/** Oldest first; at one instant, registry steps first, then by capability, kind and record. */
function byTime(a: TimelineEvent, b: TimelineEvent): number {
  return (
    a.at.localeCompare(b.at) ||
    Number(b.capability === "registry") - Number(a.capability === "registry") ||
    a.capability.localeCompare(b.capability) ||
    a.kind.localeCompare(b.kind) ||
    a.ref.localeCompare(b.ref)
  );
}

/** A person's path through the framework in the caller's nation, filtered by what the caller may read. */
export function createTimelineService(platform: Platform, sources: readonly TimelineSource[]) {
  const { db } = platform.database;
  const seen = new Set<string>();
  for (const s of sources) {
    if (seen.has(s.capability)) throw new Error(`two timeline sources for ${s.capability}`);
    seen.add(s.capability);
  }
  return {
    /**
     * The timeline of a person in the caller's reach (merged records' steps come with the survivor's); each
     * other capability's steps only for a caller holding its read permission. Audited as a person read.
     */
    timelineOf: (scope: Scope, id: string): Promise<Timeline> =>
      inScope(db, scope, async (tx) => {
        const subject = await recordsOfSubject(tx, scope, id);
        if (!subject) throw new AppError("NOT_FOUND", "person not found");
        const events = await registryEvents(tx, scope, subject);
        const shown: string[] = ["registry"];
        for (const source of sources) {
          if (!scope.permissions.has(source.permission)) continue;
          events.push(...(await source.events(tx, scope, subject.ids)));
          shown.push(source.capability);
        }
        await recordAudit(tx, scope, {
          action: "person.read",
          targetType: "person",
          targetId: subject.survivor.id,
          details: { view: "timeline", capabilities: shown, events: events.length },
        });
        return { events: events.sort(byTime) };
      }),
  };
}

export type TimelineService = ReturnType<typeof createTimelineService>;
