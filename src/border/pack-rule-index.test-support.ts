import type { Assessment, DispositionAssessment } from "./border.contract.ts";
import { formatCitation } from "./engine/compile-pack.ts";
import type { PolicyPack } from "./engine/policy-pack.ts";

// Test support: every rule of a pack under one id, with what an assessment must show when the rule applies —
// its reason among the reasons and each of its sources among the citations. Scenario tests name the rules they
// exercise, and a completeness test checks that every rule of every shipped pack is exercised.

type Check = (out: Assessment, citizenship: string) => void;

interface IndexedRule {
  id: string;
  /** Throws with a precise message when `out` does not show the rule as applied. */
  check: Check;
}

const keyOf = (d: { code: string; to?: string | undefined }) => (d.to ? `${d.code} ${d.to}` : d.code);

function fail(message: string): never {
  throw new Error(message);
}

function expectCited(d: DispositionAssessment | undefined, cited: string[], id: string) {
  if (!d) fail(`${id}: no disposition shows it`);
  for (const line of cited) if (!d.citations.includes(line)) fail(`${id}: ${keyOf(d)} does not cite ${line}`);
}

function withReason(out: Assessment, text: string, id: string): DispositionAssessment {
  return (
    out.dispositions.find((d) => d.reasons.some((r) => r.includes(text))) ??
    fail(`${id}: no reason says "${text}"`)
  );
}

/** Every rule of `pack` by id: acceptance rules, authority notes and exclusions, safeguards, presumptions. */
export function indexRules(pack: PolicyPack): Map<string, IndexedRule> {
  const cite = (ids: string[]) =>
    ids.map((id) => formatCitation(pack.sources.find((s) => s.id === id) ?? fail(`unknown source ${id}`)));
  const index = new Map<string, IndexedRule>();
  const add = (id: string, check: Check) => index.set(id, { id, check });
  for (const d of pack.dispositions) {
    for (const r of d.acceptance) {
      add(r.id, (out, citizenship) => {
        const to = d.to === "citizenship" ? citizenship : d.to;
        const shown = out.dispositions.find((x) => x.code === d.code && x.to === to);
        if (!shown?.reasons.some((reason) => reason.startsWith(r.reason)))
          fail(`${r.id}: ${keyOf({ code: d.code, to })} does not apply it`);
        expectCited(shown, cite(r.citations), r.id);
      });
    }
  }
  for (const a of pack.authorities) {
    for (const n of a.notes)
      add(n.id, (out) => expectCited(withReason(out, n.reason, n.id), cite(n.citations), n.id));
    for (const x of a.exclusions) {
      add(x.id, (out) =>
        expectCited(withReason(out, `does not apply: ${x.reason}`, x.id), cite(x.citations), x.id),
      );
    }
  }
  for (const s of pack.safeguards) {
    const id = ["safeguard", s.code, ...(s.authorities ?? []), ...(s.citizenships ?? [])].join(":");
    add(id, (out) => {
      const shown = out.safeguards.find((g) => g.code === s.code && g.effect === s.effect);
      if (!shown) fail(`${id}: not opened`);
      for (const line of cite(s.citations))
        if (!shown.citations.includes(line)) fail(`${id}: not citing ${line}`);
    });
  }
  for (const p of pack.presumptions) {
    add(`presumption:${p.code}`, (out) => {
      const shown = out.presumptions.find((x) => x.code === p.code) ?? fail(`${p.code}: not reported`);
      for (const line of cite(p.citations))
        if (!shown.citations.includes(line)) fail(`${p.code}: not citing ${line}`);
    });
    for (const x of p.exceptions) {
      add(x.id, (out) => {
        if (out.presumptions.some((y) => y.code === p.code)) fail(`${x.id}: ${p.code} still reported`);
        expectCited(withReason(out, x.reason, x.id), cite(x.citations), x.id);
      });
    }
  }
  return index;
}
