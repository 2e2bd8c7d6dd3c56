import { z } from "zod";
import {
  CalendarDate,
  CheckCode,
  Demographic,
  DispositionCode,
  Iso3,
  SafeguardCode,
} from "./border.contract.ts";
import { isKnownTimeZone, isLocalMoment } from "./effective-window.ts";

// A border policy pack: one jurisdiction's rules as versioned data, each rule dated and cited.
// The format is documented in docs/border-policy-packs.md; keep the two together.

export const policyPackFormat = "hemisphere.border-policy-pack/1";

const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, { error: "expected a lower-case id such as cdc-2020-03-20" });

const LocalMoment = z.string().refine(isLocalMoment, {
  error: "expected a real local date YYYY-MM-DD or local date-time YYYY-MM-DDTHH:MM",
});

const TimeZone = z
  .string()
  .refine(isKnownTimeZone, { error: "expected an IANA time zone such as America/New_York" });

/** From (inclusive) until (exclusive), read in `timeZone` or else the pack's zone. */
export const EffectiveWindow = z
  .strictObject({
    from: LocalMoment.optional(),
    until: LocalMoment.optional(),
    timeZone: TimeZone.optional(),
  })
  .refine(
    (w) => w.from === undefined || w.until === undefined || w.from.slice(0, 16) < w.until.slice(0, 16),
    {
      error: "expected `from` before `until`",
      path: ["until"],
    },
  );
export type EffectiveWindow = z.infer<typeof EffectiveWindow>;

const Citations = z.array(Slug).min(1, { error: "expected at least one citation (a source id)" });

/** A public source: an order, notice, statute or announcement, with its verification status. */
export const PolicySource = z.strictObject({
  id: Slug,
  kind: z.enum(["order", "notice", "statute", "regulation", "announcement", "agreement", "directive"]),
  title: z.string().min(1),
  issuer: z.string().min(1),
  date: CalendarDate.optional(),
  reference: z.string().min(1).optional(),
  url: z.string().min(1).optional(),
  verification: z.enum(["unverified", "verified"]),
  note: z.string().optional(),
});
export type PolicySource = z.infer<typeof PolicySource>;

/** Who a rule covers; an absent list means everyone. */
const Coverage = {
  citizenships: z.array(Iso3).min(1).optional(),
  demographics: z.array(Demographic).min(1).optional(),
};

/** A period during which part of the population is outside an authority (for example, unaccompanied children). */
export const AuthorityExclusion = z.strictObject({
  id: Slug,
  ...Coverage,
  effective: EffectiveWindow,
  reason: z.string().min(1),
  citations: Citations,
});

export const Authority = z.strictObject({
  code: Slug,
  label: z.string().min(1),
  effective: EffectiveWindow.optional(),
  exclusions: z.array(AuthorityExclusion).default([]),
  citations: Citations,
});
export type Authority = z.infer<typeof Authority>;

export const RequiredCheck = z.strictObject({ check: CheckCode, country: Iso3 });

/** One dated, cited reason a receiving nation or the law allows this disposition for some people. */
export const AcceptanceRule = z.strictObject({
  id: Slug,
  ...Coverage,
  effective: EffectiveWindow.default({}),
  requiredChecks: z.array(RequiredCheck).default([]),
  limitedCapacity: z.boolean().default(false),
  reason: z.string().min(1),
  citations: Citations,
  note: z.string().optional(),
});
export type AcceptanceRule = z.infer<typeof AcceptanceRule>;

export const DispositionRule = z.strictObject({
  code: DispositionCode,
  to: Iso3.optional(),
  label: z.string().min(1),
  authorities: z
    .array(Slug)
    .min(1, { error: "expected the authority codes under which this disposition exists" }),
  acceptance: z.array(AcceptanceRule).min(1),
  /** Whether an officer's choice of this disposition needs a supervisor's approval before it takes effect. */
  supervisorApproval: z.boolean().default(false),
});
export type DispositionRule = z.infer<typeof DispositionRule>;

export const SafeguardRule = z.strictObject({
  code: SafeguardCode,
  effect: z.string().min(1),
  blocks: z.array(DispositionCode),
  evidence: z.array(z.string().min(1)).min(1, { error: "expected the evidence this safeguard needs" }),
  citations: Citations,
});
export type SafeguardRule = z.infer<typeof SafeguardRule>;

const PolicyPackShape = z.strictObject({
  format: z.literal(policyPackFormat),
  id: Slug,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, { error: "expected a version such as 1.0.0" }),
  jurisdiction: Iso3,
  title: z.string().min(1),
  status: z.enum(["example", "draft", "reviewed"]),
  reviewNotice: z.string().min(1),
  timeZone: TimeZone,
  defaultAuthority: Slug,
  sources: z.array(PolicySource).min(1),
  authorities: z.array(Authority).min(1),
  dispositions: z.array(DispositionRule).min(1),
  safeguards: z.array(SafeguardRule),
});

/** A complete pack whose citations and authority codes all point at something defined in it. */
export const PolicyPack = PolicyPackShape.superRefine((pack, ctx) => {
  for (const problem of crossReferenceProblems(pack)) ctx.addIssue({ code: "custom", ...problem });
});
export type PolicyPack = z.infer<typeof PolicyPack>;

type PackShape = z.infer<typeof PolicyPackShape>;
type Path = (string | number)[];
type Problem = { path: Path; message: string };

function crossReferenceProblems(pack: PackShape): Problem[] {
  return [
    ...duplicates(
      pack.sources.map((s) => s.id),
      "sources",
      "id",
    ),
    ...duplicates(
      pack.authorities.map((a) => a.code),
      "authorities",
      "code",
    ),
    ...duplicates(
      pack.safeguards.map((s) => s.code),
      "safeguards",
      "code",
    ),
    ...duplicates(
      pack.dispositions.map((d) => `${d.code} ${d.to ?? ""}`.trim()),
      "dispositions",
      "code",
    ),
    ...authorityProblems(pack),
    ...citationProblems(pack),
  ];
}

function authorityProblems(pack: PackShape): Problem[] {
  const codes = new Set(pack.authorities.map((a) => a.code));
  const problems: Problem[] = [];
  if (!codes.has(pack.defaultAuthority)) {
    problems.push({
      path: ["defaultAuthority"],
      message: `expected one of the authority codes: ${[...codes]}`,
    });
  }
  for (const [i, d] of pack.dispositions.entries()) {
    // Only processing stays in the country; every other disposition sends the person somewhere.
    if ((d.code === "title8_processing") === (d.to !== undefined)) {
      problems.push({
        path: ["dispositions", i, "to"],
        message: "expected `to` on a return and only on a return",
      });
    }
    for (const [j, code] of d.authorities.entries()) {
      if (codes.has(code)) continue;
      const message = `expected an authority code; "${code}" is not defined`;
      problems.push({ path: ["dispositions", i, "authorities", j], message });
    }
  }
  return problems;
}

function citationProblems(pack: PackShape): Problem[] {
  const cited: { ids: string[]; path: Path }[] = [];
  for (const [i, a] of pack.authorities.entries()) {
    cited.push({ ids: a.citations, path: ["authorities", i, "citations"] });
    for (const [j, x] of a.exclusions.entries()) {
      cited.push({ ids: x.citations, path: ["authorities", i, "exclusions", j, "citations"] });
    }
  }
  for (const [i, d] of pack.dispositions.entries()) {
    for (const [j, r] of d.acceptance.entries()) {
      cited.push({ ids: r.citations, path: ["dispositions", i, "acceptance", j, "citations"] });
    }
  }
  for (const [i, s] of pack.safeguards.entries())
    cited.push({ ids: s.citations, path: ["safeguards", i, "citations"] });
  const known = new Set(pack.sources.map((s) => s.id));
  return cited.flatMap(({ ids, path }) =>
    ids.flatMap((id, k) =>
      known.has(id)
        ? []
        : [{ path: [...path, k], message: `expected a source id; "${id}" is not in sources` }],
    ),
  );
}

function duplicates(values: string[], list: string, field: string): Problem[] {
  const seen = new Set<string>();
  return values.flatMap((value, i) => {
    if (!seen.has(value)) {
      seen.add(value);
      return [];
    }
    return [{ path: [list, i, field], message: `expected a unique ${field}; "${value}" appears twice` }];
  });
}
