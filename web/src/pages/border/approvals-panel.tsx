import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApprovalQueue, DecisionView } from "../../../../src/border/border-records.contract.ts";
import { countryLabel } from "../../../../src/flows/flows-labels.contract.ts";
import type { Translate } from "../../error-text.ts";
import { dayIn, optionName } from "./border-words.ts";
import { ReasonList } from "./reason-text.tsx";
import { borderWrite, errorText, useBorderApi } from "./use-border-api.ts";

/** Decisions waiting for a supervisor, each with the reasons the assessment gave the officer. */
export function ApprovalsPanel() {
  const { t, i18n } = useTranslation();
  const { data, error, reload } = useBorderApi("/decisions/awaiting-approval", ApprovalQueue);
  // The pack's own words are quoted in its language.
  const packLanguage = data?.packLanguage ?? "en";
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
          const name = optionName(t as unknown as Translate, i18n.language, d.disposition, d.to);
          return (
            <li key={d.id}>
              <p>
                <strong>{name}</strong> · {d.encounterReference} ·{" "}
                {countryLabel(d.citizenship, i18n.language)} · {dayIn(i18n.language, d.encounterDate)} ·{" "}
                {d.reason} ({d.decidedBy})
              </p>
              {option && (
                <ReasonList
                  reasons={option.reasons}
                  explained={option.explained}
                  packLanguage={packLanguage}
                  dispositionName={name}
                />
              )}
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
