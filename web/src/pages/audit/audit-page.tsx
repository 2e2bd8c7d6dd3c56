import { type FormEvent, type ReactNode, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import {
  AuditEventList,
  type AuditEventView,
  AuditVerification,
} from "../../../../src/platform/audit/audit.contract.ts";
import { dateFormat, numberFormat } from "../../../../src/shared/locale-format.ts";
import { ApiError, apiRequest } from "../../api.ts";
import type { Translate } from "../../error-text.ts";
import { useSignedInUser } from "../../session.tsx";
import { PageHeading } from "../../ui/page-heading.tsx";
import { actionGroups, actionLabel, targetLabel, targetOptions } from "./audit-labels.ts";
import { problemText } from "./audit-problem-text.ts";

type AuditEvent = z.infer<typeof AuditEventView>;
type Verification = z.infer<typeof AuditVerification>;

const PAGE_SIZE = 50;
const EMPTY_FILTERS = { actor: "", action: "", targetType: "", targetId: "", from: "", to: "" };
type Filters = typeof EMPTY_FILTERS;

function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : String(error);
}

/** The query of one page of events: the filters given (dates as whole days, `to` included) and the paging key. */
function eventsPath(filters: Filters, before: number | null): string {
  const q = new URLSearchParams({ limit: String(PAGE_SIZE) });
  for (const key of ["actor", "action", "targetType", "targetId"] as const)
    if (filters[key].trim() !== "") q.set(key, filters[key].trim());
  if (filters.from) q.set("from", filters.from);
  if (filters.to) q.set("to", `${filters.to}T23:59:59.999Z`);
  if (before !== null) q.set("before", String(before));
  return `/audit/events?${q.toString()}`;
}

/** Audit: the verification of the nation's log, and its events, filtered by who, what, when and record. */
export function AuditPage() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  return (
    <>
      <PageHeading title={t("pages.audit.title")} />
      <p>{t("pages.audit.intro", { nation: user.nationName })}</p>
      <VerificationPanel />
      <EventsPanel />
    </>
  );
}

function VerificationPanel() {
  const { t, i18n } = useTranslation();
  const [report, setReport] = useState<Verification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const verify = useCallback(() => {
    setBusy(true);
    setError(null);
    apiRequest("/audit/verification", { schema: AuditVerification })
      .then(setReport)
      .catch((e: unknown) => setError(messageOf(e)))
      .finally(() => setBusy(false));
  }, []);
  useEffect(verify, [verify]);
  const number = (n: number) => numberFormat(i18n.language).format(n);
  return (
    <section aria-labelledby="audit-verification" aria-busy={busy}>
      <h2 id="audit-verification">{t("pages.audit.verification.title")}</h2>
      <p>{t("pages.audit.verification.help")}</p>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      {report && (
        <div data-testid="audit-verification-result">
          <p className={report.ok ? "notice" : "alert"} role="status">
            {report.ok
              ? t("pages.audit.verification.ok", { nation: report.nation })
              : t("pages.audit.verification.broken", { nation: report.nation, count: report.brokenCount })}
          </p>
          <dl className="facts">
            <dt>{t("pages.audit.verification.events")}</dt>
            <dd>{number(report.events)}</dd>
            <dt>{t("pages.audit.verification.pending")}</dt>
            <dd>{number(report.pending)}</dd>
            <dt>{t("pages.audit.verification.batches")}</dt>
            <dd>{number(report.batches)}</dd>
            <dt>{t("pages.audit.verification.head")}</dt>
            <dd>
              <code>{report.head}</code>
            </dd>
            <dt>{t("pages.audit.verification.at")}</dt>
            <dd>
              {dateFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" }).format(
                new Date(report.verifiedAt),
              )}
            </dd>
          </dl>
          {report.broken.length > 0 && (
            <table className="data-table">
              <caption>{t("pages.audit.verification.brokenCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("pages.audit.verification.event")}</th>
                  <th scope="col">{t("pages.audit.verification.position")}</th>
                  <th scope="col">{t("pages.audit.verification.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {report.broken.map((link) => (
                  <tr key={`${link.seq}-${link.logIndex}-${link.batch}-${link.reason}`}>
                    <td>{link.seq ?? "—"}</td>
                    <td>{link.logIndex ?? "—"}</td>
                    <td>{problemText(link, t as unknown as Translate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
      <button type="button" className="button-secondary" onClick={verify} disabled={busy}>
        {busy ? t("pages.audit.verification.running") : t("pages.audit.verification.again")}
      </button>
    </section>
  );
}

function EventsPanel() {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState<Filters>(EMPTY_FILTERS);
  const [filters, setFilters] = useState<Filters>(EMPTY_FILTERS);
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback((chosen: Filters, before: number | null) => {
    setBusy(true);
    setError(null);
    apiRequest(eventsPath(chosen, before), { schema: AuditEventList })
      .then((page) => {
        setEvents((shown) => (before === null ? page.events : [...shown, ...page.events]));
        setNextBefore(page.nextBefore);
      })
      .catch((e: unknown) => setError(messageOf(e)))
      .finally(() => setBusy(false));
  }, []);
  useEffect(() => load(filters, null), [filters, load]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilters({ ...form });
  };
  const clear = () => {
    setForm(EMPTY_FILTERS);
    setFilters(EMPTY_FILTERS);
  };
  const field = (key: keyof Filters, type = "text") => (
    <div className="field">
      <label htmlFor={`audit-${key}`}>{t(`pages.audit.filters.${key}`)}</label>
      <input
        id={`audit-${key}`}
        type={type}
        value={form[key]}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      />
    </div>
  );
  const label = t as unknown as Translate;
  const select = (key: "action" | "targetType", options: ReactNode) => (
    <div className="field">
      <label htmlFor={`audit-${key}`}>{t(`pages.audit.filters.${key}`)}</label>
      <select
        id={`audit-${key}`}
        value={form[key]}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      >
        {options}
      </select>
    </div>
  );

  return (
    <section aria-labelledby="audit-events" aria-busy={busy}>
      <h2 id="audit-events">{t("pages.audit.events.title")}</h2>
      <form onSubmit={submit} aria-label={t("pages.audit.filters.label")} className="audit-filters">
        {field("actor")}
        {select(
          "action",
          <>
            <option value="">{t("pages.audit.filters.anyAction")}</option>
            {actionGroups(label, i18n.language).map((group) => (
              <optgroup key={group.group} label={group.label}>
                {group.actions.map((a) => (
                  <option key={a.code} value={a.code}>
                    {a.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </>,
        )}
        {select(
          "targetType",
          <>
            <option value="">{t("pages.audit.filters.anyTargetType")}</option>
            {targetOptions(label, i18n.language).map((o) => (
              <option key={o.code} value={o.code}>
                {o.label}
              </option>
            ))}
          </>,
        )}
        {field("targetId")}
        {field("from", "date")}
        {field("to", "date")}
        <div>
          <button type="submit" className="button-primary">
            {t("pages.audit.filters.apply")}
          </button>{" "}
          <button type="button" className="button-secondary" onClick={clear}>
            {t("pages.audit.filters.clear")}
          </button>
        </div>
      </form>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      {!busy && !error && events.length === 0 && (
        <p className="alert alert-empty">{t("pages.audit.events.none")}</p>
      )}
      {events.length > 0 && (
        <table className="data-table" data-testid="audit-events">
          <caption>{t("pages.audit.events.caption", { count: events.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("pages.audit.events.when")}</th>
              <th scope="col">{t("pages.audit.events.who")}</th>
              <th scope="col">{t("pages.audit.events.action")}</th>
              <th scope="col">{t("pages.audit.events.record")}</th>
              <th scope="col">{t("pages.audit.events.position")}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.seq}>
                <td>
                  {dateFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" }).format(
                    new Date(e.occurredAt),
                  )}
                </td>
                <th scope="row">{e.actorLabel}</th>
                <td>
                  {actionLabel(label, e.action)} <code className="audit-code">{e.action}</code>
                </td>
                <td>
                  {e.targetType && (
                    <>
                      {targetLabel(label, e.targetType)} <code className="audit-code">{e.targetType}</code>
                    </>
                  )}
                  {e.targetId && <code className="audit-record">{e.targetId}</code>}
                  {!e.targetType && !e.targetId && "—"}
                </td>
                <td>{e.pending ? t("pages.audit.events.pending") : e.logIndex}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextBefore !== null && (
        <button
          type="button"
          className="button-secondary"
          disabled={busy}
          onClick={() => load(filters, nextBefore)}
        >
          {t("pages.audit.events.older")}
        </button>
      )}
    </section>
  );
}
