import { useState } from "react";
import { useTranslation } from "react-i18next";
import { RunDetail, type RunSummary } from "../../../../src/placement/placement.contract.ts";
import { dateFormat } from "../../../../src/shared/locale-format.ts";
import { AllocationMap } from "./allocation-map.tsx";
import { ApplicationsTaken } from "./applications-taken.tsx";
import { CasePanel } from "./case-panel.tsx";
import { CaseTable } from "./case-table.tsx";
import { FairnessReport } from "./fairness-report.tsx";
import { NationTotals } from "./nation-totals.tsx";
import { formatScore, usePlacementApi } from "./use-placement-api.ts";

/** One run: its figures, the allocation on a map, totals against pledges, its cases and their explanations. */
export function RunResult({
  id,
  canOverride,
  onChanged,
}: {
  id: string;
  canOverride: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const detail = usePlacementApi(`/runs/${id}`, RunDetail);
  const [nation, setNation] = useState("");
  const [caseId, setCaseId] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const changed = () => {
    detail.reload();
    setVersion((v) => v + 1);
    onChanged();
  };
  if (detail.error) return <p className="alert">{detail.error}</p>;
  if (!detail.data) return <p aria-busy="true">{t("loading")}</p>;
  const { run, nations } = detail.data;
  return (
    <>
      <RunFigures run={run} />
      {detail.data.fromApplications && <ApplicationsTaken taken={detail.data.fromApplications} />}
      {detail.data.fairness && <FairnessReport report={detail.data.fairness} />}
      <AllocationMap run={run} nations={nations} onNation={setNation} />
      <NationTotals year={run.pledgeYear} nations={nations} />
      <CaseTable
        key={version}
        runId={id}
        nations={nations.map((n) => n.nation)}
        nation={nation}
        onNation={setNation}
        onExplain={setCaseId}
      />
      {caseId && (
        <CasePanel
          key={`${caseId}-${version}`}
          runId={id}
          caseId={caseId}
          canOverride={canOverride}
          onChanged={changed}
          onClose={() => setCaseId(null)}
        />
      )}
    </>
  );
}

function RunFigures({ run }: { run: RunSummary }) {
  const { t, i18n } = useTranslation();
  const rows: [string, string][] = [
    [t("pages.placement.summary.method"), t(`pages.placement.summary.methods.${run.method as "flow"}`)],
    [
      t("pages.placement.summary.optimality"),
      run.optimal
        ? t("pages.placement.summary.optimal")
        : t("pages.placement.summary.gap", { gap: `${(run.gap * 100).toFixed(2)}%` }),
    ],
    [t("pages.placement.summary.objective"), formatScore(run.objective)],
    [t("pages.placement.summary.bound"), formatScore(run.bound)],
    [
      t("pages.placement.summary.placed"),
      t("pages.placement.summary.placedValue", {
        assigned: run.assigned,
        cases: run.cases,
        unassigned: run.unassigned,
      }),
    ],
    [
      t("pages.placement.summary.seconds"),
      t("pages.placement.summary.secondsValue", { seconds: run.seconds.toFixed(2) }),
    ],
    [t("pages.placement.summary.overrides"), String(run.overrides)],
    [
      t("pages.placement.summary.createdBy"),
      t("pages.placement.summary.createdByValue", {
        actor: run.createdBy,
        date: dateFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" }).format(
          new Date(run.createdAt),
        ),
      }),
    ],
  ];
  return (
    <section aria-labelledby="placement-summary">
      <h2 id="placement-summary">
        {t("pages.placement.summary.title")}: {run.label}
      </h2>
      <dl
        style={{
          display: "grid",
          gridTemplateColumns: "repeat(auto-fill, minmax(14rem, 1fr))",
          gap: "0.5rem 1.5rem",
        }}
      >
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
