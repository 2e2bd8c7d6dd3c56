import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type PersonView, ReviewItem, ReviewQueue } from "../../../../src/registry/registry.contract.ts";
import { apiRequest } from "../../api.ts";
import { messageOf, useLoad } from "./use-registry.ts";

function Side({ p, label }: { p: PersonView | null; label: string }) {
  return (
    <div style={{ flex: 1 }}>
      <h4>{label}</h4>
      {p ? (
        <dl>
          <dt>Name</dt>
          <dd>{[...p.givenNames, ...p.surnames].join(" ")}</dd>
          <dt>DOB</dt>
          <dd>{p.birthDate ?? "—"}</dd>
          <dt>Doc</dt>
          <dd>{p.documents.map((d) => d.number).join(", ") || "—"}</dd>
          <dt>Office</dt>
          <dd>{p.officeId ?? "—"}</dd>
        </dl>
      ) : (
        <p>—</p>
      )}
    </div>
  );
}

/** Possible duplicates side by side; merge or keep apart with a reason. */
export function RegistryReview() {
  const { t } = useTranslation();
  const queue = useLoad("/registry/reviews", ReviewQueue);
  const [open, setOpen] = useState<string | null>(null);
  const item = useLoad(open ? `/registry/reviews/${open}` : null, ReviewItem);
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const decide = (decision: "merge" | "distinct") =>
    apiRequest(`/registry/reviews/${open}/decision`, { method: "POST", body: { decision, reason } })
      .then(() => {
        setMessage(t("pages.registry.decided"));
        setOpen(null);
        queue.reload();
      })
      .catch((e: unknown) => setMessage(messageOf(e)));
  return (
    <section aria-labelledby="registry-review">
      <h2 id="registry-review">{t("pages.registry.tabs.review")}</h2>
      <div role="alert">{queue.error ?? message}</div>
      <ul>
        {queue.data?.items.map((i) => (
          <li key={i.id}>
            <button type="button" onClick={() => setOpen(i.id)}>
              {`${t(`pages.registry.bands.${i.band === "likely" ? "likely" : "possible"}`)} ${i.probability.toFixed(2)}`}
            </button>{" "}
            {i.whyCreated}
          </li>
        ))}
      </ul>
      {item.data && open && (
        <div>
          <div style={{ display: "flex", gap: "2rem" }}>
            <Side p={item.data.left} label={t("pages.registry.left")} />
            <Side p={item.data.right} label={t("pages.registry.right")} />
          </div>
          <p>{item.data.reasons.map((r) => `${r.field}: ${r.agreement}`).join(", ")}</p>
          <label>
            {t("pages.registry.decisionReason")}{" "}
            <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="button" onClick={() => decide("merge")}>
            {t("pages.registry.merge")}
          </button>
          <button type="button" onClick={() => decide("distinct")}>
            {t("pages.registry.distinct")}
          </button>
        </div>
      )}
    </section>
  );
}
