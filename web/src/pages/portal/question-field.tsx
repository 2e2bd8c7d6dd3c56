import type { PortalQuestion } from "../../../../src/pathways/portal.contract.ts";
import type { PortalText } from "./portal-text.ts";
import { SeveralChoices } from "./several-choices.tsx";

interface Props {
  question: PortalQuestion;
  value: unknown;
  onChange: (value: unknown) => void;
  text: PortalText;
}

/** One question of the questionnaire, as the control its type needs; every control has a label. */
export function QuestionField({ question, value, onChange, text }: Props) {
  const id = `q-${question.id}`;
  if (question.multiple && question.options) {
    return <SeveralChoices question={question} value={value} onChange={onChange} text={text} />;
  }
  if (question.type === "boolean") {
    const current = value === true ? "yes" : value === false ? "no" : "unknown";
    return (
      <fieldset className="portal-field">
        <legend>{question.text}</legend>
        {(["yes", "no", "unknown"] as const).map((choice) => (
          <label key={choice} className="portal-choice">
            <input
              type="radio"
              name={id}
              checked={current === choice}
              onChange={() => onChange(choice === "yes" ? true : choice === "no" ? false : undefined)}
            />
            {text[choice]}
          </label>
        ))}
      </fieldset>
    );
  }
  if (question.type === "multi_choice") {
    const chosen = Array.isArray(value) ? (value as string[]) : [];
    return (
      <fieldset className="portal-field">
        <legend>{question.text}</legend>
        {(question.options ?? []).map((o) => (
          <label key={o.value} className="portal-choice">
            <input
              type="checkbox"
              checked={chosen.includes(o.value)}
              onChange={(e) =>
                onChange(e.target.checked ? [...chosen, o.value] : chosen.filter((c) => c !== o.value))
              }
            />
            {o.label}
          </label>
        ))}
      </fieldset>
    );
  }
  return (
    <div className="portal-field">
      <label htmlFor={id}>{question.text}</label>
      {question.options ? (
        <select
          id={id}
          value={typeof value === "string" ? value : ""}
          onChange={(e) => onChange(e.target.value || undefined)}
        >
          <option value="">{text.unknown}</option>
          {question.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          type={question.type === "date" ? "date" : question.type === "number" ? "number" : "text"}
          value={typeof value === "string" || typeof value === "number" ? String(value) : ""}
          onChange={(e) => onChange(e.target.value || undefined)}
        />
      )}
    </div>
  );
}
