import { z } from "zod";

/** The capabilities a person's path runs through. */
export const TimelineCapability = z.enum(["registry", "border", "pathways", "placement", "networks"]);
export type TimelineCapability = z.infer<typeof TimelineCapability>;

/**
 * One step of a person's path: when, in which capability, what happened (a code, never a value) and the id of
 * the record it happened to.
 */
export const TimelineEvent = z.object({
  at: z.string().datetime({ offset: true }),
  capability: TimelineCapability,
  kind: z.string(),
  ref: z.string(),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

/** A person's path through the framework in the caller's nation, oldest first. */
export const Timeline = z.object({ events: z.array(TimelineEvent) });
export type Timeline = z.infer<typeof Timeline>;
