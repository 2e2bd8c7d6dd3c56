import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { DOCUMENT_TYPES, DuplicateCheck } from "../../../../src/registry/registry.contract.ts";
import { apiRequest } from "../../api.ts";
import { Link, navigate } from "../../router.tsx";
import { matchReasonText } from "../../ui/match-reason.ts";
import { SexOptions } from "./sex-choice.tsx";
import { messageOf } from "./use-registry.ts";

const Created = z.object({ id: z.string(), duplicates: z.number() });

/** Today in the user's own calendar, as YYYY-MM-DD. */
/** The registrar's own calendar date, YYYY-MM-DD. */
export function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function toInput(form: Record<string, string>) {
  return {
    givenNames: form.given?.trim() ? form.given.trim().split(/\s+/) : [],
    surnames: form.surname?.trim() ? form.surname.trim().split(/\s+/) : [],
    birthDate: form.dob?.trim() || null,
    sex: form.sex ? (form.sex as "F" | "M" | "X") : null,
    documents: form.document?.trim()
      ? [
          {
            type: form.documentType || "passport",
            number: form.document.trim(),
            issuingCountry: form.issuingCountry?.trim().toUpperCase() || null,
            validFrom: form.validFrom || null,
            expiry: form.validUntil || null,
          },
        ]
      : [],
  };
}

type CheckKey = "noName" | "birthTooEarly" | "birthInFuture";

/** The problems the server would refuse, found before sending: which field, and the message's key. */
export function clientChecks(
  form: Record<string, string>,
  today: string,
): { field: string; key: CheckKey }[] {
  const problems: { field: string; key: CheckKey }[] = [];
  if (!form.given?.trim() && !form.surname?.trim()) problems.push({ field: "given", key: "noName" });
  const dob = form.dob?.trim() ?? "";
  if (dob && dob.slice(0, 4) < "1880") problems.push({ field: "dob", key: "birthTooEarly" });
  else if (dob && dob > today) problems.push({ field: "dob", key: "birthInFuture" });
  return problems;
}

/** Registers a person; likely and possible duplicates appear while typing, and going ahead needs a reason. */
export function RegistryCreate() {
  const { t } = useTranslation();
  const [form, setForm] = useState<Record<string, string>>({
    given: "",
    surname: "",
    dob: "",
    sex: "",
    document: "",
    documentType: "passport",
    issuingCountry: "",
    validFrom: "",
    validUntil: "",
  });
  const [hints, setHints] = useState<z.infer<typeof DuplicateCheck>["candidates"]>([]);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);
  useEffect(() => {
    const input = toInput(form);
    if (input.givenNames.length + input.surnames.length === 0) return setHints([]);
    const timer = setTimeout(() => {
      apiRequest("/registry/people/check", { method: "POST", body: input, schema: DuplicateCheck })
        .then((d) => setHints(d.candidates))
        .catch(() => setHints([]));
    }, 350);
    return () => clearTimeout(timer);
  }, [form]);
  const problems = submitted ? clientChecks(form, localToday()) : [];
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setError(null);
    if (clientChecks(form, localToday()).length > 0) return;
    try {
      const body = { ...toInput(form), overrideReason: hints.length > 0 ? reason : null };
      const created = await apiRequest("/registry/people", { method: "POST", body, schema: Created });
      navigate(`/registry/people/${created.id}`);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const field = (key: string, type = "text") => {
    const problem = problems.find((p) => p.field === key);
    return (
      <label style={{ display: "block" }}>
        {t(`pages.registry.fields.${key}` as "pages.registry.fields.given")}{" "}
        <input
          type={type}
          value={form[key]}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `registry-create-${key}-error` : undefined}
          onChange={(e) => setForm({ ...form, [key]: e.target.value })}
        />
        {problem && (
          <span id={`registry-create-${key}-error`} className="field-error">
            {" "}
            {t(`pages.registry.checks.${problem.key}`)}
          </span>
        )}
      </label>
    );
  };
  return (
    <section aria-labelledby="registry-create">
      <h2 id="registry-create">{t("pages.registry.tabs.create")}</h2>
      <form onSubmit={submit}>
        {field("given")}
        {field("surname")}
        {field("dob", "date")}
        <label style={{ display: "block" }}>
          {t("pages.registry.fields.sex")}{" "}
          <select value={form.sex} onChange={(e) => setForm({ ...form, sex: e.target.value })}>
            <SexOptions />
          </select>
        </label>
        <label style={{ display: "block" }}>
          {t("pages.registry.fields.documentType")}{" "}
          <select
            value={form.documentType}
            onChange={(e) => setForm({ ...form, documentType: e.target.value })}
          >
            {DOCUMENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`pages.registry.documentTypes.${type}`)}
              </option>
            ))}
          </select>
        </label>
        {field("document")}
        {field("issuingCountry")}
        {field("validFrom", "date")}
        {field("validUntil", "date")}
        <div aria-live="polite">
          {hints.length > 0 && (
            <div className="registry-hints">
              <h3>{t("pages.registry.duplicatesFound", { count: hints.length })}</h3>
              <ul>
                {hints.map((h) => (
                  <li key={h.id}>
                    {h.visible ? (
                      <Link to={`/registry/people/${h.id}`}>{h.name}</Link>
                    ) : (
                      t("pages.registry.otherOffice", { office: h.officeId ?? "—" })
                    )}{" "}
                    {h.birthDate} — {t(`pages.registry.bands.${h.band}`)} ({h.score.toFixed(2)}):{" "}
                    {h.reasons.map((r) => matchReasonText(r, t)).join(", ")}
                  </li>
                ))}
              </ul>
              <label style={{ display: "block" }}>
                {t("pages.registry.overrideReason")}{" "}
                <input value={reason} onChange={(e) => setReason(e.target.value)} />
              </label>
            </div>
          )}
        </div>
        <button type="submit">
          {hints.length > 0 ? t("pages.registry.createAnyway") : t("pages.registry.createButton")}
        </button>
      </form>
      <div role="alert">
        {problems.length > 0 ? problems.map((p) => t(`pages.registry.checks.${p.key}`)).join(" ") : error}
      </div>
    </section>
  );
}
