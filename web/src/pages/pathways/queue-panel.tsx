import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import {
  ApplicationDetail,
  ApplicationList,
  ApplicationSummary,
  AppointmentView,
  ReferralList,
  ReferralView,
} from "../../../../src/pathways/pathways.contract.ts";
import { apiRequest } from "../../api.ts";
import { useSignedInUser } from "../../session.tsx";
import { useFocusOnOpen } from "../../ui/focus-on-open.ts";
import { PrintButton } from "../../ui/print-button.tsx";
import { PlacementPanel } from "./placement-panel.tsx";
import { RegistryPanel } from "./registry-panel.tsx";
import { useApi } from "./use-api.ts";

/** How a stage reads in the queue: with its decision, and an erasure said as the applicant's. */
function stageLabel(a: { stage: string; decision: string | null }, erased: string): string {
  const stage = a.stage === "erased" ? erased : a.stage;
  return a.decision ? `${stage}: ${a.decision}` : stage;
}

/** The queue, one application's detail, and the actions staff take on it; incoming referrals below. */
export function QueuePanel() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  const { data, error, reload } = useApi("/pathways/applications?limit=200", ApplicationList);
  const [openId, setOpenId] = useState<string | null>(null);
  if (error) return <p role="alert">{t("pages.pathways.error", { message: error })}</p>;
  if (!data) return <p aria-busy="true">{t("loading")}</p>;
  return (
    <>
      {openId && <ApplicationPanel id={openId} onChange={reload} />}
      {user.permissions.includes("referral.decide") && <IncomingReferrals />}
      <table>
        <caption>{t("pages.pathways.queue")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("pages.pathways.code")}</th>
            <th scope="col">{t("pages.pathways.pathway")}</th>
            <th scope="col">{t("pages.pathways.stage")}</th>
            <th scope="col">{t("pages.pathways.submitted")}</th>
          </tr>
        </thead>
        <tbody>
          {data.applications.map((a) => (
            <tr key={a.id}>
              <th scope="row">
                <button type="button" onClick={() => setOpenId(a.id)}>
                  {a.trackingCode}
                </button>
              </th>
              <td>{a.pathwayId}</td>
              <td>{stageLabel(a, t("pages.pathways.erasedStage"))}</td>
              <td>{a.submittedAt.slice(0, 10)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function ApplicationPanel({ id, onChange }: { id: string; onChange: () => void }) {
  const { t } = useTranslation();
  const { data, error, reload } = useApi(`/pathways/applications/${id}`, ApplicationDetail);
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnOpen(heading, id, data !== null);
  const [message, setMessage] = useState("");
  const [reason, setReason] = useState("");
  const act = async (call: () => Promise<unknown>) => {
    setMessage("");
    try {
      await call();
      setMessage(t("pages.pathways.done"));
      reload();
      onChange();
    } catch (e) {
      setMessage(t("pages.pathways.error", { message: (e as Error).message }));
    }
  };
  if (error) return <p role="alert">{t("pages.pathways.error", { message: error })}</p>;
  if (!data) return <p aria-busy="true">{t("loading")}</p>;
  const post = (path: string, body: unknown, schema: z.ZodType) =>
    act(() => apiRequest(`/pathways/applications/${id}/${path}`, { method: "POST", body, schema }));
  return (
    <section aria-labelledby="application-title" className="printable">
      <h2 id="application-title" ref={heading} tabIndex={-1}>
        {data.trackingCode} · {data.pathwayId} · {stageLabel(data, t("pages.pathways.erasedStage"))}
      </h2>
      <PrintButton />
      <p role="status">{message}</p>
      {data.stage === "erased" ? (
        <p data-testid="erased-notice">{t("pages.pathways.erasedNotice")}</p>
      ) : (
        <ApplicationActions data={data} post={post} reason={reason} setReason={setReason} />
      )}
      <PlacementPanel
        id={id}
        placement={data.placement}
        onChange={() => {
          reload();
          onChange();
        }}
      />
      <RegistryPanel
        id={id}
        live={data.stage !== "erased"}
        onChange={() => {
          reload();
          onChange();
        }}
      />
      <h3>{t("pages.pathways.history")}</h3>
      <ol>
        {data.history.map((h) => (
          <li key={h.changedAt + h.toStage}>
            {h.changedAt.slice(0, 16)} · {h.fromStage ?? "—"} → {h.toStage}
            {h.decision ? ` (${h.decision})` : ""} · {h.actor} · {h.reason}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The answers and what staff may do with a live application. */
function ApplicationActions({
  data,
  post,
  reason,
  setReason,
}: {
  data: z.infer<typeof ApplicationDetail>;
  post: (path: string, body: unknown, schema: z.ZodType) => Promise<void>;
  reason: string;
  setReason: (reason: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{t("pages.pathways.answers")}</h3>
      <pre>
        {JSON.stringify({ fullName: data.fullName, contact: data.contact, ...data.answers }, null, 2)}
      </pre>
      <label htmlFor="stage-reason">{t("pages.pathways.reason")}</label>
      <input id="stage-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      <div>
        <button
          type="button"
          onClick={() => post("stage", { stage: "screening", reason }, ApplicationSummary)}
        >
          {t("pages.pathways.moveTo")} screening
        </button>
        <button
          type="button"
          onClick={() =>
            post("stage", { stage: "decided", decision: "approved", reason }, ApplicationSummary)
          }
        >
          {t("pages.pathways.approved")}
        </button>
        <button
          type="button"
          onClick={() => post("stage", { stage: "decided", decision: "denied", reason }, ApplicationSummary)}
        >
          {t("pages.pathways.denied")}
        </button>
        <button type="button" onClick={() => post("stage", { stage: "closed", reason }, ApplicationSummary)}>
          {t("pages.pathways.moveTo")} closed
        </button>
      </div>
      <BookForm onBook={(body) => post("appointment", body, AppointmentView)} />
      <ReferForm onRefer={(body) => post("referral", { ...body, reason }, ReferralView)} />
    </>
  );
}

function BookForm({ onBook }: { onBook: (body: { officeId: string; day: string }) => void }) {
  const { t } = useTranslation();
  const [officeId, setOffice] = useState("");
  const [day, setDay] = useState("");
  return (
    <fieldset>
      <legend>{t("pages.pathways.book")}</legend>
      <label htmlFor="book-office">{t("pages.pathways.office")}</label>
      <input id="book-office" value={officeId} onChange={(e) => setOffice(e.target.value)} />
      <label htmlFor="book-day">{t("pages.pathways.day")}</label>
      <input id="book-day" type="date" value={day} onChange={(e) => setDay(e.target.value)} />
      <button type="button" onClick={() => onBook({ officeId, day })}>
        {t("pages.pathways.book")}
      </button>
    </fieldset>
  );
}

function ReferForm({ onRefer }: { onRefer: (body: Record<string, unknown>) => void }) {
  const { t } = useTranslation();
  const [toNation, setNation] = useState("");
  const [toPathway, setPathway] = useState("");
  const [consent, setConsent] = useState(false);
  const [consentText, setConsentText] = useState("");
  return (
    <fieldset>
      <legend>{t("pages.pathways.refer")}</legend>
      <label htmlFor="refer-nation">{t("pages.pathways.referTo")}</label>
      <input id="refer-nation" value={toNation} onChange={(e) => setNation(e.target.value.toUpperCase())} />
      <label htmlFor="refer-pathway">{t("pages.pathways.referPathway")}</label>
      <input id="refer-pathway" value={toPathway} onChange={(e) => setPathway(e.target.value)} />
      <label htmlFor="refer-consent-text">{t("pages.pathways.consentText")}</label>
      <input id="refer-consent-text" value={consentText} onChange={(e) => setConsentText(e.target.value)} />
      <label>
        <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />{" "}
        {t("pages.pathways.consent")}
      </label>
      <button
        type="button"
        disabled={!consent}
        onClick={() => onRefer({ toNation, toPathway, consent, consentText })}
      >
        {t("pages.pathways.refer")}
      </button>
    </fieldset>
  );
}

function IncomingReferrals() {
  const { t } = useTranslation();
  const { data, reload } = useApi("/pathways/referrals?direction=incoming", ReferralList);
  if (!data || data.referrals.length === 0) return null;
  const decide = async (id: string, status: string) => {
    await apiRequest(`/pathways/referrals/${id}/decision`, {
      method: "POST",
      body: { status, reason: `${status} by staff` },
      schema: ReferralView,
    }).catch(() => undefined);
    reload();
  };
  return (
    <section aria-labelledby="incoming-title">
      <h2 id="incoming-title">{t("pages.pathways.incoming")}</h2>
      <ul>
        {data.referrals.map((r) => (
          <li key={r.id}>
            {r.fromNation} → {r.toPathway} · {r.status} · {r.reason}{" "}
            {r.status === "pending" && (
              <>
                <button type="button" onClick={() => decide(r.id, "accepted")}>
                  {t("pages.pathways.accept")}
                </button>
                <button type="button" onClick={() => decide(r.id, "rejected")}>
                  {t("pages.pathways.reject")}
                </button>
              </>
            )}
            {r.status !== "revoked" && r.status !== "rejected" && (
              <button type="button" onClick={() => decide(r.id, "revoked")}>
                {t("pages.pathways.revoke")}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
