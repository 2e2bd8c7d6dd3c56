import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ReferralStatus } from "../../../../src/pathways/referrals.contract.ts";
import { lowerFirst } from "../../ui/lower-first.ts";

// A receiving nation's decision on a referral: a reason first, then a confirmation that says what will happen
// (an application opened from what the other nation shared, nothing copied, or an earlier acceptance undone).
// Nothing is sent before the officer confirms.

const MIN_REASON = 3;

/** Which referral is being decided, and how: the row's nation and pathway named as the officer reads them. */
export interface ReferralChoice {
  id: string;
  status: Exclude<ReferralStatus, "pending">;
  nation: string;
  pathway: string;
}

export function ReferralDecision({
  choice,
  onConfirm,
  onCancel,
}: {
  choice: ReferralChoice;
  /** Sends the decision with its reason. */
  onConfirm: (reason: string) => Promise<void>;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState("");
  const [sending, setSending] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView?.({ block: "nearest" });
  }, []);
  const verb = t(`pages.pathways.referrals.verbs.${choice.status}`);
  const confirm = async () => {
    if (reason.trim().length < MIN_REASON) {
      setProblem(t("pages.pathways.actions.reasonNeeded", { min: MIN_REASON }));
      return;
    }
    setProblem("");
    setSending(true);
    await onConfirm(reason.trim());
    setSending(false);
  };
  return (
    <section aria-labelledby="referral-decision-title" className="confirmation">
      <h3 id="referral-decision-title" ref={heading} tabIndex={-1}>
        {t(`pages.pathways.referrals.confirmTitle.${choice.status}`, { nation: choice.nation })}
      </h3>
      <p>
        {t(`pages.pathways.referrals.effect.${choice.status}`, {
          nation: choice.nation,
          pathway: choice.pathway,
        })}
      </p>
      <label htmlFor="referral-decision-reason">{t("pages.pathways.actions.reason")}</label>
      <input
        id="referral-decision-reason"
        value={reason}
        aria-describedby="referral-decision-problem"
        onChange={(e) => setReason(e.target.value)}
      />
      <p id="referral-decision-problem" role="alert" className={problem ? "alert" : "alert-empty"}>
        {problem}
      </p>
      <button type="button" className="button-primary" disabled={sending} onClick={() => void confirm()}>
        {t("pages.pathways.actions.confirm", { action: lowerFirst(verb, i18n.language) })}
      </button>{" "}
      <button type="button" className="button-secondary" onClick={onCancel}>
        {t("pages.pathways.actions.cancel")}
      </button>
    </section>
  );
}
