import { useTranslation } from "react-i18next";
import type { EncounterAssessment } from "../../../../src/border/border-records.contract.ts";
import type { Translate } from "../../error-text.ts";
import { dayIn } from "./border-words.ts";

// A source an assessment cites, in the reader's language: its kind named, its date as the language writes it,
// "to be verified" translated. The reference, the issuer and the title are the source's own and are quoted as
// the pack gives them, marked with the pack's language.

type Source = EncounterAssessment["sources"][number];

/** One citation line; a line no source of the pack gives (an older pack's) is shown as it came. */
export function CitationText({
  citation,
  sources,
  packLanguage,
}: {
  citation: string;
  sources: readonly Source[];
  packLanguage: string;
}) {
  const { t: translate, i18n } = useTranslation();
  const t = translate as unknown as Translate;
  const source = sources.find((s) => s.citation === citation);
  if (!source) return <span lang={packLanguage}>{citation}</span>;
  const kind = t(`pages.border.sourceKind.${source.kind}`, { defaultValue: source.kind });
  return (
    <>
      {source.reference && <span lang={packLanguage}>{source.reference}</span>}
      {source.reference && ": "}
      <span lang={packLanguage}>{source.issuer}</span>
      {`, ${kind}${source.date ? ` · ${dayIn(i18n.language, source.date)}` : ""}, “`}
      <span lang={packLanguage}>{source.title}</span>
      {"”"}
      {source.verified ? "" : ` (${t("pages.border.toBeVerified")})`}
    </>
  );
}
