import { useTranslation } from "react-i18next";
import { useSignedInUser } from "../../session.tsx";
import { useQuestionnaire } from "./application-answers.tsx";

// The pathway filter of the application worklists: the nation's published pathways by their titles in the
// reader's language, never a free-text id.

/** A select of the signed-in nation's pathways by title, "Any" first; `value` is a pathway id or empty. */
export function PathwaySelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string;
  onChange: (pathwayId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const catalog = useQuestionnaire();
  const { nation } = useSignedInUser();
  const pathways = (catalog?.pathways ?? [])
    .filter((p) => p.nation === nation)
    .sort((a, b) => a.title.localeCompare(b.title, i18n.language));
  return (
    <div className="field">
      <label htmlFor={id}>{t("pages.pathways.pathway")}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t("worklist.any")}</option>
        {pathways.map((p) => (
          <option key={p.id} value={p.id}>
            {p.title}
          </option>
        ))}
      </select>
    </div>
  );
}
