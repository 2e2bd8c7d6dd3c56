import type { PolicyPack } from "./policy-pack.ts";

// The list of a pack's sources with their verification status, as the Markdown table of
// docs/border-policy-packs.md. Printed by scripts/border-pack-sources.ts; a test keeps the page in step.

const cell = (text: string | undefined) => (text ?? "").replaceAll("|", "\\|").replaceAll("\n", " ");

/** The pack's sources as a Markdown section: id and title, reference, status, and what was checked or remains. */
export function packSourcesTable(pack: PolicyPack): string {
  const rows = pack.sources.map((s) => {
    const title = `\`${s.id}\` ${cell(s.title)}${s.date ? ` (${s.date})` : ""}`;
    const status = s.verification === "verified" ? "verified" : "to be verified";
    const detail = s.verification === "verified" ? s.checkedAgainst : s.note;
    return `| ${title} | ${cell(s.reference ?? "—")} | ${status} | ${cell(detail)} |`;
  });
  return [
    `### ${pack.id} (${pack.jurisdiction}, version ${pack.version})`,
    "",
    "| source | reference | status | checked against, or what is to be verified |",
    "|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}
