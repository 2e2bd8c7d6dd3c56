import { useEffect, useState } from "react";
import type { PortalQuestion } from "../../../../src/pathways/portal.contract.ts";
import type { PortalText } from "./portal-text.ts";

interface Props {
  question: PortalQuestion;
  value: unknown;
  onChange: (value: unknown) => void;
  text: PortalText;
}

/** The answers as a list: one code (as older answers keep it), several, or none. */
function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string" && v !== "");
  return typeof value === "string" && value !== "" ? [value] : [];
}

/** One answer stays a single value; several go as a list; none is no answer. */
function answerOf(rows: string[]): unknown {
  const chosen = [...new Set(rows.filter((r) => r !== ""))];
  if (chosen.length === 0) return undefined;
  return chosen.length === 1 ? chosen[0] : chosen;
}

const numbered = (template: string, n: number) => template.replace("{n}", String(n));

/**
 * A question that takes several answers from one list (several nationalities): the first select is labelled
 * by the question, each added one by its number and has its own Remove button.
 */
export function SeveralChoices({ question, value, onChange, text }: Props) {
  const values = listOf(value);
  // Rows added but not chosen yet live only here: they are not answers.
  const [blank, setBlank] = useState(0);
  // "Clear my answers" empties the question: rows added but never chosen go with it.
  useEffect(() => {
    if (value === undefined) setBlank(0);
  }, [value]);
  // The first row is always there, chosen or not; the added rows not chosen yet follow the chosen ones.
  const rows = [...(values.length === 0 ? [""] : values), ...Array<string>(blank).fill("")];
  const update = (next: string[]) => {
    const empty = next.filter((r) => r === "").length;
    setBlank(next.some((r) => r !== "") ? empty : Math.max(0, empty - 1));
    onChange(answerOf(next));
  };
  const id = `q-${question.id}`;
  return (
    <div className="portal-field">
      {rows.map((row, i) => {
        const rowId = i === 0 ? id : `${id}-${i + 1}`;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the rows are positions in a list the person edits
          <div key={i} className="portal-several">
            <label htmlFor={rowId}>
              {i === 0 ? question.text : numbered(text.severalNationalitiesOther, i + 1)}
            </label>
            <select
              id={rowId}
              value={row}
              onChange={(e) => update(rows.map((r, j) => (j === i ? e.target.value : r)))}
            >
              <option value="">{text.unknown}</option>
              {(question.options ?? []).map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
            {i > 0 && (
              <button type="button" onClick={() => update(rows.filter((_, j) => j !== i))}>
                {numbered(text.severalNationalitiesRemove, i + 1)}
              </button>
            )}
          </div>
        );
      })}
      <button type="button" onClick={() => setBlank(blank + 1)}>
        {text.severalNationalitiesAdd}
      </button>
    </div>
  );
}
