import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  OpenSafeguards,
  SafeguardList,
  type SafeguardStatusView,
} from "../../../../src/border/border-safeguards.contract.ts";
import { useSession } from "../../session.tsx";
import { borderWrite, errorText, useBorderApi } from "./use-border-api.ts";

/**
 * The safeguards the encounter opened. They hold every return until a supervisor closes one on the record
 * with a reason and a reference to the evidence the pack asks for; any officer may reopen one.
 */
export function SafeguardsPanel(props: {
  encounterId: string;
  data: SafeguardList | null;
  onChange: () => void;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const permissions = new Set(session.state.status === "signed-in" ? session.state.user.permissions : []);
  if (!props.data || props.data.safeguards.length === 0) return null;
  return (
    <section aria-labelledby="safeguards-heading">
      <h2 id="safeguards-heading">{t("pages.border.safeguards.title")}</h2>
      <p>{t("pages.border.safeguards.intro")}</p>
      {props.data.safeguards.map((s) => (
        <SafeguardItem
          key={s.code}
          encounterId={props.encounterId}
          safeguard={s}
          canClose={permissions.has("border.approve")}
          canReopen={permissions.has("border.record")}
          onChange={props.onChange}
        />
      ))}
    </section>
  );
}

/** One safeguard: its effect, the evidence it needs, its history, and the close or reopen form. */
export function SafeguardItem(props: {
  encounterId: string;
  safeguard: SafeguardStatusView;
  canClose: boolean;
  canReopen: boolean;
  onChange: () => void;
}) {
  const { t } = useTranslation();
  const s = props.safeguard;
  const [reason, setReason] = useState("");
  const [kind, setKind] = useState(s.evidenceNeeded[0] ?? "");
  const [reference, setReference] = useState("");
  const [error, setError] = useState("");
  const id = `safeguard-${props.encounterId}-${s.code}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const path = `/encounters/${props.encounterId}/safeguards/${s.code}`;
    try {
      if (s.status === "open") {
        const body = { reason, evidenceKind: kind, evidenceReference: reference };
        await borderWrite(`${path}/closure`, "POST", body, SafeguardList);
      } else {
        await borderWrite(`${path}/reopening`, "POST", { reason }, SafeguardList);
      }
      setError("");
      setReason("");
      setReference("");
      props.onChange();
    } catch (e) {
      setError(errorText(e));
    }
  };
  const allowed = s.status === "open" ? props.canClose : props.canReopen;
  return (
    <article aria-labelledby={`${id}-heading`} className="safeguard">
      <h3 id={`${id}-heading`}>
        {t(`pages.border.safeguard.${s.code}`)}:{" "}
        <strong>{t(`pages.border.safeguards.status.${s.status}`)}</strong>
      </h3>
      <p>{s.effect}</p>
      {s.evidenceNeeded.length > 0 && (
        <p>
          {t("pages.border.safeguards.evidenceNeeded")}: {s.evidenceNeeded.join("; ")}
        </p>
      )}
      <ul>
        {s.history.map((e) => (
          <li key={e.id}>
            {t(`pages.border.safeguards.action.${e.action}`)} — {e.reason}
            {e.evidenceReference ? ` · ${e.evidenceKind}: ${e.evidenceReference}` : ""} ({e.by},{" "}
            {e.at.slice(0, 16)})
          </li>
        ))}
      </ul>
      {allowed && (
        <form onSubmit={submit}>
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t("pages.border.safeguards.reason")}</label>
            <textarea
              id={`${id}-reason`}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              rows={2}
            />
          </div>
          {s.status === "open" && (
            <>
              <div className="field">
                <label htmlFor={`${id}-kind`}>{t("pages.border.safeguards.evidenceKind")}</label>
                {s.evidenceNeeded.length > 0 ? (
                  <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value)}>
                    {s.evidenceNeeded.map((k) => (
                      <option key={k} value={k}>
                        {k}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value)} />
                )}
              </div>
              <div className="field">
                <label htmlFor={`${id}-reference`}>{t("pages.border.safeguards.evidenceReference")}</label>
                <input
                  id={`${id}-reference`}
                  value={reference}
                  onChange={(e) => setReference(e.target.value)}
                />
              </div>
            </>
          )}
          <p role="alert" className={error ? "alert" : "alert-empty"}>
            {error}
          </p>
          <button type="submit" className="button-secondary">
            {s.status === "open" ? t("pages.border.safeguards.close") : t("pages.border.safeguards.reopen")}
          </button>
        </form>
      )}
    </article>
  );
}

/** The supervisor's queue of safeguards still open on the nation's encounters, each closable here. */
export function OpenSafeguardsPanel() {
  const { t } = useTranslation();
  const { data, error, reload } = useBorderApi("/safeguards/open", OpenSafeguards);
  if (error) return <p role="alert">{error}</p>;
  return (
    <section aria-labelledby="open-safeguards-heading">
      <h2 id="open-safeguards-heading">{t("pages.border.safeguards.queueTitle")}</h2>
      <p>{t("pages.border.safeguards.intro")}</p>
      {data?.safeguards.length === 0 && <p>{t("pages.border.safeguards.queueNone")}</p>}
      {data?.safeguards.map((item) => (
        <div key={`${item.encounterId}-${item.code}`} className="safeguard-queue-item">
          <p>
            {t("pages.border.safeguards.encounterOf", {
              id: item.encounterReference,
              date: item.date,
              citizenship: item.citizenship,
            })}
          </p>
          <SafeguardItem
            encounterId={item.encounterId}
            safeguard={{ ...item, status: "open", history: [] }}
            canClose={true}
            canReopen={false}
            onChange={reload}
          />
        </div>
      ))}
    </section>
  );
}
