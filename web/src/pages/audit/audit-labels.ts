import type { Translate } from "../../error-text.ts";
import en from "../../i18n/en.json";

// The audit log keeps exact codes (`border.decision.queue.read`, `pathway_application`) that auditors search
// and export by. The page names them in the reader's language from `audit.actions` (one nested key per segment
// of the code), `audit.targets` and `audit.groups`; every language carries the keys English has. A code nobody
// labelled yet reads as its words ("border decision queue read"); test/audit-labels.test.ts fails on it.

type Tree = { [key: string]: string | Tree };

function codesOf(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, inner]) =>
    typeof inner === "string" ? [`${prefix}${key}`] : codesOf(inner, `${prefix}${key}.`),
  );
}

/** Every action the page has a label for. */
export const LABELLED_ACTIONS: readonly string[] = codesOf(en.audit.actions);
const ACTIONS = new Set(LABELLED_ACTIONS);

/** Every kind of record the page has a label for. */
export const LABELLED_TARGETS: readonly string[] = Object.keys(en.audit.targets);
const TARGETS = new Set(LABELLED_TARGETS);

const GROUPS = new Set(Object.keys(en.audit.groups));

/** A code's words, for one nobody labelled: dots and underscores become spaces. */
export function codeWords(code: string): string {
  return code.replace(/[._]+/g, " ").trim();
}

/** What an action did, in the reader's language. */
export function actionLabel(t: Translate, action: string): string {
  return ACTIONS.has(action) ? t(`audit.actions.${action}`) : codeWords(action);
}

/** A kind of record, in the reader's language. */
export function targetLabel(t: Translate, targetType: string): string {
  return TARGETS.has(targetType) ? t(`audit.targets.${targetType}`) : codeWords(targetType);
}

/** The labelled actions in groups by their first word, each group and its actions in the reader's order. */
export function actionGroups(
  t: Translate,
  language: string,
): { group: string; label: string; actions: { code: string; label: string }[] }[] {
  const collator = new Intl.Collator(language);
  const groups = new Map<string, { code: string; label: string }[]>();
  for (const code of LABELLED_ACTIONS) {
    const group = code.split(".")[0] ?? code;
    groups.set(group, [...(groups.get(group) ?? []), { code, label: actionLabel(t, code) }]);
  }
  return [...groups]
    .map(([group, actions]) => ({
      group,
      label: GROUPS.has(group) ? t(`audit.groups.${group}`) : codeWords(group),
      actions: actions.sort((a, b) => collator.compare(a.label, b.label)),
    }))
    .sort((a, b) => collator.compare(a.label, b.label));
}

/** The labelled kinds of record, in the reader's order. */
export function targetOptions(t: Translate, language: string): { code: string; label: string }[] {
  const collator = new Intl.Collator(language);
  return LABELLED_TARGETS.map((code) => ({ code, label: targetLabel(t, code) })).sort((a, b) =>
    collator.compare(a.label, b.label),
  );
}
