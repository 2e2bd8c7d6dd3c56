import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApprovalQueue, DecisionView } from "../../../../src/border/border-records.contract.ts";
import { borderWrite, errorText, useBorderApi } from "./use-border-api.ts";

/** Decisions waiting for a supervisor, each with the reasons the assessment gave the officer. */
export function ApprovalsPanel() {
  const { t } = useTranslation();
  const { data, error, reload } = useBorderApi("/decisions/awaiting-approval", ApprovalQueue);
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState("");
  const review = async (id: string, approve: boolean) => {
    try {
      await borderWrite(`/decisions/${id}/approval`, "POST", { approve, reason }, DecisionView);
      setProblem("");
      reload();
    } catch (e) {
      setProblem(errorText(e));
    }
  };
  if (error) return <p role="alert">{error}</p>;
  return (
    <section aria-labelledby="approvals-heading">
      <h2 id="approvals-heading">{t("pages.border.approvals.title")}</h2>
      <div className="field">
        <label htmlFor="approval-reason">{t("pages.border.decision.reason")}</label>
        <input id="approval-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <p role="alert" className={problem ? "alert" : "alert-empty"}>
        {problem}
      </p>
      {data?.decisions.length === 0 && <p>{t("pages.border.approvals.none")}</p>}
      <ul>
        {data?.decisions.map((d) => {
          const option = d.assessment.dispositions.find(
            (o) => o.code === d.disposition && (o.to ?? null) === d.to,
          );
          return (
            <li key={d.id}>
              <p>
                <strong>
                  {t(`pages.border.disposition.${d.disposition}`)} {d.to ?? ""}
                </strong>{" "}
                · {d.encounterReference} · {d.citizenship} · {d.encounterDate} · {d.reason} ({d.decidedBy})
              </p>
              <ul>
                {option?.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
              <button type="button" className="button-secondary" onClick={() => review(d.id, true)}>
                {t("pages.border.decision.approve")}
              </button>{" "}
              <button type="button" className="button-secondary" onClick={() => review(d.id, false)}>
                {t("pages.border.decision.reject")}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
