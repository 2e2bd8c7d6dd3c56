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

/** What an indicator points to: the logistics of smuggling, or the exploitation that makes trafficking. */
export const indicatorCategories = ["smuggling_logistics", "trafficking_exploitation"] as const;
export type IndicatorCategory = (typeof indicatorCategories)[number];

/** Where an indicator comes from, and whether it has been checked against that text. */
const SourceSchema = z.strictObject({
  cite: z.string().min(1),
  url: z.string().optional(),
  verification: z.enum(["verified", "to_be_verified"]),
});

const IndicatorCommon = {
  id: z.string().min(1),
  title: z.string().min(1),
  explanation: z.string().min(1),
  atLeast: z.number(),
  weight: z.number().positive(),
  category: z.enum(indicatorCategories).optional(),
  sources: z.array(SourceSchema).optional(),
};

// An indicator tests either a measure of the community's structure (`feature`) or how many of its links were
// recorded with one of the listed kinds (`linkKinds`: what officers observed, such as `holds_documents_of`).
const IndicatorSchema = z
  .strictObject({
    ...IndicatorCommon,
    feature: z.enum(communityFeatureNames).optional(),
    linkKinds: z
      .array(z.string().regex(/^[a-z0-9_]+$/, "expected a link kind in lower snake_case"))
      .min(1)
      .optional(),
  })
  .refine((i) => (i.feature === undefined) !== (i.linkKinds === undefined), {
    message: "expected a `feature` or `linkKinds`, exactly one of them",
    path: ["feature"],
  });

export const IndicatorPackSchema = z
  .object({
    version: z.string(),
    category: z.enum(indicatorCategories).optional(),
    description: z.string(),
    sources: z.array(SourceSchema).optional(),
    threshold: z.number().positive(),
    indicators: z.array(IndicatorSchema).min(1),
  })
  .refine((pack) => pack.indicators.every((i) => i.weight < pack.threshold), {
    message: "no single indicator may reach the threshold on its own",
  });

export type IndicatorPack = z.infer<typeof IndicatorPackSchema>;
export type Indicator = z.infer<typeof IndicatorSchema>;

/** The link kinds any indicator of the pack counts (empty when it tests structure only). */
export function countedLinkKinds(pack: IndicatorPack): Set<string> {
  return new Set(pack.indicators.flatMap((i) => i.linkKinds ?? []));
}

/**
 * One pack from several (the smuggling-logistics and trafficking-exploitation packs are read together): the
 * indicators of all, each keeping its pack's category; the packs must agree on the threshold and ids are unique.
 */
export function mergeIndicatorPacks(packs: IndicatorPack[]): IndicatorPack {
  const [first] = packs;
  if (!first) throw new Error("indicator packs: none given");
  const ids = new Set<string>();
  const indicators: Indicator[] = [];
  for (const pack of packs) {
    if (pack.threshold !== first.threshold) {
      throw new Error(`indicator packs: thresholds differ (${first.threshold} and ${pack.threshold})`);
    }
    for (const indicator of pack.indicators) {
      if (ids.has(indicator.id)) throw new Error(`indicator packs: id "${indicator.id}" appears twice`);
      ids.add(indicator.id);
      indicators.push(indicator);
    }
  }
  const categories = new Map(packs.flatMap((p) => p.indicators.map((i) => [i.id, p.category] as const)));
  return {
    version: packs.map((p) => p.version).join("+"),
    description: packs.map((p) => p.description).join(" "),
    threshold: first.threshold,
    indicators: indicators.map((i) => {
      const category = categories.get(i.id);
      return category ? { ...i, category } : i;
    }),
  };
}

/** An indicator a community shows, with the value that tripped it. */
export interface IndicatorHit {
  id: string;
  title: string;
  explanation: string;
  weight: number;
  value: number;
  atLeast: number;
  category?: IndicatorCategory;
}

/** How many of a community's links carry each counted kind. */
export type LinkKindCounts = ReadonlyMap<string, number>;

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
  linkKinds: LinkKindCounts = new Map(),
): { score: number; flagged: boolean; hits: IndicatorHit[] } {
  const measured = (indicator: Indicator) =>
    indicator.linkKinds
      ? indicator.linkKinds.reduce((sum, kind) => sum + (linkKinds.get(kind) ?? 0), 0)
      : indicator.feature
        ? features[indicator.feature]
        : 0;
  const hits = pack.indicators
    .map((indicator) => ({ indicator, value: measured(indicator) }))
    .filter(({ indicator, value }) => value >= indicator.atLeast)
    .map(({ indicator, value }) => ({
      id: indicator.id,
      title: indicator.title,
      explanation: indicator.explanation,
      weight: indicator.weight,
      value,
      atLeast: indicator.atLeast,
      ...(indicator.category && { category: indicator.category }),
    }));
  const sum = hits.reduce((s, h) => s + h.weight, 0);
  const score = Math.round(Math.min(1, sum) * 1000) / 1000;
  return { score, flagged: score >= pack.threshold, hits };
}
