import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { VerificationList } from "../../../../src/border/border-records.contract.ts";
import { VerificationView } from "../../../../src/border/border-records.contract.ts";
import { countryLabel } from "../../../../src/flows/flows-labels.contract.ts";
import { dayIn } from "./border-words.ts";
import { borderWrite, errorText } from "./use-border-api.ts";

/** Ask a partner nation about a prior residence (sent encoded, never names) and see its answers. */
export function VerificationPanel(props: {
  encounterId: string;
  data: z.infer<typeof VerificationList> | null;
  onChange: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [country, setCountry] = useState("COL");
  const [error, setError] = useState("");
  const ask = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await borderWrite(
        `/encounters/${props.encounterId}/verifications`,
        "POST",
        { country: country.trim().toUpperCase() },
        VerificationView,
      );
      setError("");
      props.onChange();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <section aria-labelledby="verification-heading">
      <h2 id="verification-heading">{t("pages.border.verification.title")}</h2>
      <form onSubmit={ask}>
        <div className="field">
          <label htmlFor="verify-country">{t("pages.border.verification.country")}</label>
          <input
            id="verify-country"
            value={country}
            onChange={(e) => setCountry(e.target.value)}
            maxLength={3}
          />
        </div>
        <button type="submit" className="button-secondary">
          {t("pages.border.verification.ask")}
        </button>
      </form>
      <p role="alert" className={error ? "alert" : "alert-empty"}>
        {error}
      </p>
      <ul>
        {props.data?.verifications.map((v) => (
          <li key={v.id}>
            {countryLabel(v.country, i18n.language)}:{" "}
            <strong>{t(`pages.border.verification.status.${v.status}`)}</strong>
            {v.permitType
              ? ` · ${t(`pages.registry.documentTypes.${v.permitType}`, { defaultValue: v.permitType })} ${v.validFrom ? dayIn(i18n.language, v.validFrom) : ""}–${v.validTo ? dayIn(i18n.language, v.validTo) : ""}`
              : ""}
            {` · ${t("pages.border.verification.asOf", { day: dayIn(i18n.language, v.asOf) })}`}
            {v.mode ? ` · ${t(`pages.border.verification.mode.${v.mode}`)}` : ""}
          </li>
        ))}
      </ul>
    </section>
  );
}
