import { useState } from "react";
import { PortalDownload, PortalErased, PortalStatus } from "../../../../src/pathways/portal.contract.ts";
import { errorText, portalRequest } from "./portal-api.ts";
import type { PortalLang, PortalText } from "./portal-text.ts";
import { RecoveryForm } from "./recovery-form.tsx";
import { portalDay, SlotChoice } from "./slot-choice.tsx";

/** Saves the applicant's download as a JSON file on their device (nothing leaves the page but the file). */
function saveAsFile(data: PortalDownload): void {
  const blob = new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = `application-${data.trackingCode}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The status page: code and secret go in a POST body, never in the address. */
export function StatusLookup({ lang, text }: { lang: PortalLang; text: PortalText }) {
  const [trackingCode, setCode] = useState("");
  const [secret, setSecret] = useState("");
  const [status, setStatus] = useState<PortalStatus | null>(null);
  const [error, setError] = useState("");
  const [notice, setNotice] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [erased, setErased] = useState<PortalErased | null>(null);
  const [recovering, setRecovering] = useState(false);
  const look = async () => {
    setError("");
    setNotice("");
    setErased(null);
    setConfirming(false);
    try {
      setStatus(await portalRequest("/status", PortalStatus, { trackingCode, secret, lang }));
    } catch (e) {
      setStatus(null);
      setError(errorText(e, text));
    }
  };
  const download = async () => {
    setError("");
    setNotice("");
    try {
      saveAsFile(
        await portalRequest("/applications/download", PortalDownload, { trackingCode, secret, lang }),
      );
      setNotice(text.downloaded);
    } catch (e) {
      setError(errorText(e, text));
    }
  };
  const erase = async () => {
    setError("");
    setNotice("");
    try {
      const result = await portalRequest("/applications/delete", PortalErased, {
        trackingCode,
        secret,
        confirm: true,
      });
      setStatus(null);
      setConfirming(false);
      setSecret("");
      setErased(result);
    } catch (e) {
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
      <button
        type="button"
        className="portal-link"
        aria-expanded={recovering}
        onClick={() => setRecovering(!recovering)}
      >
        {text.recoveryLink}
      </button>
      {recovering && (
        <RecoveryForm
          lang={lang}
          text={text}
          trackingCode={trackingCode}
          onRecovered={(recovered) => {
            setCode(recovered.trackingCode);
            setSecret(recovered.secret);
          }}
        />
      )}
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
                {portalDay(status.appointment.day, text)} {status.appointment.time} ·{" "}
                {status.appointment.officeName}
              </dd>
            </>
          )}
        </dl>
      )}
      {status && (
        <SlotChoice
          key={status.trackingCode}
          {...{ lang, text, status }}
          access={{ trackingCode, secret }}
          onBooked={look}
        />
      )}
      {status && (
        <section aria-labelledby="data-title" className="portal-data">
          <h3 id="data-title">{text.yourData}</h3>
          <div className="portal-actions">
            <button type="button" onClick={() => void download()}>
              {text.download}
            </button>
            <button type="button" aria-expanded={confirming} onClick={() => setConfirming(true)}>
              {text.deleteData}
            </button>
          </div>
          {confirming && (
            <section className="portal-confirm" aria-labelledby="delete-title">
              <h4 id="delete-title">{text.deleteTitle}</h4>
              <p>{text.deleteWhat}</p>
              <p>
                <strong>{text.deleteFinal}</strong>
              </p>
              <div className="portal-actions">
                <button type="button" className="portal-danger" onClick={() => void erase()}>
                  {text.deleteConfirm}
                </button>
                <button type="button" onClick={() => setConfirming(false)}>
                  {text.cancel}
                </button>
              </div>
            </section>
          )}
        </section>
      )}
      <p role="status" data-testid="data-notice">
        {notice}
      </p>
      {erased && (
        <div role="status" data-testid="erased" className="portal-erased">
          <p>{text.deleted}</p>
          {erased.registryRecord === "kept" && <p>{text.registryKept}</p>}
          {erased.sharedWith.length > 0 && (
            <p>{text.sharedWith.replace("{nations}", erased.sharedWith.join(", "))}</p>
          )}
        </div>
      )}
    </section>
  );
}
