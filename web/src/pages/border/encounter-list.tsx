import { useTranslation } from "react-i18next";
import { EncounterList } from "../../../../src/border/border-records.contract.ts";
import { countryLabel } from "../../../../src/flows/flows-labels.contract.ts";
import type { Translate } from "../../error-text.ts";
import { Link } from "../../router.tsx";
import { authorityName, dayIn } from "./border-words.ts";
import { useBorderApi } from "./use-border-api.ts";

/** The nation's latest encounters (no personal fields), each linking to its assessment. */
export function EncounterListPanel() {
  const { t, i18n } = useTranslation();
  const { data, error } = useBorderApi("/encounters?limit=50", EncounterList);
  if (error) return <p role="alert">{error}</p>;
  if (!data) return <p>{t("loading")}</p>;
  return (
    <table className="data-table">
      <caption>{t("pages.border.list.caption", { count: data.total })}</caption>
      <thead>
        <tr>
          <th scope="col">{t("pages.border.field.reference")}</th>
          <th scope="col">{t("pages.border.field.date")}</th>
          <th scope="col">{t("pages.border.field.citizenship")}</th>
          <th scope="col">{t("pages.border.field.demographic")}</th>
          <th scope="col">{t("pages.border.field.border")}</th>
          <th scope="col">{t("pages.border.authority")}</th>
        </tr>
      </thead>
      <tbody>
        {data.encounters.map((e) => (
          <tr key={e.id}>
            <th scope="row">
              <Link to={`/border/encounters/${e.id}`}>{e.reference}</Link>
            </th>
            <td>{dayIn(i18n.language, e.date)}</td>
            <td>{countryLabel(e.citizenship, i18n.language)}</td>
            <td>{t(`pages.border.demographic.${e.demographic}`)}</td>
            <td>{e.border ?? ""}</td>
            <td>{e.authority ? authorityName(t as unknown as Translate, e.authority) : ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
