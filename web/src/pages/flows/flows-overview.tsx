import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { SeriesResult, SurgesResult } from "../../../../src/flows/flows.contract.ts";
import { Link } from "../../router.tsx";
import { FlowsChart } from "./flows-chart.tsx";
import { linesChartOption } from "./flows-chart-option.ts";
import { usePolicyEvents } from "./flows-events.tsx";
import { readableValue } from "./flows-labels.ts";
import { flowsUrl, formatChange, formatCount, useFlows } from "./use-flows-api.ts";

/** The latest month, its change on the year, the top origins that month, and recent surge alerts. */
export function FlowsOverview() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const total = useFlows(flowsUrl("/series", { source: "cbp-aor" }), SeriesResult);
  const points = total.data?.series[0]?.points ?? [];
  const latest = points.at(-1);
  const top = useFlows(
    latest
      ? flowsUrl("/series", {
          source: "cbp-aor",
          groupBy: "citizenship_iso",
          from: latest.period,
          to: latest.period,
          limit: 10,
        })
      : null,
    SeriesResult,
  );
  const surges = useFlows(
    flowsUrl("/surges", { source: "cbp-aor", groupBy: "citizenship_iso", limit: 15, recent: 6 }),
    SurgesResult,
  );
  const events = usePolicyEvents(undefined);
  const option = useMemo(
    () => linesChartOption([{ name: t("pages.flows.value"), points }], events),
    [points, events, t],
  );
  if (total.error) return <p role="alert">{total.error}</p>;
  if (!total.loading && !latest) return <p>{t("pages.flows.noData")}</p>;
  return (
    <div className="flows-overview">
      <QuickAnswers />
      {latest && (
        <section aria-labelledby="flows-latest">
          <h2 id="flows-latest">{t("pages.flows.latestMonth", { month: latest.period })}</h2>
          <p className="flows-figure">
            <strong>{formatCount(latest.value, lang)}</strong> {t("pages.flows.encounters")} ·{" "}
            {t("pages.flows.changeOnYear")}: {formatChange(latest.yoyChange, lang)}
          </p>
        </section>
      )}
      <section aria-labelledby="flows-chart">
        <h2 id="flows-chart">{t("pages.flows.overviewChart")}</h2>
        {points.length > 0 && (
          <FlowsChart option={option} label={t("pages.flows.overviewChartLabel")} height={280} />
        )}
        <p className="flows-note">{t("pages.flows.eventsNote")}</p>
      </section>
      <section aria-labelledby="flows-top">
        <h2 id="flows-top">{t("pages.flows.topOrigins")}</h2>
        {top.loading && <p aria-live="polite">{t("pages.flows.loading")}</p>}
        <table>
          {latest && <caption>{t("pages.flows.topCaption", { month: latest.period })}</caption>}
          <thead>
            <tr>
              <th scope="col">{t("pages.flows.origin")}</th>
              <th scope="col">{t("pages.flows.value")}</th>
            </tr>
          </thead>
          <tbody>
            {(top.data?.series ?? []).map((s) => (
              <tr key={s.key ?? ""}>
                <td>{readableValue("citizenship_iso", s.key ?? "", lang)}</td>
                <td>{formatCount(s.total, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="flows-surges">
        <h2 id="flows-surges">{t("pages.flows.surges")}</h2>
        {surges.data && surges.data.surges.length === 0 && <p>{t("pages.flows.noSurges")}</p>}
        <ul>
          {(surges.data?.surges ?? []).slice(0, 12).map((s) => (
            <li key={`${s.key}-${s.month}-${s.kind}`}>
              {s.month} · {readableValue("citizenship_iso", s.key ?? "", lang)}: {formatCount(s.value, lang)}{" "}
              {t("pages.flows.encounters")},{" "}
              {s.kind === "year_over_year"
                ? t("pages.flows.surgeYoy", {
                    change: formatCount(s.change, lang),
                    before: formatCount(s.yearBefore ?? 0, lang),
                  })
                : t("pages.flows.surgeOutlier", {
                    change: formatCount(s.change, lang),
                    expected: formatCount(s.expected ?? 0, lang),
                    hi: formatCount(s.hi95 ?? 0, lang),
                  })}
              {s.nearestEvent && (
                <>
                  {". "}
                  {t("pages.flows.nearEvent", { title: s.nearestEvent.title, date: s.nearestEvent.date })}
                </>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

// Answers people ask first, one click away: each opens the explorer with its filters and month chosen.
const ANSWERS = [
  {
    key: "venSouthwest",
    to: "/flows/explorer?land_border_region=Southwest+Land+Border&citizenship_iso=VEN&month=2021-12",
  },
] as const;

function QuickAnswers() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="flows-answers">
      <h2 id="flows-answers">{t("pages.flows.quickAnswers")}</h2>
      <ul>
        {ANSWERS.map((a) => (
          <li key={a.key}>
            <Link to={a.to}>{t(`pages.flows.${a.key}`)}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
