import type { CheckCode, Demographic, DispositionCode } from "./border.contract.ts";
import { type CompiledWindow, compileWindow } from "./effective-window.ts";
import type { EffectiveWindow, PolicyPack, PolicySource, SafeguardRule } from "./policy-pack.ts";

// A validated pack turned into lookups once, so that each assessment only compares strings, numbers
// and set members. Compilation is cached per pack object; packs are treated as immutable values.

export interface CompiledCoverage {
  citizenships: ReadonlySet<string> | null;
  demographics: ReadonlySet<Demographic> | null;
}

export interface CompiledRule extends CompiledCoverage {
  id: string;
  window: CompiledWindow;
  windowText: string;
  reason: string;
  citations: string[];
}

export interface CompiledAuthority {
  code: string;
  label: string;
  window: CompiledWindow;
  windowText: string;
  exclusions: CompiledRule[];
  citations: string[];
}

export interface CompiledAcceptance extends CompiledRule {
  /** The reason as shown when the rule applies, with its window and any capacity limit. */
  appliesText: string;
  requiredChecks: { check: CheckCode; country: string }[];
  limitedCapacity: boolean;
  note: string | undefined;
}

export interface CompiledDisposition {
  code: DispositionCode;
  to: string | undefined;
  label: string;
  authorities: ReadonlySet<string>;
  acceptance: CompiledAcceptance[];
}

/** A safeguard with the sentence and citations it adds to every disposition it blocks. */
export interface CompiledSafeguard {
  rule: SafeguardRule;
  blocks: ReadonlySet<string>;
  reason: string;
  citations: string[];
}

export interface CompiledPack {
  pack: PolicyPack;
  authorities: CompiledAuthority[];
  defaultAuthority: CompiledAuthority;
  dispositions: CompiledDisposition[];
  safeguards: CompiledSafeguard[];
}

const limitedText = "; limited numbers only, subject to the receiving nation's capacity";

const cache = new WeakMap<PolicyPack, CompiledPack>();

/** Formats a source as one citation line: reference first, then issuer, kind, date and title. */
export function formatCitation(source: PolicySource): string {
  const when = source.date ? ` of ${source.date}` : "";
  const head = source.reference ? `${source.reference}: ` : "";
  return `${head}${source.issuer}, ${source.kind}${when}, "${source.title}"`;
}

function describeWindow(window: EffectiveWindow | undefined, zone: string): string {
  if (!window || (window.from === undefined && window.until === undefined)) return "at all times";
  const from = window.from === undefined ? "" : `from ${window.from.replace("T", " ")}`;
  const until = window.until === undefined ? "" : `until ${window.until.replace("T", " ")}`;
  return `${[from, until].filter(Boolean).join(" ")}, ${window.timeZone ?? zone} time`;
}

interface RuleInput {
  id: string;
  citizenships?: string[] | undefined;
  demographics?: Demographic[] | undefined;
  effective?: EffectiveWindow | undefined;
  reason: string;
  citations: string[];
}

/** Turns source ids into citation lines and rules into compiled windows, in the pack's time zone. */
class PackCompiler {
  private readonly citationById: Map<string, string>;

  constructor(private readonly pack: PolicyPack) {
    this.citationById = new Map(pack.sources.map((s) => [s.id, formatCitation(s)]));
  }

  cite(ids: string[]): string[] {
    return ids.map((id) => this.citationById.get(id) ?? id);
  }

  window(w: EffectiveWindow | undefined): { window: CompiledWindow; windowText: string } {
    const zone = w?.timeZone ?? this.pack.timeZone;
    return {
      window: compileWindow(w?.from, w?.until, zone),
      windowText: describeWindow(w, this.pack.timeZone),
    };
  }

  rule(r: RuleInput): CompiledRule {
    const citizenships = r.citizenships ? new Set(r.citizenships) : null;
    const demographics = r.demographics ? new Set(r.demographics) : null;
    return {
      id: r.id,
      citizenships,
      demographics,
      ...this.window(r.effective),
      reason: r.reason,
      citations: this.cite(r.citations),
    };
  }

  authority(a: PolicyPack["authorities"][number]): CompiledAuthority {
    const exclusions = a.exclusions.map((x) => this.rule(x));
    return {
      code: a.code,
      label: a.label,
      ...this.window(a.effective),
      exclusions,
      citations: this.cite(a.citations),
    };
  }

  disposition(d: PolicyPack["dispositions"][number]): CompiledDisposition {
    const acceptance = d.acceptance.map((r) => {
      const compiled = this.rule(r);
      const limited = r.limitedCapacity ? limitedText : "";
      const appliesText = `${r.reason} (in force ${compiled.windowText})${limited}`;
      return {
        ...compiled,
        appliesText,
        requiredChecks: r.requiredChecks,
        limitedCapacity: r.limitedCapacity,
        note: r.note,
      };
    });
    return { code: d.code, to: d.to, label: d.label, authorities: new Set(d.authorities), acceptance };
  }

  safeguard(rule: SafeguardRule): CompiledSafeguard {
    const reason = `safeguard ${rule.code} is open: ${rule.effect}`;
    return { rule, blocks: new Set<string>(rule.blocks), reason, citations: this.cite(rule.citations) };
  }
}

/** Compiles a validated pack (cached per object). */
export function compilePack(pack: PolicyPack): CompiledPack {
  const cached = cache.get(pack);
  if (cached) return cached;
  const compiler = new PackCompiler(pack);
  const authorities = pack.authorities.map((a) => compiler.authority(a));
  // Validation guarantees the default authority exists.
  const defaultAuthority = authorities.find((a) => a.code === pack.defaultAuthority)!;
  const compiled: CompiledPack = {
    pack,
    authorities,
    defaultAuthority,
    dispositions: pack.dispositions.map((d) => compiler.disposition(d)),
    safeguards: pack.safeguards.map((s) => compiler.safeguard(s)),
  };
  cache.set(pack, compiled);
  return compiled;
}

/** Whether a rule's coverage includes this citizenship and demographic. */
export function covers(rule: CompiledCoverage, citizenship: string, demographic: Demographic): boolean {
  return (
    (rule.citizenships === null || rule.citizenships.has(citizenship)) &&
    (rule.demographics === null || rule.demographics.has(demographic))
  );
}
