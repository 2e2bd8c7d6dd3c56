import type { TimelineEvent, TimelineSource } from "../registry/index.ts";
import { applicationStepsOf, placementStepsOf, stageStepsOf } from "./pathways-timeline.store.ts";

const iso = (d: Date | string) => new Date(d).toISOString();
const step = (
  at: Date | string,
  kind: string,
  ref: string,
  capability: TimelineEvent["capability"] = "pathways",
): TimelineEvent => ({ at: iso(at), capability, kind, ref });

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

/**
 * The arrival day as an instant: the day's start, or just after the placement when the household was placed
 * that same day (a timeline lists the arrival after the placement it follows).
 */
function arrivalMoment(day: string, placedAt: Date | string): Date {
  const start = new Date(`${String(day).slice(0, 10)}T00:00:00Z`);
  const afterPlacement = new Date(new Date(placedAt).getTime() + 1);
  return start < afterPlacement ? afterPlacement : start;
}

/**
 * Placement's steps in a person's timeline, for readers of placement runs: `placed` or `not_placed` when a run
 * (or an override) set the household's place (ref: the run id), `arrived` on the day the arrival was recorded
 * (ref: the application id). Pathways keeps them on the person's applications.
 */
export function placementTimeline(): TimelineSource {
  return {
    capability: "placement",
    permission: "placement.read",
    events: async (tx, scope, personIds) => {
      if (personIds.length === 0) return [];
      const rows = await placementStepsOf(tx, scope, personIds);
      return rows.flatMap((r) => [
        ...(r.placed_at && r.placement_run_id
          ? [
              step(
                r.placed_at,
                r.placement_place_id ? "placed" : "not_placed",
                r.placement_run_id,
                "placement",
              ),
            ]
          : []),
        ...(r.arrived_on && r.placed_at
          ? [step(arrivalMoment(r.arrived_on, r.placed_at), "arrived", r.id, "placement")]
          : []),
      ]);
    },
  };
}
