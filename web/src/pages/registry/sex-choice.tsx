import { useTranslation } from "react-i18next";

// Sex as travel documents record it (ICAO Doc 9303: F, M, or X for unspecified), named in the reader's language.

export const SEXES = ["F", "M", "X"] as const;

/** The options of a sex select: none chosen, then each by its label. */
export function SexOptions() {
  const { t } = useTranslation();
  return (
    <>
      <option value="">—</option>
      {SEXES.map((sex) => (
        <option key={sex} value={sex}>
          {t(`pages.registry.sexes.${sex}`)}
        </option>
      ))}
    </>
  );
}

/** A recorded sex by its label, or a dash when none is recorded. */
export function SexLabel({ sex }: { sex: string | null }) {
  const { t } = useTranslation();
  return <>{sex ? t(`pages.registry.sexes.${sex}`, { defaultValue: sex }) : "—"}</>;
}
