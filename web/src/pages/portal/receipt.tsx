import { useEffect, useRef, useState } from "react";
import type { PortalText } from "./portal-text.ts";

/** What the applicant must keep after applying. */
export interface ReceiptData {
  trackingCode: string;
  secret: string;
  pathwayTitle: string;
}

/** The receipt as a small text file: the pathway, the code, the secret, and how to use them. */
export function receiptText(receipt: ReceiptData, text: PortalText): string {
  return [
    text.receiptFileTitle,
    "",
    `${text.receiptPathway}: ${receipt.pathwayTitle}`,
    `${text.trackingCode}: ${receipt.trackingCode}`,
    `${text.secret}: ${receipt.secret}`,
    "",
    text.appliedHelp,
    text.receiptHowTo,
    "",
  ].join("\n");
}

/** The receipt's heading and first words: after applying by default, or after a lost secret was replaced. */
interface ReceiptHeading {
  id: string;
  title: string;
  help: string;
}

/**
 * The tracking code and the secret, shown once: each can be copied, the pair downloaded as a text file or
 * printed alone (the print stylesheet hides the rest of the page). Focus comes here so a screen reader reads it.
 */
export function Receipt({
  receipt,
  text,
  heading: said = { id: "applied-title", title: text.appliedTitle, help: text.appliedHelp },
}: {
  receipt: ReceiptData;
  text: PortalText;
  heading?: ReceiptHeading;
}) {
  const [status, setStatus] = useState("");
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const copy = async (value: string, done: string) => {
    try {
      await navigator.clipboard.writeText(value);
      setStatus(done);
    } catch {
      setStatus(text.receiptCopyFailed);
    }
  };
  const download = () => {
    const blob = new Blob([receiptText(receipt, text)], { type: "text/plain;charset=utf-8" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `${receipt.trackingCode}.txt`;
    link.click();
    URL.revokeObjectURL(link.href);
    setStatus(text.receiptDownloaded);
  };
  return (
    <section aria-labelledby={said.id} className="portal-receipt" data-testid="receipt">
      <h2 id={said.id} ref={heading} tabIndex={-1}>
        {said.title}
      </h2>
      <p>{said.help}</p>
      <dl className="portal-codes">
        <dt>{text.receiptPathway}</dt>
        <dd>{receipt.pathwayTitle}</dd>
        <dt>{text.trackingCode}</dt>
        <dd data-testid="tracking-code">{receipt.trackingCode}</dd>
        <dt>{text.secret}</dt>
        <dd data-testid="secret">{receipt.secret}</dd>
      </dl>
      <p className="portal-note">{text.receiptHowTo}</p>
      <div className="portal-receipt-actions">
        <button type="button" onClick={() => void copy(receipt.trackingCode, text.receiptCodeCopied)}>
          {text.receiptCopyCode}
        </button>
        <button type="button" onClick={() => void copy(receipt.secret, text.receiptSecretCopied)}>
          {text.receiptCopySecret}
        </button>
        <button type="button" onClick={download}>
          {text.receiptDownload}
        </button>
        <button type="button" onClick={() => window.print()}>
          {text.receiptPrint}
        </button>
      </div>
      <p role="status" data-testid="receipt-status">
        {status}
      </p>
    </section>
  );
}
