import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { type PolicyEventView, SeriesResult } from "../../../../src/flows/flows.contract.ts";
import { FlowsChart } from "./flows-chart.tsx";
import { barsChartOption, linesChartOption } from "./flows-chart-option.ts";
import { readableValue } from "./flows-labels.ts";
import { flowsUrl, formatCount, useFlows } from "./use-flows-api.ts";

/** The chosen series split by legal authority (Title 42 expulsions, Title 8 processing), events marked. */
export function AuthoritySplit({ filter, events }: { filter: string[]; events: PolicyEventView[] }) {
  const { t, i18n } = useTranslation();
  const result = useFlows(
    flowsUrl("/series", { source: "cbp-aor", filter, groupBy: "title_of_authority", limit: 5 }),
    SeriesResult,
  );
  const option = useMemo(
    () =>
      linesChartOption(
        (result.data?.series ?? []).map((s) => ({
          name: readableValue("title_of_authority", s.key ?? "", i18n.language),
          points: s.points,
        })),
        events,
        true,
      ),
    [result.data, events, i18n.language],
  );
  return (
    <section aria-labelledby="flows-authority">
      <h2 id="flows-authority">{t("pages.flows.authoritySplit")}</h2>
      {result.error && <p role="alert">{result.error}</p>}
      {result.data && (
        <FlowsChart option={option} label={t("pages.flows.authorityChartLabel")} height={260} />
      )}
    </section>
  );
}

/** The chosen series summed by fiscal year (October to September), as bars and a table. */
export function FiscalYearView({ filter }: { filter: string[] }) {
  const { t, i18n } = useTranslation();
  const result = useFlows(
    flowsUrl("/series", { source: "cbp-aor", filter, grain: "year", yearType: "fiscal" }),
    SeriesResult,
  );
  const points = result.data?.series[0]?.points ?? [];
  const option = useMemo(() => barsChartOption(points, t("pages.flows.value")), [points, t]);
  return (
    <section aria-labelledby="flows-fiscal">
      <h2 id="flows-fiscal">{t("pages.flows.fiscalCaption")}</h2>
      {result.error && <p role="alert">{result.error}</p>}
      {points.length > 0 && (
        <FlowsChart option={option} label={t("pages.flows.fiscalChartLabel")} height={260} />
      )}
      <table>
        <caption>{t("pages.flows.fiscalCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("pages.flows.fiscalYear")}</th>
            <th scope="col">{t("pages.flows.value")}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.period}>
              <td>{p.period}</td>
              <td>{formatCount(p.value, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
