import {
  type CompiledAuthority,
  type CompiledPack,
  type CompiledRule,
  covers,
  type Subject,
} from "./compile-pack.ts";
import { type EncounterMoment, isInForce } from "./effective-window.ts";
import { borderLabels, type PlacedBorder } from "./pack-borders.ts";
import { type Said, say } from "./reason-english.ts";

// Which legal authority applies to an encounter: the first in pack order that is in force on its date, covers
// its border and has no exclusion covering the person; otherwise the pack's default. The reasons say why the
// others did not apply, and which dated events of the authority's history (orders, injunctions) bear on it.

export interface AuthorityInForce {
  code: string;
  reasons: Said[];
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
  const notes: Said[] = placed.note === null ? [] : [placed.note];
  const notedCitations: string[] = [];
  for (const authority of pack.authorities) {
    if (authority === pack.defaultAuthority || !isInForce(authority.window, moment)) continue;
    if (authority.borders !== null && (subject.border === null || !authority.borders.has(subject.border))) {
      const borders = [...authority.borders];
      notes.push(
        say("authority_other_border", {
          authority: authority.label,
          authorityCode: authority.code,
          at: placed.text,
          borders,
          borderLabels: borderLabels(pack.borders, borders),
        }),
      );
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
    notes.push(
      say("authority_excluded", {
        authority: authority.label,
        authorityCode: authority.code,
        rule: exclusion.reason,
        ...exclusion.windowParams,
      }),
    );
    notedCitations.push(...exclusion.citations);
  }
  return inForce(pack.defaultAuthority, moment, date, notes, notedCitations);
}

function inForce(
  authority: CompiledAuthority,
  moment: EncounterMoment,
  date: string,
  notes: Said[],
  cites: string[],
): AuthorityInForce {
  notes.push(
    say("authority_applies", {
      authority: authority.label,
      authorityCode: authority.code,
      date,
      ...authority.windowParams,
    }),
  );
  const citations = [...cites, ...authority.citations];
  for (const note of authority.notes) {
    if (!isInForce(note.window, moment)) continue;
    notes.push(note.said);
    for (const c of note.citations) citations.push(c);
  }
  // Every disposition starts from these: listed once each.
  return { code: authority.code, reasons: notes, citations: [...new Set(citations)] };
}
