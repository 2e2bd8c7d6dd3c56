import type { EffectiveWindow, PolicyPack, PolicySource } from "./policy-pack.ts";

/**
 * Dated policy events read from a border policy pack: when an authority starts and ends, when part of the
 * population is excluded from it, and when a receiving nation starts or stops accepting people. Statistics
 * charts annotate them and surge alerts name the nearest; the pack stays the one place the dates live.
 */
export interface PolicyEvent {
  /** Calendar date `YYYY-MM-DD` (the local date of the window's edge, in the pack's time zone). */
  date: string;
  kind: "start" | "end";
  /** What happens, in the pack's words. */
  title: string;
  /** ISO alpha-3 citizenships concerned; empty means everyone. */
  citizenships: string[];
  jurisdiction: string;
  pack: string;
  sources: { id: string; title: string; reference?: string | undefined }[];
}

/** Every dated event of a pack, oldest first. */
export function policyEventsOfPack(pack: PolicyPack): PolicyEvent[] {
  const sources = new Map(pack.sources.map((s) => [s.id, s]));
  const cite = (ids: string[]) =>
    ids.flatMap((id) => {
      const s: PolicySource | undefined = sources.get(id);
      return s ? [{ id: s.id, title: s.title, reference: s.reference }] : [];
    });
  const events: PolicyEvent[] = [];
  const add = (
    window: EffectiveWindow | undefined,
    titles: [string, string],
    who: string[],
    ids: string[],
  ) => {
    const base = { citizenships: who, jurisdiction: pack.jurisdiction, pack: pack.id, sources: cite(ids) };
    if (window?.from)
      events.push({ ...base, date: window.from.slice(0, 10), kind: "start", title: titles[0] });
    if (window?.until)
      events.push({ ...base, date: window.until.slice(0, 10), kind: "end", title: titles[1] });
  };
  for (const a of pack.authorities) {
    add(a.effective, [`${a.label}: in force`, `${a.label}: ends`], [], a.citations);
    for (const x of a.exclusions)
      add(
        x.effective,
        [`${a.label}: ${x.reason}`, `${a.label}: ${x.reason} (ends)`],
        x.citizenships ?? [],
        x.citations,
      );
  }
  for (const d of pack.dispositions)
    for (const rule of d.acceptance)
      add(rule.effective, [rule.reason, `${rule.reason} (ends)`], rule.citizenships ?? [], rule.citations);
  return events.sort((a, b) =>
    a.date === b.date ? a.title.localeCompare(b.title) : a.date < b.date ? -1 : 1,
  );
}
