import { useTranslation } from "react-i18next";
import { DispositionStats, ReturnStats } from "../../../../src/border/border-records.contract.ts";
import { useBorderApi } from "./use-border-api.ts";

/** Decisions in effect by month, authority, nationality and disposition. */
export function DispositionDashboard() {
  const { t } = useTranslation();
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
            <th scope="row">{r.month}</th>
            <td>{r.authority}</td>
            <td>{r.citizenship}</td>
            <td>{t(`pages.border.disposition.${r.disposition}` as "pages.border.disposition.expulsion")}</td>
            <td>{r.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Third-country returns in effect by month and receiving nation. */
export function ReturnsDashboard() {
  const { t } = useTranslation();
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
            <th scope="row">{r.month}</th>
            <td>{r.to}</td>
            <td>{r.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
