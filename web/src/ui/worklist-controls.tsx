import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { SPECIFIC_NEEDS, type SpecificNeed } from "../../../src/shared/specific-needs.ts";
import { AGE_BANDS, WORKLIST_SORTS } from "../../../src/shared/worklist-filters.ts";
import { needLabel } from "./need-label.ts";

// The filters, search and paging every worklist page shares (my cases, a pathway officer's queue, a border
// supervisor's queue). The page holds the values and builds its address with `worklistQuery`; these controls
// only edit them. Filters apply when the form is sent, paging at once.

/** What a worklist is asked for: the shared filters, the page's own ones in `extra`, and the page. */
export interface WorklistFilters {
  nationality: string;
  need: string;
  age: string;
  sort: string;
  code: string;
  extra: Record<string, string>;
  offset: number;
}

export const emptyWorklistFilters = (extra: Record<string, string> = {}): WorklistFilters => ({
  nationality: "",
  need: "",
  age: "",
  sort: "oldest",
  code: "",
  extra,
  offset: 0,
});

/** The query string of a worklist request (values left empty are not sent). */
export function worklistQuery(f: WorklistFilters, limit: number): string {
  const params = new URLSearchParams();
  const put = (name: string, value: string) => {
    if (value.trim() !== "") params.set(name, value.trim());
  };
  put("nationality", f.nationality.toUpperCase());
  put("needs", f.need);
  put("age", f.age);
  put("code", f.code);
  for (const [name, value] of Object.entries(f.extra)) put(name, value);
  params.set("sort", f.sort);
  params.set("limit", String(limit));
  params.set("offset", String(f.offset));
  return params.toString();
}

/**
 * The filter form: the page's own fields first (`children`), then nationality, specific need, age band, the
 * code search and the sort. `needs` narrows the needs offered (none: no needs filter); `ageOffered` false leaves the age band out
 * (the page says why in `ageNote`); `nationalityOffered` false leaves the nationality out, and without a
 * `codeLabel` there is no code search. `sorts` replaces the shared orders (oldest, newest) with the page's own.
 */
export function WorklistFilterForm({
  id,
  value,
  onApply,
  children,
  needs = SPECIFIC_NEEDS,
  ageOffered = true,
  ageNote,
  nationalityOffered = true,
  codeLabel,
  sorts,
}: {
  id: string;
  value: WorklistFilters;
  onApply: (next: WorklistFilters) => void;
  children?: (draft: WorklistFilters, set: (next: WorklistFilters) => void) => ReactNode;
  needs?: readonly SpecificNeed[];
  ageOffered?: boolean;
  ageNote?: string;
  nationalityOffered?: boolean;
  codeLabel?: string;
  sorts?: readonly { value: string; label: string }[];
}) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState(value);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply({ ...draft, offset: 0 });
  };
  const field = (name: keyof WorklistFilters) => `${id}-${name}`;
  return (
    <form onSubmit={submit} aria-label={t("worklist.filters")} className="worklist-filters">
      {children?.(draft, setDraft)}
      {nationalityOffered && (
        <div className="field">
          <label htmlFor={field("nationality")}>{t("worklist.nationality")}</label>
          <input
            id={field("nationality")}
            value={draft.nationality}
            maxLength={3}
            placeholder="VEN"
            onChange={(e) => setDraft({ ...draft, nationality: e.target.value })}
          />
        </div>
      )}
      {needs.length > 0 && (
        <div className="field">
          <label htmlFor={field("need")}>{t("worklist.need")}</label>
          <select
            id={field("need")}
            value={draft.need}
            onChange={(e) => setDraft({ ...draft, need: e.target.value })}
          >
            <option value="">{t("worklist.any")}</option>
            {needs.map((code) => (
              <option key={code} value={code}>
                {needLabel(code, i18n.language)}
              </option>
            ))}
          </select>
        </div>
      )}
      {ageOffered ? (
        <div className="field">
          <label htmlFor={field("age")}>{t("worklist.age")}</label>
          <select
            id={field("age")}
            value={draft.age}
            onChange={(e) => setDraft({ ...draft, age: e.target.value })}
          >
            <option value="">{t("worklist.any")}</option>
            {AGE_BANDS.map((band) => (
              <option key={band} value={band}>
                {t("worklist.ageBand", { band })}
              </option>
            ))}
          </select>
        </div>
      ) : (
        ageNote && <p className="note">{ageNote}</p>
      )}
      {codeLabel !== undefined && (
        <div className="field">
          <label htmlFor={field("code")}>{codeLabel}</label>
          <input
            id={field("code")}
            type="search"
            value={draft.code}
            onChange={(e) => setDraft({ ...draft, code: e.target.value })}
          />
        </div>
      )}
      <div className="field">
        <label htmlFor={field("sort")}>{t("worklist.sort")}</label>
        <select
          id={field("sort")}
          value={draft.sort}
          onChange={(e) => setDraft({ ...draft, sort: e.target.value })}
        >
          {(sorts ?? WORKLIST_SORTS.map((key) => ({ value: key, label: t(`worklist.sorts.${key}`) }))).map(
            (sort) => (
              <option key={sort.value} value={sort.value}>
                {sort.label}
              </option>
            ),
          )}
        </select>
      </div>
      <button type="submit">{t("worklist.apply")}</button>
    </form>
  );
}

/** "Nothing here" when the page shows no row, where the page is in the list, and the previous and next pages. */
export function WorklistPager({
  shown,
  total,
  limit,
  offset,
  onOffset,
}: {
  /** How many rows the page shows. */
  shown: number;
  total: number;
  limit: number;
  offset: number;
  onOffset: (offset: number) => void;
}) {
  const { t } = useTranslation();
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + limit, total);
  return (
    <>
      {shown === 0 && <p>{t("worklist.none")}</p>}
      <nav aria-label={t("worklist.paging")} className="worklist-pager">
        <p role="status">{t("worklist.showing", { from, to, total })}</p>
        <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - limit))}>
          {t("worklist.previous")}
        </button>
        <button type="button" disabled={offset + limit >= total} onClick={() => onOffset(offset + limit)}>
          {t("worklist.next")}
        </button>
      </nav>
    </>
  );
}
