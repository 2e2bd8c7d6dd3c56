import { useEffect, useRef, useState } from "react";
import {
  PortalRecovered,
  PortalRecoveryAccepted,
  RECOVERY_CODE_MINUTES,
} from "../../../../src/pathways/portal.contract.ts";
import { errorText, PortalError, portalRequest } from "./portal-api.ts";
import type { PortalLang, PortalText } from "./portal-text.ts";
import { Receipt } from "./receipt.tsx";

interface Props {
  lang: PortalLang;
  text: PortalText;
  /** The tracking code already typed on the status form, if any. */
  trackingCode: string;
  /** Called with the new secret, so the status form can use it. */
  onRecovered: (recovered: PortalRecovered) => void;
}

/**
 * A lost secret, in two steps: the tracking code and the contact given when applying, to have a one-time code
 * sent there; then that code, for a new secret shown once on the same receipt as after applying.
 */
export function RecoveryForm({ lang, text, trackingCode: typed, onRecovered }: Props) {
  const [trackingCode, setCode] = useState(typed);
  const [contact, setContact] = useState("");
  const [oneTimeCode, setOneTimeCode] = useState("");
  const [asked, setAsked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const [recovered, setRecovered] = useState<PortalRecovered | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const codeField = useRef<HTMLInputElement>(null);
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (asked) codeField.current?.focus();
  }, [asked]);
  if (recovered) {
    return (
      <Receipt
        receipt={recovered}
        text={text}
        heading={{ id: "recovered-title", title: text.recoveredTitle, help: text.recoveredHelp }}
      />
    );
  }
  const ask = async () => {
    setBusy(true);
    setError("");
    try {
      await portalRequest("/recovery", PortalRecoveryAccepted, { trackingCode, contact, lang });
      setAsked(true);
    } catch (e) {
      setError(errorText(e, text));
    } finally {
      setBusy(false);
    }
  };
  const confirm = async () => {
    setBusy(true);
    setError("");
    try {
      const result = await portalRequest("/recovery/confirm", PortalRecovered, {
        trackingCode,
        oneTimeCode,
        lang,
      });
      setRecovered(result);
      onRecovered(result);
    } catch (e) {
      setError(e instanceof PortalError && e.status === 404 ? text.recoveryNotFound : errorText(e, text));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="recovery-title" className="portal-recovery" data-testid="recovery">
      <h3 id="recovery-title" ref={heading} tabIndex={-1}>
        {text.recoveryTitle}
      </h3>
      <p>{text.recoveryIntro}</p>
      <p className="portal-note">{text.recoveryNoContact}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void ask();
        }}
      >
        <div className="portal-field">
          <label htmlFor="recovery-code">{text.trackingCode}</label>
          <input
            id="recovery-code"
            value={trackingCode}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            required
          />
        </div>
        <div className="portal-field">
          <label htmlFor="recovery-contact">{text.recoveryContact}</label>
          <input
            id="recovery-contact"
            value={contact}
            onChange={(e) => setContact(e.target.value)}
            autoComplete="off"
            required
          />
        </div>
        <button type="submit" disabled={busy}>
          {asked ? text.recoverySendAgain : text.recoverySend}
        </button>
      </form>
      <p role="status" data-testid="recovery-sent">
        {asked ? text.recoverySent.replace("{minutes}", String(RECOVERY_CODE_MINUTES)) : ""}
      </p>
      {asked && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
        >
          <div className="portal-field">
            <label htmlFor="recovery-otc">{text.recoveryCode}</label>
            <input
              id="recovery-otc"
              ref={codeField}
              value={oneTimeCode}
              onChange={(e) => setOneTimeCode(e.target.value)}
              autoComplete="one-time-code"
              required
            />
          </div>
          <button type="submit" disabled={busy}>
            {text.recoveryConfirm}
          </button>
        </form>
      )}
      <p role="alert" className="portal-error">
        {error}
      </p>
    </section>
  );
}
