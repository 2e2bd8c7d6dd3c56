import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import {
  type DecisionList,
  DecisionView,
  type EncounterAssessment,
} from "../../../../src/border/border-records.contract.ts";
import { countryLabel } from "../../../../src/flows/flows-labels.contract.ts";
import type { Translate } from "../../error-text.ts";
import { optionName } from "./border-words.ts";
import { borderWrite, errorText } from "./use-border-api.ts";

/** The officer's decision with a reason, the decisions so far, and a supervisor's approval where needed. */
export function DecisionPanel(props: {
  encounterId: string;
  assessment: EncounterAssessment;
  decisions: z.infer<typeof DecisionList> | null;
  onChange: () => void;
}) {
  const { t, i18n } = useTranslation();
  const options = props.assessment.assessment.dispositions;
  // Nothing is chosen in advance: the officer picks an outcome, then confirms what will be recorded.
  const [choice, setChoice] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState("");
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (confirming) confirmHeading.current?.focus();
  }, [confirming]);
  const current = props.decisions?.decisions.find((d) => d.status !== "superseded");
  const run = async (action: () => Promise<unknown>) => {
    try {
      await action();
      setError("");
      setReason("");
      setChoice(null);
      props.onChange();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setConfirming(false);
    }
  };
  const chosen = choice === null ? undefined : options[choice];
  const outcome = (o: (typeof options)[number]) =>
    `${t(`pages.border.disposition.${o.code}`)}${o.to ? ` ${t("pages.border.decision.toCountry", { country: countryLabel(o.to, i18n.language) })}` : ""}`;
  const ask = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) {
      setError(t("pages.border.decision.chooseFirst"));
      return;
    }
    setError("");
    setConfirming(true);
  };
  const decide = () => {
    const option = chosen;
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
            {optionName(t as unknown as Translate, i18n.language, d.disposition, d.to)}:{" "}
            <strong>{t(`pages.border.decision.status.${d.status}`)}</strong> — {d.reason} ({d.decidedBy})
          </li>
        ))}
      </ul>
      <form onSubmit={ask}>
        <div className="field">
          <label htmlFor="decision-option">{t("pages.border.decision.option")}</label>
          <select
            id="decision-option"
            value={choice === null ? "" : String(choice)}
            onChange={(e) => {
              setChoice(e.target.value === "" ? null : Number(e.target.value));
              setConfirming(false);
            }}
          >
            <option value="">{t("pages.border.decision.choose")}</option>
            {options.map((o, i) => (
              // An outcome the assessment does not allow is listed, with why in the assessment, but cannot be chosen.
              <option key={`${o.code}-${o.to ?? ""}`} value={i} disabled={!o.eligible}>
                {outcome(o)} {o.eligible ? "" : `(${t("pages.border.decision.notEligible")})`}
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
        {confirming && chosen ? (
          <section aria-labelledby="decision-confirm" className="confirmation">
            <h3 id="decision-confirm" ref={confirmHeading} tabIndex={-1}>
              {t("pages.border.decision.confirmTitle", { outcome: outcome(chosen) })}
            </h3>
            <p>
              {t(current ? "pages.border.decision.confirmCorrection" : "pages.border.decision.confirmEffect")}
            </p>
            <p>{t("pages.border.decision.reasonShown", { reason: reason.trim() })}</p>
            <button type="button" className="button-primary" onClick={decide}>
              {t("pages.border.decision.confirm")}
            </button>{" "}
            <button type="button" className="button-secondary" onClick={() => setConfirming(false)}>
              {t("pages.border.decision.back")}
            </button>
          </section>
        ) : (
          <button type="submit" className="button-primary">
            {current ? t("pages.border.decision.correct") : t("pages.border.decision.submit")}
          </button>
        )}
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
