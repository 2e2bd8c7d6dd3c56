import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { LegalBasisView } from "../../../../src/networks/networks.contract.ts";
import { apiRequest } from "../../api.ts";
import { BASIS_TYPES, type BasisType, composeAuthority } from "./legal-basis-format.ts";

/** Asks to see one protected record: which kind of legal basis, its reference, and the purpose. */
export function LegalBasisForm({ protectedRef, onSent }: { protectedRef: string; onSent: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [type, setType] = useState<BasisType>("court_order");
  const [reference, setReference] = useState("");
  const [purpose, setPurpose] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError("");
    setBusy(true);
    apiRequest("/networks/legal-bases", {
      method: "POST",
      body: { protectedRef, authority: composeAuthority(type, reference), purpose },
      schema: LegalBasisView,
    }).then(
      () => {
        setBusy(false);
        onSent();
      },
      (e: Error) => {
        setBusy(false);
        setError(e.message);
      },
    );
  };
  return (
    <form onSubmit={submit} aria-label={t("pages.networks.wall.form.title", { ref: protectedRef })}>
      <div className="field">
        <label htmlFor={`${id}-type`}>{t("pages.networks.wall.form.type")}</label>
        <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value as BasisType)}>
          {BASIS_TYPES.map((name) => (
            <option key={name} value={name}>
              {t(`pages.networks.wall.types.${name}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-reference`}>{t("pages.networks.wall.form.reference")}</label>
        <input
          id={`${id}-reference`}
          value={reference}
          required
          minLength={1}
          maxLength={200}
          onChange={(e) => setReference(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-purpose`}>{t("pages.networks.wall.form.purpose")}</label>
        <textarea
          id={`${id}-purpose`}
          value={purpose}
          required
          minLength={10}
          maxLength={1000}
          rows={3}
          aria-describedby={`${id}-purpose-hint`}
          onChange={(e) => setPurpose(e.target.value)}
        />
        <small id={`${id}-purpose-hint`}>{t("pages.networks.wall.form.purposeHint")}</small>
      </div>
      {error && <p className="alert">{error}</p>}
      <button type="submit" className="button-primary" disabled={busy}>
        {t("pages.networks.wall.form.submit")}
      </button>
    </form>
  );
}
