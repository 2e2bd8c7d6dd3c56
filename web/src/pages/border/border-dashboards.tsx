import { useTranslation } from "react-i18next";
import { DispositionStats, ReturnStats } from "../../../../src/border/border-records.contract.ts";
import { countryLabel } from "../../../../src/flows/flows-labels.contract.ts";
import { numberFormat } from "../../../../src/shared/locale-format.ts";
import type { Translate } from "../../error-text.ts";
import { authorityName, monthIn } from "./border-words.ts";
import { useBorderApi } from "./use-border-api.ts";

/** Decisions in effect by month, authority, nationality and disposition. */
export function DispositionDashboard() {
  const { t, i18n } = useTranslation();
  const count = numberFormat(i18n.language);
  const { data, error } = useBorderApi("/stats/dispositions", DispositionStats);
  if (error) return <p role="alert">{error}</p>;
  return (
    <table className="data-table">
      <caption>{t("pages.border.dashboards.dispositions")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("pages.border.dashboards.month")}</th>
          <th scope="col">{t("pages.border.authority")}</th>
          <th scope="col">{t("pages.border.field.citizenship")}</th>
          <th scope="col">{t("pages.border.decision.option")}</th>
          <th scope="col">{t("pages.border.dashboards.count")}</th>
        </tr>
      </thead>
      <tbody>
        {data?.rows.map((r) => (
          <tr key={`${r.month}-${r.authority}-${r.citizenship}-${r.disposition}`}>
            <th scope="row">{monthIn(i18n.language, r.month)}</th>
            <td>{authorityName(t as unknown as Translate, r.authority)}</td>
            <td>{countryLabel(r.citizenship, i18n.language)}</td>
            <td>{t(`pages.border.disposition.${r.disposition}` as "pages.border.disposition.expulsion")}</td>
            <td>{count.format(r.count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Third-country returns in effect by month and receiving nation. */
export function ReturnsDashboard() {
  const { t, i18n } = useTranslation();
  const count = numberFormat(i18n.language);
  const { data, error } = useBorderApi("/stats/third-country-returns", ReturnStats);
  if (error) return <p role="alert">{error}</p>;
  return (
    <table className="data-table">
      <caption>{t("pages.border.dashboards.returns")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("pages.border.dashboards.month")}</th>
          <th scope="col">{t("pages.border.dashboards.receiving")}</th>
          <th scope="col">{t("pages.border.dashboards.count")}</th>
        </tr>
      </thead>
      <tbody>
        {data?.rows.map((r) => (
          <tr key={`${r.month}-${r.to}`}>
            <th scope="row">{monthIn(i18n.language, r.month)}</th>
            <td>{countryLabel(r.to, i18n.language)}</td>
            <td>{count.format(r.count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
