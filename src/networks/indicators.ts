import { z } from "zod";

/** The community measures an indicator can test; computed in community-features.ts. */
export const communityFeatureNames = [
  "members",
  "persons",
  "aliases",
  "cases",
  "maxCasesPerPhone",
  "maxCasesPerAccount",
  "maxCasesPerVehicle",
  "maxCasesPerHandle",
  "maxCasesPerLodging",
  "crossCaseIdentifiers",
  "groupMovement",
] as const;

export type CommunityFeature = (typeof communityFeatureNames)[number];
export type CommunityFeatures = Record<CommunityFeature, number>;

const IndicatorSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  explanation: z.string().min(1),
  feature: z.enum(communityFeatureNames),
  atLeast: z.number(),
  weight: z.number().positive(),
});

export const IndicatorPackSchema = z
  .object({
    version: z.string(),
    description: z.string(),
    threshold: z.number().positive(),
    indicators: z.array(IndicatorSchema).min(1),
  })
  .refine((pack) => pack.indicators.every((i) => i.weight < pack.threshold), {
    message: "no single indicator may reach the threshold on its own",
  });

export type IndicatorPack = z.infer<typeof IndicatorPackSchema>;
export type Indicator = z.infer<typeof IndicatorSchema>;

/** An indicator a community shows, with the value that tripped it. */
export interface IndicatorHit {
  id: string;
  title: string;
  explanation: string;
  weight: number;
  value: number;
  atLeast: number;
}

/** Checks an indicator pack read from JSON; throws a readable error when it is malformed. */
export function parseIndicatorPack(data: unknown): IndicatorPack {
  const parsed = IndicatorPackSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  throw new Error(
    `indicator pack: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`,
  );
}

/** The indicators a community shows and its score: summed weights capped at 1, flagged from the threshold. */
export function evaluateIndicators(
  pack: IndicatorPack,
  features: CommunityFeatures,
): { score: number; flagged: boolean; hits: IndicatorHit[] } {
  const hits = pack.indicators
    .filter((indicator) => features[indicator.feature] >= indicator.atLeast)
    .map((indicator) => ({
      id: indicator.id,
      title: indicator.title,
      explanation: indicator.explanation,
      weight: indicator.weight,
      value: features[indicator.feature],
      atLeast: indicator.atLeast,
    }));
  const sum = hits.reduce((s, h) => s + h.weight, 0);
  const score = Math.round(Math.min(1, sum) * 1000) / 1000;
  return { score, flagged: score >= pack.threshold, hits };
}
