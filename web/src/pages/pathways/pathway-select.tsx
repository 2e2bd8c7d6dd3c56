import { useTranslation } from "react-i18next";
import { PortalLanguage } from "../../../../src/pathways/pathways.contract.ts";
import { useOwnPathways } from "./pathway-title.ts";

// The pathway filter of the application worklists: every pathway of the nation by its title in the reader's
// language, the published ones first, then those withdrawn (their applications are still in the queues);
// never a free-text id.

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
  const lang = PortalLanguage.safeParse(i18n.language).data ?? "en";
  const pathways = (useOwnPathways() ?? [])
    .map((p) => ({ id: p.id, published: p.published, title: p.titles[lang] }))
    .sort(
      (a, b) => Number(b.published) - Number(a.published) || a.title.localeCompare(b.title, i18n.language),
    );
  return (
    <div className="field">
      <label htmlFor={id}>{t("pages.pathways.pathway")}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t("worklist.any")}</option>
        {pathways.map((p) => (
          <option key={p.id} value={p.id}>
            {p.published ? p.title : t("pages.pathways.withdrawnTitle", { title: p.title })}
          </option>
        ))}
      </select>
    </div>
  );
}
