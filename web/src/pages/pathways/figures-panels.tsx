import { useTranslation } from "react-i18next";
import { countryLabel } from "../../../../src/flows/flows-labels.contract.ts";
import { Dashboard, PledgeList } from "../../../../src/pathways/pathways.contract.ts";
import { numberFormat } from "../../../../src/shared/locale-format.ts";
import { deliveredShare } from "./pledge-share.ts";
import { useApi } from "./use-api.ts";

/** Applications, decisions, time to decision and capacity used against pledged, per nation. */
export function DashboardPanel() {
  const { t, i18n } = useTranslation();
  const { data, error } = useApi("/pathways/dashboard", Dashboard);
  if (error) return <p role="alert">{t("pages.pathways.error", { message: error })}</p>;
  if (!data) return <p aria-busy="true">{t("loading")}</p>;
  const rows = data.nations.length > 1 ? [...data.nations, data.totals] : data.nations;
  return (
    <table>
      <caption>
        {t("pages.pathways.dashboard")} {data.year}
      </caption>
      <thead>
        <tr>
          {[
            "nation",
            "applications",
            "approved",
            "denied",
            "referred",
            "medianDays",
            "capacityUsed",
            "pledged",
          ].map((k) => (
            <th key={k} scope="col">
              {t(`pages.pathways.${k}` as "pages.pathways.nation")}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((n) => (
          <tr key={n.nation}>
            <th scope="row">{countryLabel(n.nation, i18n.language)}</th>
            <td>{n.applications}</td>
            <td>{n.decisions.approved}</td>
            <td>{n.decisions.denied}</td>
            <td>{n.decisions.referred}</td>
            <td>{n.medianDaysToDecision ?? "—"}</td>
            <td>{n.capacityUsed}</td>
            <td>{n.capacityPledged}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Each nation's commitment under the declaration against what it delivered. */
export function PledgesPanel() {
  const { t, i18n } = useTranslation();
  const number = numberFormat(i18n.language);
  const { data, error } = useApi("/pathways/pledges", PledgeList);
  if (error) return <p role="alert">{t("pages.pathways.error", { message: error })}</p>;
  if (!data) return <p aria-busy="true">{t("loading")}</p>;
  return (
    <table>
      <caption>
        {t("pages.pathways.pledges")} {data.year}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t("pages.pathways.nation")}</th>
          <th scope="col">{t("pages.pathways.pledged")}</th>
          <th scope="col">{t("pages.pathways.delivered")}</th>
          <th scope="col">{t("pages.pathways.applications")}</th>
        </tr>
      </thead>
      <tbody>
        {data.nations.map((n) => (
          <tr key={n.nation}>
            <th scope="row">{countryLabel(n.nation, i18n.language)}</th>
            <td>{number.format(n.pledged)}</td>
            <td>
              {number.format(n.delivered)} ({deliveredShare(n.delivered, n.pledged, i18n.language)})
            </td>
            <td>{number.format(n.applications)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
