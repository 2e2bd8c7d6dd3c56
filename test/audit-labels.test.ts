import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DecisionInput } from "../src/networks/networks.contract.ts";
import { ReferralDecision } from "../src/pathways/referrals.contract.ts";
import { AgreementDecision } from "../src/platform/agreements/agreements.contract.ts";
import { root } from "./architecture-graph.ts";

/**
 * The audit page names every action and kind of record in the auditor's language (web/src/i18n, sections
 * `audit.actions` and `audit.targets`, one nested key per segment of the code). The codes are read here from
 * the source, as the server records them: a new action or kind of record without a label in every language
 * fails, and so does a call the reading below cannot follow, so that no action slips through unseen.
 */

const LANGUAGES = ["es", "en", "pt", "fr", "ht"] as const;
const CODE = /^[a-z_]+(?:\.[a-z_]+)+$/;
const DOTTED = /"([a-z_]+(?:\.[a-z_]+)+)"/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

const sources = sourceFiles(path.join(root, "src")).map((file) => ({
  file: path.relative(root, file),
  text: fs.readFileSync(file, "utf8"),
}));

/** Actions built from a template, with every value the template can take (read from the contracts). */
const TEMPLATES: Record<string, string[]> = {
  "agreement.${input.decision}": AgreementDecision.shape.decision.options.map((d) => `agreement.${d}`),
  "network.detail_request.${input.decision}": DecisionInput.shape.decision.options.map(
    (d) => `network.detail_request.${d}`,
  ),
  "network.legal_basis.${input.decision}": DecisionInput.shape.decision.options.map(
    (d) => `network.legal_basis.${d}`,
  ),
  "pathway.referral.${input.status}": ReferralDecision.shape.status.options.map(
    (s) => `pathway.referral.${s}`,
  ),
  // The registry's referrals: `setStatus` in crossmatch.service.ts is called with these four.
  "referral.${status}": ["referral.accepted", "referral.rejected", "referral.revoked", "referral.stopped"],
  'person.${decision === "merge" ? "merge" : "distinct"}': ["person.merge", "person.distinct"],
};

/** Helpers that take the action as an argument and record it: their name and the argument's position. */
const HELPERS: { name: string; position: number }[] = [
  { name: "auditHousehold", position: 2 },
  { name: "readOwnApplication", position: 3 },
  { name: "auditedPage", position: 3 },
];

/** Calls of `recordAudit` whose action comes from elsewhere: the helpers above and the two-sided writer. */
const PASSED_ON = [/^\s*tx,\s*scope,\s*\{\s*action,/, /^\s*tx,\s*scope,\s*event\s*$/];

/** An action named where it is recorded: a code, a choice between two codes, or a template. */
const NAMED = /\baction:\s*(?:"[a-z_.]+"|`|[^,\n]*\?\s*"[a-z_.]+"\s*:\s*"[a-z_.]+")/;

/** The text between the parenthesis at `open` and the one that closes it. */
function argumentsAt(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && --depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1);
}

function recordedActions(): { actions: Set<string>; unread: string[] } {
  const actions = new Set<string>();
  const unread: string[] = [];
  for (const { file, text } of sources) {
    // `action: "…"`, `action: cond ? "…" : "…"`, and template literals.
    for (const m of text.matchAll(/\baction:\s*([^\n]+)/g)) {
      const expression = m[1] ?? "";
      for (const literal of expression.matchAll(DOTTED)) actions.add(literal[1] ?? "");
      const template = /^`([^`]*)`/.exec(expression)?.[1];
      if (template === undefined) continue;
      const values = TEMPLATES[template];
      if (values) for (const value of values) actions.add(value);
      else unread.push(`${file}: template action \`${template}\``);
    }
    for (const { name, position } of HELPERS)
      for (const m of text.matchAll(new RegExp(`\\b${name}\\(`, "g"))) {
        const args = argumentsAt(text, (m.index ?? 0) + name.length);
        const literal = /^\s*"([^"]*)"\s*$/.exec(args.split(",")[position] ?? "")?.[1];
        if (literal !== undefined) actions.add(literal);
        else if (
          !/^\s*action\s*$/.test(args.split(",")[position] ?? "") &&
          !/\bfunction\s*$/.test(text.slice(0, m.index))
        )
          unread.push(`${file}: ${name}(${args.slice(0, 60)})`);
      }
    // Every call of recordAudit names its action in a way read above.
    for (const m of text.matchAll(/\brecordAudit\(/g)) {
      if (/function\s+$/.test(text.slice(0, m.index))) continue;
      const args = argumentsAt(text, (m.index ?? 0) + "recordAudit".length);
      if (NAMED.test(args) || PASSED_ON.some((shape) => shape.test(args))) continue;
      unread.push(`${file}: recordAudit(${args.slice(0, 80)})`);
    }
  }
  return { actions, unread };
}

function recordedTargets(): Set<string> {
  const targets = new Set<string>();
  for (const { text } of sources)
    for (const m of text.matchAll(/\btargetType:\s*"([a-z_]+)"/g)) targets.add(m[1] ?? "");
  return targets;
}

const read = (code: string) =>
  JSON.parse(fs.readFileSync(path.join(root, "web/src/i18n", `${code}.json`), "utf8")) as {
    audit: {
      actions: Record<string, unknown>;
      targets: Record<string, unknown>;
      groups: Record<string, unknown>;
    };
  };

/** The text at a dotted code in a tree of nested keys, or undefined. */
function at(tree: Record<string, unknown>, code: string): unknown {
  return code
    .split(".")
    .reduce<unknown>((node, segment) => (node as Record<string, unknown>)?.[segment], tree);
}

/** Every code a tree of nested keys labels. */
function codesOf(tree: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, inner]) =>
    typeof inner === "string"
      ? [`${prefix}${key}`]
      : codesOf(inner as Record<string, unknown>, `${prefix}${key}.`),
  );
}

const { actions, unread } = recordedActions();
const targets = recordedTargets();

describe("the audit's actions and kinds of record, named in every language", () => {
  it("reads every recorded action from the source (a new way of naming one must be taught here)", () => {
    expect(unread).toEqual([]);
    expect(actions.size).toBeGreaterThan(100);
    for (const action of actions) expect(action).toMatch(CODE);
    // Spot checks: a plain action, one from a condition, a template, a helper's argument.
    for (const known of [
      "border.decision.queue.read",
      "consent.withdraw",
      "agreement.suspend",
      "household.member.split",
      "pathway.application.status",
    ])
      expect(actions).toContain(known);
  });

  it.each(LANGUAGES)("%s labels every recorded action and kind of record", (language) => {
    const { audit } = read(language);
    const unlabelled = [...actions].filter((a) => typeof at(audit.actions, a) !== "string");
    expect(unlabelled.sort()).toEqual([]);
    const untyped = [...targets].filter((t) => typeof audit.targets[t] !== "string");
    expect(untyped.sort()).toEqual([]);
    // The filter's select groups the actions by their first word.
    const ungrouped = new Set(
      [...actions].map((a) => a.split(".")[0] ?? "").filter((g) => typeof audit.groups[g] !== "string"),
    );
    expect([...ungrouped].sort()).toEqual([]);
  });

  it("labels no action the server no longer records", () => {
    const { audit } = read("en");
    expect(codesOf(audit.actions).filter((code) => !actions.has(code))).toEqual([]);
    expect(Object.keys(audit.targets).filter((t) => !targets.has(t))).toEqual([]);
  });
});
