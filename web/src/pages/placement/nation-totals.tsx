import { useTranslation } from "react-i18next";
import { countryLabel } from "../../../../src/flows/flows-labels.contract.ts";
import type { NationTotal } from "../../../../src/placement/placement.contract.ts";
import { numberFormat } from "../../../../src/shared/locale-format.ts";
import { formatScore } from "./use-placement-api.ts";

/** Per nation: capacity offered, families and persons placed, and the year's pledge with the share used. */
export function NationTotals({ year, nations }: { year: number; nations: NationTotal[] }) {
  const { t, i18n } = useTranslation();
  const number = (n: number) => numberFormat(i18n.language).format(n);
  const share = (n: NationTotal) =>
    n.pledged
      ? `${numberFormat(i18n.language, { maximumFractionDigits: 3 }).format((100 * n.assignedPersons) / n.pledged)}%`
      : "—";
  return (
    <section aria-labelledby="placement-totals">
      <h2 id="placement-totals">{t("pages.placement.totals.title")}</h2>
      <table className="data-table">
        <caption>{t("pages.placement.totals.caption", { year })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("pages.placement.totals.nation")}</th>
            <th scope="col">{t("pages.placement.totals.places")}</th>
            <th scope="col">{t("pages.placement.totals.capacity")}</th>
            <th scope="col">{t("pages.placement.totals.families")}</th>
            <th scope="col">{t("pages.placement.totals.persons")}</th>
            <th scope="col">{t("pages.placement.totals.score")}</th>
            <th scope="col">{t("pages.placement.totals.pledged", { year })}</th>
            <th scope="col">{t("pages.placement.totals.share")}</th>
          </tr>
        </thead>
        <tbody>
          {nations.map((n) => (
            <tr key={n.nation}>
              <th scope="row">{countryLabel(n.nation, i18n.language)}</th>
              <td>{number(n.places)}</td>
              <td>{number(n.capacityPersons)}</td>
              <td>{number(n.assignedCases)}</td>
              <td>{number(n.assignedPersons)}</td>
              <td>{formatScore(n.totalScore)}</td>
              <td>{n.pledged === null ? t("pages.placement.totals.noPledge") : number(n.pledged)}</td>
              <td>{share(n)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
