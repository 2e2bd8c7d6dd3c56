import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import {
  type DecisionList,
  DecisionView,
  type EncounterAssessment,
} from "../../../../src/border/border-records.contract.ts";
import { borderWrite, errorText } from "./use-border-api.ts";

/** The officer's decision with a reason, the decisions so far, and a supervisor's approval where needed. */
export function DecisionPanel(props: {
  encounterId: string;
  assessment: EncounterAssessment;
  decisions: z.infer<typeof DecisionList> | null;
  onChange: () => void;
}) {
  const { t } = useTranslation();
  const options = props.assessment.assessment.dispositions;
  const [choice, setChoice] = useState(0);
  const [reason, setReason] = useState("");
  const [error, setError] = useState("");
  const current = props.decisions?.decisions.find((d) => d.status !== "superseded");
  const run = async (action: () => Promise<unknown>) => {
    try {
      await action();
      setError("");
      setReason("");
      props.onChange();
    } catch (e) {
      setError(errorText(e));
    }
  };
  const decide = (event: FormEvent) => {
    event.preventDefault();
    const option = options[choice];
    if (!option) return;
    const body = {
      disposition: option.code,
      ...(option.to ? { to: option.to } : {}),
      reason,
      ...(current ? { supersedes: current.id } : {}),
    };
    void run(() => borderWrite(`/encounters/${props.encounterId}/decisions`, "POST", body, DecisionView));
  };
  const review = (approve: boolean) => {
    if (!current) return;
    void run(() =>
      borderWrite(`/decisions/${current.id}/approval`, "POST", { approve, reason }, DecisionView),
    );
  };
  return (
    <section aria-labelledby="decision-heading">
      <h2 id="decision-heading">{t("pages.border.decision.title")}</h2>
      <ul>
        {props.decisions?.decisions.map((d) => (
          <li key={d.id}>
            {t(`pages.border.disposition.${d.disposition}`)} {d.to ?? ""}:{" "}
            <strong>{t(`pages.border.decision.status.${d.status}`)}</strong> — {d.reason} ({d.decidedBy})
          </li>
        ))}
      </ul>
      <form onSubmit={decide}>
        <div className="field">
          <label htmlFor="decision-option">{t("pages.border.decision.option")}</label>
          <select id="decision-option" value={choice} onChange={(e) => setChoice(Number(e.target.value))}>
            {options.map((o, i) => (
              <option key={`${o.code}-${o.to ?? ""}`} value={i}>
                {t(`pages.border.disposition.${o.code}`)} {o.to ?? ""}{" "}
                {o.eligible ? "" : `(${t("pages.border.decision.notEligible")})`}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="decision-reason">{t("pages.border.decision.reason")}</label>
          <textarea
            id="decision-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            rows={3}
          />
        </div>
        <p role="alert" className={error ? "alert" : "alert-empty"}>
          {error}
        </p>
        <button type="submit" className="button-primary">
          {current ? t("pages.border.decision.correct") : t("pages.border.decision.submit")}
        </button>
        {current?.status === "awaiting_approval" && (
          <>
            {" "}
            <button type="button" className="button-secondary" onClick={() => review(true)}>
              {t("pages.border.decision.approve")}
            </button>{" "}
            <button type="button" className="button-secondary" onClick={() => review(false)}>
              {t("pages.border.decision.reject")}
            </button>
          </>
        )}
      </form>
    </section>
  );
}
