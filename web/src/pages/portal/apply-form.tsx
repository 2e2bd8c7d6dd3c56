import { useState } from "react";
import type { PortalScreenEntry } from "../../../../src/pathways/portal.contract.ts";
import { errorText } from "./portal-api.ts";
import type { PortalLang, PortalText } from "./portal-text.ts";
import { Receipt } from "./receipt.tsx";

interface Props {
  lang: PortalLang;
  pathway: PortalScreenEntry;
  answers: Record<string, unknown>;
  text: PortalText;
  onBack: () => void;
  submit: (body: Record<string, unknown>) => Promise<{ trackingCode: string; secret: string }>;
}

/** Consent, optional name and contact, then the tracking code and secret shown once. */
export function ApplyForm({ lang, pathway, answers, text, onBack, submit }: Props) {
  const [consent, setConsent] = useState(false);
  const [fullName, setFullName] = useState("");
  const [contact, setContact] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const [done, setDone] = useState<{ trackingCode: string; secret: string } | null>(null);
  if (done) return <Receipt receipt={{ ...done, pathwayTitle: pathway.title }} text={text} />;
  const send = async () => {
    setBusy(true);
    setError("");
    try {
      setDone(
        await submit({
          lang,
          nation: pathway.nation,
          pathwayId: pathway.id,
          answers,
          consent: true,
          ...(fullName.trim() && { fullName: fullName.trim() }),
          ...(contact.trim() && { contact: contact.trim() }),
        }),
      );
    } catch (e) {
      setError(errorText(e, text));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (consent) void send();
      }}
    >
      <h2>
        {text.applyTitle}: {pathway.title}
      </h2>
      <h3>{text.consentTitle}</h3>
      <p>{text.consentText}</p>
      <label className="portal-choice">
        <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} required />
        {text.consentCheck}
      </label>
      <div className="portal-field">
        <label htmlFor="full-name">{text.fullName}</label>
        <input
          id="full-name"
          autoComplete="name"
          value={fullName}
          onChange={(e) => setFullName(e.target.value)}
        />
      </div>
      <div className="portal-field">
        <label htmlFor="contact">{text.contact}</label>
        <input
          id="contact"
          autoComplete="email"
          value={contact}
          onChange={(e) => setContact(e.target.value)}
        />
      </div>
      <p role="alert" className="portal-error">
        {error}
      </p>
      <p aria-live="polite">{busy ? text.checking : ""}</p>
      <button type="submit" disabled={!consent || busy}>
        {text.send}
      </button>{" "}
      <button type="button" onClick={onBack}>
        {text.back}
      </button>
    </form>
  );
}
