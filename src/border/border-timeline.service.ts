import type { TimelineEvent, TimelineSource } from "../registry/index.ts";
import {
  decisionStepsOf,
  encounterStepsOf,
  safeguardStepsOf,
  verificationStepsOf,
} from "./border-timeline.store.ts";

const iso = (d: Date | string) => new Date(d).toISOString();
const step = (at: Date | string, kind: string, ref: string): TimelineEvent => ({
  at: iso(at),
  capability: "border",
  kind,
  ref,
});

/**
 * The border's steps in a person's timeline, for readers of border records: each encounter linked to the person
 * (and a fear claim made at it), the decisions on it and their approval, safeguards closed or reopened, and
 * prior-residence questions asked. Refs are encounter, decision, safeguard-event and question ids.
 */
export function borderTimeline(): TimelineSource {
  return {
    capability: "border",
    permission: "border.read",
    events: async (tx, scope, personIds) => {
      if (personIds.length === 0) return [];
      const encounters = await encounterStepsOf(tx, scope, personIds);
      if (encounters.length === 0) return [];
      const ids = encounters.map((e) => e.id);
      return [
        ...encounters.flatMap((e) => [
          step(e.occurred, "encounter_recorded", e.id),
          ...(e.fear_claim ? [step(e.occurred, "fear_claim_made", e.id)] : []),
        ]),
        ...(await decisionStepsOf(tx, scope, ids)).flatMap((d) => [
          step(d.decided_at, "decision_recorded", d.id),
          ...(d.approved_at === null
            ? []
            : [step(d.approved_at, d.approved ? "decision_approved" : "decision_refused", d.id)]),
        ]),
        ...(await safeguardStepsOf(tx, scope, ids)).map((s) =>
          step(s.recorded_at, s.action === "close" ? "safeguard_closed" : "safeguard_reopened", s.id),
        ),
        ...(await verificationStepsOf(tx, scope, ids)).map((v) =>
          step(v.requested_at, "residence_verification_asked", v.id),
        ),
      ];
    },
  };
}
