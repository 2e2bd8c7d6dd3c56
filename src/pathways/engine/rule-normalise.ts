// Forgiving input: people write rules by hand, so spelling variants of kinds and keys are mapped to the one
// canonical form before validation. Only names change; the structure (and so every error path) stays theirs.

const kindAliases: Record<string, string> = {
  nationalities: "nationality",
  citizenship: "nationality",
  present: "presence",
  presence_before: "presence",
  residence: "presence",
  age_range: "age",
  family: "family_tie",
  family_ties: "family_tie",
  sponsorship: "sponsor",
  job: "job_offer",
  employment: "job_offer",
  vulnerable: "vulnerability",
  vulnerabilities: "vulnerability",
  exclusions: "exclusion",
  excluded: "exclusion",
  question: "answer",
  fact: "answer",
  outside_country: "outside",
  not_in_country: "outside",
  outside_of: "outside",
  other_status: "status_elsewhere",
  status_in_other_country: "status_elsewhere",
  irregular: "irregular_entry",
  irregular_entries: "irregular_entry",
};

const keyAliases: Record<string, Record<string, string>> = {
  nationality: { countries: "in", nationalities: "in", anyOf: "in", oneOf: "in" },
  presence: {
    date: "onOrBefore",
    cutoff: "onOrBefore",
    since: "onOrBefore",
    before: "onOrBefore",
    in: "country",
  },
  age: { minAge: "min", maxAge: "max", minimum: "min", maximum: "max" },
  family_tie: { relationships: "relations", relation: "relations", in: "country" },
  sponsor: { in: "country" },
  job_offer: { sector: "sectors", in: "country" },
  vulnerability: { in: "categories", anyOf: "categories", category: "categories" },
  exclusion: { in: "grounds", anyOf: "grounds", ground: "grounds" },
  answer: { id: "question", anyOf: "in", oneOf: "in", value: "equals" },
  outside: { in: "country", of: "country" },
  status_elsewhere: { status: "statuses", in: "statuses", anyOf: "statuses" },
  irregular_entry: {
    country: "countries",
    in: "countries",
    into: "countries",
    since: "after",
    onOrAfter: "after",
    date: "after",
  },
};

/** Turns "familyTie", "Family-Tie" or "family tie" into "family_tie". */
export function snakeCase(name: string): string {
  return name
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[\s-]+/g, "_")
    .toLowerCase();
}

function camelCase(name: string): string {
  return name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Maps one rule node written in any accepted spelling to the canonical one (not recursive: Zod recurses). */
export function normaliseRuleInput(input: unknown): unknown {
  if (Array.isArray(input)) return { kind: "all", all: input };
  if (!isRecord(input)) return input;
  for (const combinator of ["all", "any", "not"] as const) {
    if (combinator in input && input.kind === undefined) return { ...input, kind: combinator };
  }
  if (typeof input.kind !== "string" && typeof input.type === "string" && input.question === undefined) {
    // `type` is a common slip for `kind` on leaves (the answer kind uses `type` for the answer's type).
    const { type, ...rest } = input;
    return normaliseRuleInput({ ...rest, kind: type });
  }
  if (typeof input.kind !== "string") return input;
  const kind = kindAliases[snakeCase(input.kind)] ?? snakeCase(input.kind);
  if ((kind === "all" || kind === "any") && Array.isArray(input.rules) && !(kind in input)) {
    const { rules, ...rest } = input;
    return { ...rest, kind, [kind]: rules };
  }
  return { ...renameKeys(input, kind), kind };
}

function renameKeys(input: Record<string, unknown>, kind: string): Record<string, unknown> {
  const aliases = keyAliases[kind] ?? {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const camel = camelCase(key);
    // The answer kind's own `id` names the question only when `question` is absent.
    const renamed =
      kind === "answer" && key === "id" && "question" in input ? key : (aliases[camel] ?? camel);
    out[renamed] = value;
  }
  return out;
}
