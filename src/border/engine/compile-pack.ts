import type {
  CheckCode,
  Demographic,
  DispositionCode,
  EntryKind,
  PresumptionCode,
} from "../border.contract.ts";
import type { ReasonParams } from "../border-reasons.contract.ts";
import { type CompiledWindow, compileWindow } from "./effective-window.ts";
import type { FactCode } from "./encounter-facts.ts";
import { borderLabels, type CompiledBorders, compileBorders } from "./pack-borders.ts";
import type { EffectiveWindow, PolicyPack, PolicySource, SafeguardRule } from "./policy-pack.ts";
import { type Said, say, windowParams } from "./reason-english.ts";

// A validated pack turned into lookups once, so that each assessment only compares strings, numbers
// and set members. Compilation is cached per pack object; packs are treated as immutable values.

export interface CompiledCoverage {
  citizenships: ReadonlySet<string> | null;
  notCitizenships: ReadonlySet<string> | null;
  demographics: ReadonlySet<Demographic> | null;
  borders: ReadonlySet<string> | null;
  entries: ReadonlySet<EntryKind> | null;
  /** The lists as reasons name them. */
  lists: { demographics: string[]; borders: string[]; entries: string[] };
}

/** Who is being assessed, in the terms coverage is written in. */
export interface Subject {
  citizenship: string;
  demographic: Demographic;
  /** The pack's code for the encounter's border, or null when the pack cannot place it. */
  border: string | null;
  entry: EntryKind;
}

export interface CompiledRule extends CompiledCoverage {
  id: string;
  window: CompiledWindow;
  /** The window as a reason's parameters: its bounds and zone. */
  windowParams: ReasonParams;
  reason: string;
  citations: string[];
  /** The near-miss reasons this rule gave, by the kind of person, border or facts that differed (`remembered`). */
  said: Map<string, Said>;
}

export interface CompiledNote {
  window: CompiledWindow;
  said: Said;
  citations: string[];
}

export interface CompiledAuthority {
  code: string;
  label: string;
  window: CompiledWindow;
  windowParams: ReasonParams;
  borders: ReadonlySet<string> | null;
  exclusions: CompiledRule[];
  notes: CompiledNote[];
  citations: string[];
}

export interface CompiledScreening {
  when: FactCode;
  said: Said;
  citations: string[];
}

export interface CompiledAcceptance extends CompiledRule {
  /** The reason as shown when the rule applies, with its window, any capacity limit and what is unverified. */
  applies: Said;
  requires: FactCode[];
  requiredChecks: { check: CheckCode; country: string }[];
  screenings: CompiledScreening[];
  limitedCapacity: boolean;
  note: string | undefined;
}

export interface CompiledDisposition {
  code: DispositionCode;
  /** A receiving nation, "citizenship" for the person's own country, or undefined when nobody is sent anywhere. */
  to: string | undefined;
  label: string;
  authorities: ReadonlySet<string>;
  /** Why the disposition is not open under another authority. */
  unavailable: Said;
  /** For an own-country return: the citizenships another entry of the same code already names in `to`. */
  statedElsewhere: ReadonlySet<string>;
  acceptance: CompiledAcceptance[];
  /** "No rule covers" by citizenship (`remembered`). */
  said: Map<string, Said>;
}

/** A safeguard with the sentence and citations it adds to every disposition it blocks. */
export interface CompiledSafeguard {
  rule: SafeguardRule;
  authorities: ReadonlySet<string> | null;
  citizenships: ReadonlySet<string> | null;
  blocks: ReadonlySet<string>;
  reason: Said;
  citations: string[];
}

export interface CompiledException extends CompiledCoverage {
  id: string;
  kind: "exception" | "rebuttal";
  when: FactCode[];
  reason: string;
  unverified: string | undefined;
  citations: string[];
}

export interface CompiledPresumption {
  code: PresumptionCode;
  label: string;
  effect: string;
  authorities: ReadonlySet<string> | null;
  coverage: CompiledCoverage;
  window: CompiledWindow;
  windowParams: ReasonParams;
  affects: ReadonlySet<string>;
  exceptions: CompiledException[];
  citations: string[];
  unverified: string | undefined;
}

export interface CompiledPack {
  pack: PolicyPack;
  borders: CompiledBorders;
  authorities: CompiledAuthority[];
  defaultAuthority: CompiledAuthority;
  dispositions: CompiledDisposition[];
  safeguards: CompiledSafeguard[];
  presumptions: CompiledPresumption[];
  /** Safeguard variants by `authority|citizenship`, filled as encounters are assessed. */
  safeguardVariants: Map<string, CompiledSafeguard[]>;
}

const cache = new WeakMap<PolicyPack, CompiledPack>();

/** Formats a source as one citation line: reference first, then issuer, kind, date, title and what is unverified. */
export function formatCitation(source: PolicySource): string {
  const when = source.date ? ` of ${source.date}` : "";
  const head = source.reference ? `${source.reference}: ` : "";
  const status = source.verification === "verified" ? "" : " [to be verified]";
  return `${head}${source.issuer}, ${source.kind.replace("_", " ")}${when}, "${source.title}"${status}`;
}

const setOf = <T>(list: readonly T[] | undefined): ReadonlySet<T> | null => (list ? new Set(list) : null);

interface RuleInput {
  id: string;
  citizenships?: string[] | undefined;
  notCitizenships?: string[] | undefined;
  demographics?: Demographic[] | undefined;
  borders?: string[] | undefined;
  entries?: EntryKind[] | undefined;
  effective?: EffectiveWindow | undefined;
  reason: string;
  citations: string[];
}

function coverageOf(r: Omit<RuleInput, "id" | "reason" | "citations">): CompiledCoverage {
  return {
    citizenships: setOf(r.citizenships),
    notCitizenships: setOf(r.notCitizenships),
    demographics: setOf(r.demographics),
    borders: setOf(r.borders),
    entries: setOf(r.entries),
    lists: { demographics: r.demographics ?? [], borders: r.borders ?? [], entries: r.entries ?? [] },
  };
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

  window(w: EffectiveWindow | undefined): { window: CompiledWindow; windowParams: ReasonParams } {
    const zone = w?.timeZone ?? this.pack.timeZone;
    return {
      window: compileWindow(w?.from, w?.until, zone),
      windowParams: windowParams(w, this.pack.timeZone),
    };
  }

  rule(r: RuleInput): CompiledRule {
    return {
      id: r.id,
      ...coverageOf(r),
      ...this.window(r.effective),
      reason: r.reason,
      citations: this.cite(r.citations),
      said: new Map(),
    };
  }

  authority(a: PolicyPack["authorities"][number]): CompiledAuthority {
    const notes = a.notes.map((n) => ({
      window: this.window(n.effective).window,
      said: say("authority_note", { text: n.reason, unverified: n.toBeVerified }),
      citations: this.cite(n.citations),
    }));
    return {
      code: a.code,
      label: a.label,
      ...this.window(a.effective),
      borders: setOf(a.borders),
      exclusions: a.exclusions.map((x) => this.rule(x)),
      notes,
      citations: this.cite(a.citations),
    };
  }

  disposition(d: PolicyPack["dispositions"][number]): CompiledDisposition {
    const stated = this.pack.dispositions.filter((x) => x.code === d.code && x.to !== "citizenship");
    const acceptance = d.acceptance.map((r) => {
      const compiled = this.rule(r);
      const applies = say("rule_applies", {
        rule: r.reason,
        ...compiled.windowParams,
        limited: r.limitedCapacity ? "yes" : undefined,
        unverified: r.toBeVerified,
      });
      const screenings = r.screenings.map((s) => ({
        when: s.when,
        said: say("screening", { text: s.reason }),
        citations: this.cite(s.citations),
      }));
      return {
        ...compiled,
        applies,
        requires: r.requires,
        requiredChecks: r.requiredChecks,
        screenings,
        limitedCapacity: r.limitedCapacity,
        note: r.note,
      };
    });
    const unavailable = say("disposition_unavailable", { disposition: d.label, authorities: d.authorities });
    return {
      code: d.code,
      to: d.to,
      label: d.label,
      authorities: new Set(d.authorities),
      unavailable,
      statedElsewhere: new Set(d.to === "citizenship" ? stated.map((x) => x.to as string) : []),
      acceptance,
      said: new Map(),
    };
  }

  safeguard(rule: SafeguardRule): CompiledSafeguard {
    const reason = say("safeguard_open", {
      safeguard: rule.code,
      effect: rule.effect,
      unverified: rule.toBeVerified,
    });
    return {
      rule,
      authorities: setOf(rule.authorities),
      citizenships: setOf(rule.citizenships),
      blocks: new Set<string>(rule.blocks),
      reason,
      citations: this.cite(rule.citations),
    };
  }

  presumption(p: PolicyPack["presumptions"][number]): CompiledPresumption {
    const exceptions = p.exceptions.map((x) => ({
      id: x.id,
      kind: x.kind,
      ...coverageOf(x),
      when: x.when,
      reason: x.reason,
      unverified: x.toBeVerified,
      citations: this.cite(x.citations),
    }));
    return {
      code: p.code,
      label: p.label,
      effect: p.effect,
      authorities: setOf(p.authorities),
      coverage: coverageOf(p),
      ...this.window(p.effective),
      affects: new Set<string>(p.affects),
      exceptions,
      citations: this.cite(p.citations),
      unverified: p.toBeVerified,
    };
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
    borders: compileBorders(pack.borders, pack.defaultBorder),
    authorities,
    defaultAuthority,
    dispositions: pack.dispositions.map((d) => compiler.disposition(d)),
    safeguards: pack.safeguards.map((s) => compiler.safeguard(s)),
    presumptions: pack.presumptions.map((p) => compiler.presumption(p)),
    safeguardVariants: new Map(),
  };
  cache.set(pack, compiled);
  return compiled;
}

/** Whether a rule's coverage includes this person, at this border and kind of entry. */
export function covers(rule: CompiledCoverage, subject: Subject): boolean {
  return (
    (rule.citizenships === null || rule.citizenships.has(subject.citizenship)) &&
    (rule.notCitizenships === null || !rule.notCitizenships.has(subject.citizenship)) &&
    (rule.demographics === null || rule.demographics.has(subject.demographic)) &&
    (rule.borders === null || (subject.border !== null && rule.borders.has(subject.border))) &&
    (rule.entries === null || rule.entries.has(subject.entry))
  );
}

/** Why a rule that names this person's citizenship still does not cover them (for near-miss reasons). */
export function coverageGap(
  rule: CompiledCoverage,
  subject: Subject,
  borderText: string,
  borders: CompiledBorders,
): { code: "rule_gap_demographic" | "rule_gap_border" | "rule_gap_entry"; params: ReasonParams } | null {
  if (rule.demographics !== null && !rule.demographics.has(subject.demographic))
    return {
      code: "rule_gap_demographic",
      params: { only: rule.lists.demographics, actual: subject.demographic },
    };
  if (rule.borders !== null && (subject.border === null || !rule.borders.has(subject.border)))
    return {
      code: "rule_gap_border",
      params: {
        only: rule.lists.borders,
        onlyLabels: borderLabels(borders, rule.lists.borders),
        at: borderText,
      },
    };
  if (rule.entries !== null && !rule.entries.has(subject.entry))
    return { code: "rule_gap_entry", params: { only: rule.lists.entries, actual: subject.entry } };
  return null;
}
