import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApplicationSummary } from "../../../../src/pathways/applications.contract.ts";
import { NEXT_STAGES, type Stage } from "../../../../src/pathways/pathways.contract.ts";
import { lowerFirst } from "../../ui/lower-first.ts";

/** What an officer may do to an application's stage; booking an interview has its own form. */
const ACTIONS = {
  screen: { stage: "screening" },
  approve: { stage: "decided", decision: "approved" },
  deny: { stage: "decided", decision: "denied" },
  close: { stage: "closed" },
} as const;
type Action = keyof typeof ACTIONS;

const MIN_REASON = 3;

/** The actions the application's stage allows, in the order an officer meets them. */
export function actionsFrom(stage: Stage): Action[] {
  const next = NEXT_STAGES[stage];
  return (Object.keys(ACTIONS) as Action[]).filter((action) => next.includes(ACTIONS[action].stage));
}

/**
 * The stage buttons (named for what they do), each asking for a reason and then for a confirmation that says
 * what will happen; nothing is chosen in advance and nothing is sent before the officer confirms.
 */
export function StageActions({
  stage,
  post,
}: {
  stage: Stage;
  /** Sends the change; false when the server refused it (the panel shows why). */
  post: (path: string, body: unknown, schema: typeof ApplicationSummary) => Promise<boolean>;
}) {
  const { t, i18n } = useTranslation();
  const [reason, setReason] = useState("");
  const [pending, setPending] = useState<Action | null>(null);
  const [problem, setProblem] = useState("");
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (pending) heading.current?.focus();
  }, [pending]);
  const actions = actionsFrom(stage);
  if (actions.length === 0) return <p>{t("pages.pathways.actions.none")}</p>;
  const ask = (action: Action) => {
    if (reason.trim().length < MIN_REASON) {
      setProblem(t("pages.pathways.actions.reasonNeeded", { min: MIN_REASON }));
      return;
    }
    setProblem("");
    setPending(action);
  };
  const confirm = async (action: Action) => {
    const done = await post("stage", { ...ACTIONS[action], reason: reason.trim() }, ApplicationSummary);
    setPending(null);
    if (done) setReason("");
  };
  return (
    <fieldset className="stage-actions">
      <legend>{t("pages.pathways.actions.title")}</legend>
      <label htmlFor="stage-reason">{t("pages.pathways.actions.reason")}</label>
      <input
        id="stage-reason"
        value={reason}
        aria-describedby="stage-reason-problem"
        onChange={(e) => setReason(e.target.value)}
      />
      <p id="stage-reason-problem" role="alert" className={problem ? "alert" : "alert-empty"}>
        {problem}
      </p>
      {pending === null ? (
        <div>
          {actions.map((action) => (
            <button key={action} type="button" onClick={() => ask(action)}>
              {t(`pages.pathways.actions.${action}`)}
            </button>
          ))}
        </div>
      ) : (
        <section aria-labelledby="stage-confirm-title" className="confirmation">
          <h4 id="stage-confirm-title" ref={heading} tabIndex={-1}>
            {t("pages.pathways.actions.confirmTitle", { action: t(`pages.pathways.actions.${pending}`) })}
          </h4>
          <p>{t(`pages.pathways.actions.effect.${pending}`)}</p>
          <p>{t("pages.pathways.actions.reasonShown", { reason: reason.trim() })}</p>
          <button type="button" className="button-primary" onClick={() => void confirm(pending)}>
            {t("pages.pathways.actions.confirm", {
              action: lowerFirst(t(`pages.pathways.actions.${pending}`), i18n.language),
            })}
          </button>{" "}
          <button type="button" className="button-secondary" onClick={() => setPending(null)}>
            {t("pages.pathways.actions.cancel")}
          </button>
        </section>
      )}
    </fieldset>
  );
}
