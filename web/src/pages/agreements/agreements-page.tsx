import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type AgreementDecision,
  AgreementList,
  AgreementView,
  DataCategory,
  SharingPurpose,
} from "../../../../src/platform/agreements/agreements.contract.ts";
import { NationList } from "../../../../src/platform/auth/auth.contract.ts";
import { apiRequest } from "../../api.ts";
import { useSignedInUser } from "../../session.tsx";
import { LoadStatus } from "../../ui/load-status.tsx";
import { PageHeading } from "../../ui/page-heading.tsx";
import { TextField } from "../../ui/text-field.tsx";
import { messageOf, useLoad } from "../registry/use-registry.ts";
import { RetentionPeriods } from "./retention-periods.tsx";

type Agreement = AgreementView;
type Decision = AgreementDecision["decision"];

/** The decisions this side may take on an agreement in its status (the server checks them again). */
function decisionsFor(agreement: Agreement, nation: string): Decision[] {
  switch (agreement.status) {
    case "proposed":
      return agreement.proposedBy === nation ? ["end"] : ["accept", "end"];
    case "accepted":
      return ["suspend", "end"];
    case "suspended":
      return ["resume", "end"];
    default:
      return [];
  }
}

/**
 * Data-sharing agreements of the user's nation: what may cross to each partner, for which purposes, under which
 * instrument; administrators propose one, accept a partner's, suspend, resume or end, each with a reason.
 */
export function AgreementsPage() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const manage = me.permissions.includes("agreement.manage");
  const { data, error, reload } = useLoad("/agreements", AgreementList);
  const [message, setMessage] = useState<string | null>(null);
  const done = (text: string) => {
    setMessage(text);
    reload();
  };
  return (
    <>
      <PageHeading title={t("pages.agreements.title")} />
      <p>{t("pages.agreements.intro", { nation: me.nationName })}</p>
      <p role="status">{message}</p>
      <section aria-labelledby="agreements-list">
        <h2 id="agreements-list">{t("pages.agreements.listTitle")}</h2>
        <LoadStatus error={error} loaded={data !== null} />
        {data && data.agreements.length === 0 && <p>{t("pages.agreements.none")}</p>}
        {data && data.agreements.length > 0 && (
          <table className="data-table" data-testid="agreements-table">
            <caption>{t("pages.agreements.caption", { count: data.agreements.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("pages.agreements.partner")}</th>
                <th scope="col">{t("pages.agreements.purposes")}</th>
                <th scope="col">{t("pages.agreements.instrument")}</th>
                <th scope="col">{t("pages.agreements.validity")}</th>
                <th scope="col">{t("pages.agreements.status")}</th>
                {manage && <th scope="col">{t("pages.agreements.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {data.agreements.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.partner}</th>
                  <td>
                    <ul className="plain-list">
                      {a.purposes.map((p) => (
                        <li key={p}>
                          {t(`pages.agreements.purpose.${p}`)}:{" "}
                          {(a.categories[p] ?? []).map((c) => t(`pages.agreements.category.${c}`)).join(", ")}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    {a.instrument.title} ({a.instrument.reference}, {a.instrument.date})
                  </td>
                  <td>
                    {a.validFrom} – {a.validUntil ?? t("pages.agreements.openEnded")}
                  </td>
                  <td>
                    {t(`pages.agreements.state.${a.status}`)}
                    {a.inForce ? ` · ${t("pages.agreements.inForce")}` : ""}
                    <br />
                    <small>{t("pages.agreements.proposedBy", { nation: a.proposedBy })}</small>
                    {a.statusReason && (
                      <>
                        <br />
                        <small>{a.statusReason}</small>
                      </>
                    )}
                  </td>
                  {manage && (
                    <td>
                      <Decide
                        agreement={a}
                        decisions={decisionsFor(a, me.nation)}
                        onDone={(decision) =>
                          done(t(`pages.agreements.decided.${decision}`, { partner: a.partner }))
                        }
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {manage && <Propose onProposed={(partner) => done(t("pages.agreements.proposed", { partner }))} />}
      {me.permissions.includes("retention.manage") && <RetentionPeriods />}
    </>
  );
}

function Decide({
  agreement,
  decisions,
  onDone,
}: {
  agreement: Agreement;
  decisions: Decision[];
  onDone: (decision: Decision) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Decision | null>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  if (decisions.length === 0) return null;
  const confirm = (event: FormEvent) => {
    event.preventDefault();
    if (!open) return;
    apiRequest(`/agreements/${agreement.id}/decision`, {
      method: "POST",
      body: { decision: open, reason },
      schema: AgreementView,
    })
      .then(() => {
        setOpen(null);
        setReason("");
        onDone(open);
      })
      .catch((e: unknown) => setError(messageOf(e)));
  };
  if (!open)
    return (
      <>
        {decisions.map((d) => (
          <button
            key={d}
            type="button"
            className={d === "accept" ? "button-primary" : "button-secondary"}
            aria-label={t(`pages.agreements.decisionWith.${d}`, { partner: agreement.partner })}
            onClick={() => setOpen(d)}
          >
            {t(`pages.agreements.decision.${d}`)}
          </button>
        ))}
      </>
    );
  return (
    <form onSubmit={confirm}>
      <div className="field">
        <label htmlFor={`reason-${agreement.id}`}>
          {t("pages.agreements.reasonFor", { decision: t(`pages.agreements.decision.${open}`) })}
        </label>
        <input
          id={`reason-${agreement.id}`}
          required
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <div role="alert">{error}</div>
      <button type="submit" className="button-primary">
        {t("pages.agreements.confirm")}
      </button>{" "}
      <button type="button" className="button-secondary" onClick={() => setOpen(null)}>
        {t("pages.agreements.cancel")}
      </button>
    </form>
  );
}

const EMPTY = { partner: "", title: "", reference: "", date: "", validFrom: "", validUntil: "" };

function Propose({ onProposed }: { onProposed: (partner: string) => void }) {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const nations = useLoad("/nations", NationList);
  const [form, setForm] = useState(EMPTY);
  const [categories, setCategories] = useState<Partial<Record<SharingPurpose, DataCategory[]>>>({});
  const [error, setError] = useState<string | null>(null);
  const purposes = SharingPurpose.options.filter((p) => categories[p] !== undefined);
  const togglePurpose = (p: SharingPurpose, on: boolean) => {
    const next = { ...categories };
    if (on) next[p] = [];
    else delete next[p];
    setCategories(next);
  };
  const toggleCategory = (p: SharingPurpose, c: DataCategory, on: boolean) => {
    const current = categories[p] ?? [];
    setCategories({ ...categories, [p]: on ? [...current, c] : current.filter((x) => x !== c) });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const body = {
      partner: form.partner,
      purposes,
      categories,
      instrument: { title: form.title, reference: form.reference, date: form.date },
      validFrom: form.validFrom,
      validUntil: form.validUntil || null,
    };
    apiRequest("/agreements", { method: "POST", body, schema: AgreementView })
      .then(() => {
        const partner = form.partner;
        setForm(EMPTY);
        setCategories({});
        onProposed(partner);
      })
      .catch((e: unknown) => setError(messageOf(e)));
  };
  const field = (key: Exclude<keyof typeof EMPTY, "partner">, type = "text", required = true) => (
    <TextField
      id={`agreement-${key}`}
      label={t(`pages.agreements.fields.${key}`)}
      type={type}
      required={required}
      value={form[key]}
      onChange={(value) => setForm({ ...form, [key]: value })}
    />
  );
  return (
    <section aria-labelledby="agreements-propose">
      <h2 id="agreements-propose">{t("pages.agreements.proposeTitle")}</h2>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="agreement-partner">{t("pages.agreements.fields.partner")}</label>
          <select
            id="agreement-partner"
            required
            value={form.partner}
            onChange={(e) => setForm({ ...form, partner: e.target.value })}
          >
            <option value="">{t("pages.agreements.choosePartner")}</option>
            {(nations.data?.nations ?? [])
              .filter((n) => n.code !== me.nation)
              .map((n) => (
                <option key={n.code} value={n.code}>
                  {n.name} ({n.code})
                </option>
              ))}
          </select>
        </div>
        <fieldset>
          <legend>{t("pages.agreements.fields.purposes")}</legend>
          {SharingPurpose.options.map((p) => (
            <div key={p}>
              <label>
                <input
                  type="checkbox"
                  checked={categories[p] !== undefined}
                  onChange={(e) => togglePurpose(p, e.target.checked)}
                />{" "}
                {t(`pages.agreements.purpose.${p}`)}
              </label>
              {categories[p] !== undefined && (
                <fieldset className="nested">
                  <legend>
                    {t("pages.agreements.categoriesOf", { purpose: t(`pages.agreements.purpose.${p}`) })}
                  </legend>
                  {DataCategory.options.map((c) => (
                    <label key={c} style={{ display: "block" }}>
                      <input
                        type="checkbox"
                        checked={(categories[p] ?? []).includes(c)}
                        onChange={(e) => toggleCategory(p, c, e.target.checked)}
                      />{" "}
                      {t(`pages.agreements.category.${c}`)}
                    </label>
                  ))}
                </fieldset>
              )}
            </div>
          ))}
        </fieldset>
        {field("title")}
        {field("reference")}
        {field("date", "date")}
        {field("validFrom", "date")}
        {field("validUntil", "date", false)}
        <div role="alert">{error}</div>
        <button type="submit" className="button-primary" disabled={purposes.length === 0}>
          {t("pages.agreements.propose")}
        </button>
      </form>
    </section>
  );
}
