import type { TimelineEvent, TimelineSource } from "../registry/index.ts";
import { applicationStepsOf, stageStepsOf } from "./pathways-timeline.store.ts";

const iso = (d: Date | string) => new Date(d).toISOString();
const step = (at: Date | string, kind: string, ref: string): TimelineEvent => ({
  at: iso(at),
  capability: "pathways",
  kind,
  ref,
});

/**
 * The pathways' steps in a person's timeline, for readers of applications: each application linked to the
 * person (`application_submitted`) and every stage it moved to since (`application_<stage>`, e.g.
 * `application_interview_scheduled`, `application_decided`). Refs are application ids.
 */
export function pathwaysTimeline(): TimelineSource {
  return {
    capability: "pathways",
    permission: "application.read",
    events: async (tx, scope, personIds) => {
      if (personIds.length === 0) return [];
      const applications = await applicationStepsOf(tx, scope, personIds);
      if (applications.length === 0) return [];
      const stages = await stageStepsOf(
        tx,
        scope,
        applications.map((a) => a.id),
      );
      return [
        ...applications.map((a) => step(a.submitted_at, "application_submitted", a.id)),
        ...stages
          .filter((s) => s.from_stage !== null)
          .map((s) => step(s.changed_at, `application_${s.to_stage}`, s.application_id)),
      ];
    },
  };
}
