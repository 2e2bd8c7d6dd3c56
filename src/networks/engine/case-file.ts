import type { CommunityDetail, EdgeView, RoledEntityView } from "../networks.contract.ts";
import { mayBeActor } from "./roles.ts";

/** Who exported the file and when (time comes in as an argument: this file is pure). */
export interface CaseFileMeta {
  nation: string;
  exportedBy: string;
  exportedAt: string;
  /** The identifier the investigator started from. */
  anchor: { type: string; value: string };
  /** Protection records touching the community, whose links no export carries. */
  protectedWithheld?: number;
}

/** Says that protected records exist without naming them: no case, date or identifier leaves the wall. */
function withheldNote(count: number): string {
  if (count === 0) return "";
  const records =
    count === 1 ? "1 victim protection record touches" : `${count} victim protection records touch`;
  return `<p class="note" id="protected-withheld"><strong>Protected — withheld from every export.</strong> ${records}
this network; its links are withheld from this file. A legal basis approved by the protection side opens a record
to the investigating nation's workspace only, never to a file that leaves it.</p>\n`;
}

const escapes: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML: every value in the file comes from data, never trusted as markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c] ?? c);
}

const row = (cells: string[]) => `<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`;
const head = (cells: string[]) =>
  `<tr>${cells.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join("")}</tr>`;

/** A section listing the victims or the clients, apart from the suspects; says so when there are none. */
function apart(id: string, title: string, entities: RoledEntityView[], none: string): string {
  const body =
    entities.length === 0
      ? `<p>${escapeHtml(none)}</p>`
      : `<table>${head(["Type", "Identifier"])}
${entities.map((e) => row([e.type, e.value])).join("\n")}</table>`;
  return `<section id="${id}"><h2>${escapeHtml(title)}</h2>
${body}</section>`;
}

/**
 * A self-contained HTML case file for prosecutors: the community, why it was flagged, its key actors and the
 * reasons, its suspects and members of unknown role, its victims and its clients each apart, and every link with
 * its provenance in date order. A victim or a client is never listed as a key actor or among the suspects, even
 * when the detail handed in says otherwise.
 */
export function renderCaseFile(community: CommunityDetail, edges: EdgeView[], meta: CaseFileMeta): string {
  const everyone = [...community.members.map((m) => m.entity), ...community.victims, ...community.clients];
  const names = new Map(
    everyone.map((e) => [e.id, `${e.type} ${e.value}${e.role === "unknown" ? "" : ` (${e.role})`}`]),
  );
  const keyActors = community.keyActors.filter((a) => mayBeActor(a.entity.role));
  const suspects = community.members.filter((m) => mayBeActor(m.entity.role));
  const victims = [
    ...community.victims,
    ...community.members.map((m) => m.entity).filter((e) => e.role === "victim"),
  ];
  const clients = [
    ...community.clients,
    ...community.members.map((m) => m.entity).filter((e) => e.role === "client"),
  ];
  const label = (id: string) => names.get(id) ?? "(outside the community)";
  const timeline = [...edges].sort(
    (a, b) => (a.observedOn ?? "9999").localeCompare(b.observedOn ?? "9999") || a.id.localeCompare(b.id),
  );
  const title = `Case file: network around ${meta.anchor.type} ${meta.anchor.value}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#111}table{border-collapse:collapse;margin:1rem 0}
td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top}.note{background:#fff4d6;padding:.5rem}</style>
</head><body>
<h1>${escapeHtml(title)}</h1>
<p>Nation ${escapeHtml(meta.nation)} · exported by ${escapeHtml(meta.exportedBy)} · ${escapeHtml(meta.exportedAt)}</p>
<p class="note">Indicators are evidence, not proof: no single one is conclusive. Links from victims' protection
records are never part of this file.</p>
${withheldNote(meta.protectedWithheld ?? 0)}<h2>Assessment</h2>
<p>Score ${community.score.toFixed(2)} (${community.flagged ? "flagged for review" : "not flagged"}), ${community.size} members.</p>
<table>${head(["Indicator", "Value", "Threshold", "Weight", "Why it matters"])}
${community.indicators.map((i) => row([i.title, String(i.value), `≥ ${i.atLeast}`, i.weight.toFixed(2), i.explanation])).join("\n")}</table>
<section id="key-actors"><h2>Key actors</h2>
<p>Suspects and members whose role is not yet decided; victims and clients are never named here.</p>
<table>${head(["Type", "Identifier", "Role", "Why key"])}
${keyActors.map((a) => row([a.entity.type, a.entity.value, a.entity.role, a.reasons.join("; ")])).join("\n")}</table></section>
<section id="suspects"><h2>Suspects and members of unknown role</h2>
<table>${head(["Type", "Identifier", "Role", "Centrality"])}
${suspects.map((m) => row([m.entity.type, m.entity.value, m.entity.role, m.score.toFixed(3)])).join("\n")}</table></section>
${apart("victims", "Victims", victims, "No member of this network is recorded as a victim.")}
${apart("clients", "Clients", clients, "No member of this network is recorded as a client.")}
<h2>Links and provenance (timeline)</h2>
<table>${head(["Observed", "From", "Link", "To", "Case", "Origin", "Recorded by"])}
${timeline.map((e) => row([e.observedOn ?? "undated", label(e.source), e.kind, label(e.target), e.caseRef ?? "", e.origin, e.recordedBy])).join("\n")}</table>
</body></html>
`;
}
