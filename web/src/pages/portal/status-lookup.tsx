import { useState } from "react";
import { PortalStatus } from "../../../../src/pathways/pathways.contract.ts";
import { errorText, portalRequest } from "./portal-api.ts";
import type { PortalLang, PortalText } from "./portal-text.ts";

/** The status page: code and secret go in a POST body, never in the address. */
export function StatusLookup({ lang, text }: { lang: PortalLang; text: PortalText }) {
  const [trackingCode, setCode] = useState("");
  const [secret, setSecret] = useState("");
  const [status, setStatus] = useState<PortalStatus | null>(null);
  const [error, setError] = useState("");
  const look = async () => {
    setError("");
    try {
      setStatus(await portalRequest("/status", PortalStatus, { trackingCode, secret, lang }));
    } catch (e) {
      setStatus(null);
      setError(errorText(e, text));
    }
  };
  return (
    <section aria-labelledby="status-title">
      <h2 id="status-title">{text.statusTitle}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void look();
        }}
      >
        <div className="portal-field">
          <label htmlFor="status-code">{text.trackingCode}</label>
          <input
            id="status-code"
            value={trackingCode}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
          />
        </div>
        <div className="portal-field">
          <label htmlFor="status-secret">{text.secret}</label>
          <input
            id="status-secret"
            type="password"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            autoComplete="off"
          />
        </div>
        <button type="submit">{text.check}</button>
      </form>
      <p role="alert" className="portal-error">
        {error}
      </p>
      {status && (
        <dl className="portal-status" data-testid="status">
          <dt>{status.pathwayTitle}</dt>
          <dd>{status.trackingCode}</dd>
          <dt>{text.stage}</dt>
          <dd>{text.stages[status.stage]}</dd>
          <dt>{text.nextStep}</dt>
          <dd>{status.nextStep}</dd>
          {status.queuePosition !== null && (
            <>
              <dt>{text.position}</dt>
              <dd>{status.queuePosition}</dd>
            </>
          )}
          {status.estimatedWait && (
            <>
              <dt>{text.wait}</dt>
              <dd data-testid="estimated-wait">{status.estimatedWait.text}</dd>
            </>
          )}
          {status.appointment && (
            <>
              <dt>{text.appointment}</dt>
              <dd>
                {status.appointment.day} {status.appointment.time} · {status.appointment.officeId}
              </dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
