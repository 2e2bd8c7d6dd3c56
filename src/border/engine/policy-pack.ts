import { z } from "zod";
import { Iso3, RETURN_DISPOSITIONS } from "../border.contract.ts";
import {
  Authority,
  BorderDefinition,
  DispositionRule,
  PolicySource,
  PresumptionRule,
  SafeguardRule,
  Slug,
  TimeZone,
} from "./policy-pack-rules.ts";

// A border policy pack: one jurisdiction's rules as versioned data, each rule dated and cited.
// The format is documented in docs/border-policy-packs.md; keep the two together.

export type {
  AcceptanceRule,
  Authority,
  BorderDefinition,
  DispositionRule,
  EffectiveWindow,
  PolicySource,
  PresumptionException,
  PresumptionRule,
  SafeguardRule,
} from "./policy-pack-rules.ts";

export const policyPackFormat = "hemisphere.border-policy-pack/1";

const PolicyPackShape = z.strictObject({
  format: z.literal(policyPackFormat),
  id: Slug,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, { error: "expected a version such as 1.0.0" }),
  jurisdiction: Iso3,
  title: z.string().min(1),
  /** The language the pack's own words (reasons, labels, effects) are written in, as a BCP 47 primary tag. */
  language: z
    .string()
    .regex(/^[a-z]{2,3}$/, { error: "expected a language tag such as en or es" })
    .default("en"),
  status: z.enum(["example", "draft", "reviewed"]),
  reviewNotice: z.string().min(1),
  timeZone: TimeZone,
  defaultAuthority: Slug,
  borders: z.array(BorderDefinition).default([]),
  /** The border an encounter is read at when it records none. */
  defaultBorder: Slug.optional(),
  sources: z.array(PolicySource).min(1),
  authorities: z.array(Authority).min(1),
  dispositions: z.array(DispositionRule).min(1),
  safeguards: z.array(SafeguardRule),
  presumptions: z.array(PresumptionRule).default([]),
});

/** A complete pack whose citations, authority and border codes all point at something defined in it. */
export const PolicyPack = PolicyPackShape.superRefine((pack, ctx) => {
  for (const problem of crossReferenceProblems(pack)) ctx.addIssue({ code: "custom", ...problem });
});
export type PolicyPack = z.infer<typeof PolicyPack>;

type PackShape = z.infer<typeof PolicyPackShape>;
type Path = (string | number)[];
type Problem = { path: Path; message: string };

function crossReferenceProblems(pack: PackShape): Problem[] {
  const listKey = (list: readonly string[] | undefined) => (list ?? []).join(",");
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
      pack.borders.map((b) => b.code),
      "borders",
      "code",
    ),
    ...duplicates(
      pack.safeguards.map((s) => `${s.code} ${listKey(s.authorities)} ${listKey(s.citizenships)}`.trim()),
      "safeguards",
      "code",
    ),
    ...duplicates(
      pack.dispositions.map((d) => `${d.code} ${d.to ?? ""}`.trim()),
      "dispositions",
      "code",
    ),
    ...authorityProblems(pack),
    ...borderProblems(pack),
    ...citationProblems(pack),
  ];
}

function unknownCodes(
  codes: ReadonlySet<string>,
  used: readonly string[] | undefined,
  path: Path,
  what: string,
) {
  return (used ?? []).flatMap((code, j) =>
    codes.has(code) ? [] : [{ path: [...path, j], message: `expected ${what}; "${code}" is not defined` }],
  );
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
    // Returns name the receiving nation; every other disposition keeps the person or removes them home.
    if (RETURN_DISPOSITIONS.has(d.code) === (d.to === undefined)) {
      problems.push({
        path: ["dispositions", i, "to"],
        message: `expected \`to\` on a return (${[...RETURN_DISPOSITIONS]}) and only on a return`,
      });
    }
    problems.push(
      ...unknownCodes(codes, d.authorities, ["dispositions", i, "authorities"], "an authority code"),
    );
  }
  for (const [i, s] of pack.safeguards.entries()) {
    problems.push(
      ...unknownCodes(codes, s.authorities, ["safeguards", i, "authorities"], "an authority code"),
    );
  }
  for (const [i, p] of pack.presumptions.entries()) {
    problems.push(
      ...unknownCodes(codes, p.authorities, ["presumptions", i, "authorities"], "an authority code"),
    );
  }
  return problems;
}

function borderProblems(pack: PackShape): Problem[] {
  const codes = new Set(pack.borders.map((b) => b.code));
  const what = "a border code from `borders`";
  const problems: Problem[] = [];
  if (pack.defaultBorder !== undefined && !codes.has(pack.defaultBorder)) {
    problems.push({ path: ["defaultBorder"], message: `expected one of the border codes: ${[...codes]}` });
  }
  for (const [i, a] of pack.authorities.entries()) {
    problems.push(...unknownCodes(codes, a.borders, ["authorities", i, "borders"], what));
    for (const [j, x] of a.exclusions.entries()) {
      problems.push(...unknownCodes(codes, x.borders, ["authorities", i, "exclusions", j, "borders"], what));
    }
  }
  for (const [i, d] of pack.dispositions.entries()) {
    for (const [j, r] of d.acceptance.entries()) {
      problems.push(...unknownCodes(codes, r.borders, ["dispositions", i, "acceptance", j, "borders"], what));
    }
  }
  for (const [i, p] of pack.presumptions.entries()) {
    problems.push(...unknownCodes(codes, p.borders, ["presumptions", i, "borders"], what));
  }
  return problems;
}

function citedLists(pack: PackShape): { ids: string[]; path: Path }[] {
  const cited: { ids: string[]; path: Path }[] = [];
  for (const [i, a] of pack.authorities.entries()) {
    cited.push({ ids: a.citations, path: ["authorities", i, "citations"] });
    for (const [j, x] of a.exclusions.entries()) {
      cited.push({ ids: x.citations, path: ["authorities", i, "exclusions", j, "citations"] });
    }
    for (const [j, n] of a.notes.entries()) {
      cited.push({ ids: n.citations, path: ["authorities", i, "notes", j, "citations"] });
    }
  }
  for (const [i, d] of pack.dispositions.entries()) {
    for (const [j, r] of d.acceptance.entries()) {
      const at = ["dispositions", i, "acceptance", j];
      cited.push({ ids: r.citations, path: [...at, "citations"] });
      for (const [k, s] of r.screenings.entries())
        cited.push({ ids: s.citations, path: [...at, "screenings", k, "citations"] });
    }
  }
  for (const [i, s] of pack.safeguards.entries())
    cited.push({ ids: s.citations, path: ["safeguards", i, "citations"] });
  for (const [i, p] of pack.presumptions.entries()) {
    cited.push({ ids: p.citations, path: ["presumptions", i, "citations"] });
    for (const [j, x] of p.exceptions.entries())
      cited.push({ ids: x.citations, path: ["presumptions", i, "exceptions", j, "citations"] });
  }
  return cited;
}

function citationProblems(pack: PackShape): Problem[] {
  const known = new Set(pack.sources.map((s) => s.id));
  return citedLists(pack).flatMap(({ ids, path }) =>
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
