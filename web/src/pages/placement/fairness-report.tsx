import { useTranslation } from "react-i18next";
import type { FairnessView } from "../../../../src/placement/placement.contract.ts";
import { specificNeedOf } from "../../../../src/shared/specific-needs.ts";
import { needLabel } from "../../ui/need-label.ts";

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
const rate = (x: number | null) => (x === null ? "—" : x.toFixed(3));

/** The outcome model's fairness report of a run trained on a history: flags, then calibration by group. */
export function FairnessReport({ report }: { report: FairnessView }) {
  const { t, i18n } = useTranslation();
  // A needs group by its label in the reader's language; a nationality group keeps its ISO code.
  const named = (group: string) => {
    const need = specificNeedOf(group);
    return need ? needLabel(need, i18n.language) : group;
  };
  const groups = [
    ...report.byNeed.map((g) => ({ kind: t("pages.placement.fairness.need"), ...g, label: named(g.group) })),
    ...report.byNationality.map((g) => ({
      kind: t("pages.placement.fairness.nationality"),
      ...g,
      label: g.group,
    })),
  ];
  return (
    <section aria-labelledby="placement-fairness">
      <h2 id="placement-fairness">{t("pages.placement.fairness.title")}</h2>
      <p>{t("pages.placement.fairness.intro", { rows: report.heldOutRows })}</p>
      {report.flagged ? (
        <div className="alert" role="status">
          <p>{t("pages.placement.fairness.flagged")}</p>
          <ul>
            {report.flags.map((f) => (
              <li key={`${f.group}-${f.locality}`}>
                {t("pages.placement.fairness.flag", {
                  group: named(f.group),
                  locality: f.locality,
                  share: percent(f.share),
                  overall: percent(f.overallShare),
                  observed: rate(f.observedRate),
                  placed: rate(f.placedObservedRate),
                })}
              </li>
            ))}
          </ul>
          {report.acknowledgement && (
            <p>
              {t("pages.placement.fairness.acknowledged", {
                by: report.acknowledgement.by,
                reason: report.acknowledgement.reason,
              })}
            </p>
          )}
        </div>
      ) : (
        <p>{t("pages.placement.fairness.clear")}</p>
      )}
      <table className="data-table">
        <caption>{t("pages.placement.fairness.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("pages.placement.fairness.kind")}</th>
            <th scope="col">{t("pages.placement.fairness.group")}</th>
            <th scope="col">{t("pages.placement.fairness.rows")}</th>
            <th scope="col">{t("pages.placement.fairness.predicted")}</th>
            <th scope="col">{t("pages.placement.fairness.observed")}</th>
            <th scope="col">{t("pages.placement.fairness.placedObserved")}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={`${g.kind}-${g.group}`}>
              <td>{g.kind}</td>
              <th scope="row">{g.label}</th>
              <td>{g.rows}</td>
              <td>{rate(g.meanPredicted)}</td>
              <td>{rate(g.observedRate)}</td>
              <td>{rate(g.placedObservedRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
