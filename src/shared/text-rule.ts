// The one rule for text the project keeps, shared by the HTTP edge, the command line, every file importer and
// the web forms: pure and free of any runtime module, so the browser may load it too.

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;

/** A refused character: its index in the text and what is wrong with it. */
export interface TextFaultAt {
  index: number;
  message: string;
}

/** The first character the rule refuses in `text`, or null when the text is fine (see {@link textFault}). */
export function findTextFault(text: string): TextFaultAt | null {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20) {
      if (code === 0x09 || code === 0x0a || code === 0x0d) continue;
      if (code === 0) return { index: i, message: "holds a NUL character" };
      return {
        index: i,
        message: `holds the control character ${hex(code)}; only tab, line feed and carriage return are allowed`,
      };
    }
    if (code < 0xd800 || code > 0xdfff) continue;
    const next = text.charCodeAt(i + 1);
    if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      i++;
      continue;
    }
    return { index: i, message: `is not well-formed Unicode: a lone surrogate ${hex(code)}` };
  }
  return null;
}

/**
 * What makes a text unfit to store, or null when it is fine: a NUL, any other C0 control character except
 * tab, line feed and carriage return (they break CSV exports and terminals and mean nothing in a field), or
 * a lone UTF-16 surrogate (not Unicode at all; it cannot be written as UTF-8).
 */
export function textFault(text: string): string | null {
  const found = findTextFault(text);
  return found === null ? null : `${found.message} (at character ${found.index + 1})`;
}
