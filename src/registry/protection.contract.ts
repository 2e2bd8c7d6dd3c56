import { z } from "zod";

/** A person's international-protection status as the registering nation records it. */
export const ProtectionStatus = z.enum(["none", "asylum_seeker", "refugee", "stateless", "other_protection"]);

const Nation = z
  .string()
  .trim()
  .regex(/^[A-Z]{3}$/, "an ISO 3166 alpha-3 code");

/**
 * Protection and the nations the person is shielded from: no answer about them ever goes to a nation in `from`
 * (cross-match, referrals). With a status and no `from`, the person's nationalities are taken.
 */
export const Protection = z
  .object({
    status: ProtectionStatus.default("none"),
    from: z.array(Nation).max(10).default([]),
  })
  .superRefine((p, ctx) => {
    if (p.status === "none" && p.from.length > 0)
      ctx.addIssue({ code: "custom", path: ["from"], message: "a shield needs a protection status" });
  });
export type Protection = z.infer<typeof Protection>;

/** No protection recorded: the default of every person. */
export const NO_PROTECTION: Protection = { status: "none", from: [] };

/**
 * The nations a person is shielded from: none without a protection status; the `from` list given, or else the
 * person's nationalities (as alpha-3 codes; a 2-letter nationality shields nobody and is left out).
 */
export function shieldedFrom(p: { protection?: Protection; nationalities: readonly string[] }): string[] {
  const protection = p.protection ?? NO_PROTECTION;
  if (protection.status === "none") return [];
  const from = protection.from.length > 0 ? protection.from : p.nationalities.filter((n) => n.length === 3);
  return [...new Set(from)].sort();
}
