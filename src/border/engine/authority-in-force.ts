import {
  type CompiledAuthority,
  type CompiledPack,
  type CompiledRule,
  covers,
  type Subject,
} from "./compile-pack.ts";
import { type EncounterMoment, isInForce } from "./effective-window.ts";
import type { PlacedBorder } from "./pack-borders.ts";

// Which legal authority applies to an encounter: the first in pack order that is in force on its date, covers
// its border and has no exclusion covering the person; otherwise the pack's default. The reasons say why the
// others did not apply, and which dated events of the authority's history (orders, injunctions) bear on it.

export interface AuthorityInForce {
  code: string;
  reasons: string[];
  citations: string[];
}

/** The authority in force for `subject` at `moment`, with the reasons and citations behind it. */
export function authorityInForce(
  pack: CompiledPack,
  subject: Subject,
  moment: EncounterMoment,
  date: string,
  placed: PlacedBorder,
): AuthorityInForce {
  const notes: string[] = placed.note === null ? [] : [placed.note];
  const notedCitations: string[] = [];
  for (const authority of pack.authorities) {
    if (authority === pack.defaultAuthority || !isInForce(authority.window, moment)) continue;
    if (authority.borders !== null && (subject.border === null || !authority.borders.has(subject.border))) {
      const where = [...authority.borders].join(", ");
      notes.push(`${authority.label} does not apply at ${placed.text}: it covers the ${where} border only`);
      notedCitations.push(...authority.citations);
      continue;
    }
    let exclusion: CompiledRule | undefined;
    for (const x of authority.exclusions) {
      if (!isInForce(x.window, moment) || !covers(x, subject)) continue;
      exclusion = x;
      break;
    }
    if (!exclusion) return inForce(authority, moment, date, notes, notedCitations);
    notes.push(`${authority.label} does not apply: ${exclusion.reason} (${exclusion.windowText})`);
    notedCitations.push(...exclusion.citations);
  }
  return inForce(pack.defaultAuthority, moment, date, notes, notedCitations);
}

function inForce(
  authority: CompiledAuthority,
  moment: EncounterMoment,
  date: string,
  notes: string[],
  cites: string[],
): AuthorityInForce {
  notes.push(`${authority.label} applies on ${date} (in force ${authority.windowText})`);
  const citations = [...cites, ...authority.citations];
  for (const note of authority.notes) {
    if (!isInForce(note.window, moment)) continue;
    notes.push(note.text);
    for (const c of note.citations) citations.push(c);
  }
  // Every disposition starts from these: listed once each.
  return { code: authority.code, reasons: notes, citations: [...new Set(citations)] };
}
