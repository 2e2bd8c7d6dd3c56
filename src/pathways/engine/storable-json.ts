// PostgreSQL keeps a pathway definition as jsonb, which holds neither NUL nor half of a surrogate pair: such text
// is found here, located, before the database refuses it with an error nobody can act on.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorable = (text: string) => text.includes("\u0000") || LONE_SURROGATE.test(text);

function located(path: string, key: string | number): string {
  return typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

/** The JSON paths (`documents[0].en`) of keys and strings that jsonb cannot store. */
export function unstorableTextPaths(value: unknown, path = ""): string[] {
  if (typeof value === "string") return unstorable(value) ? [path || "(root)"] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => unstorableTextPaths(item, located(path, i)));
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => [
    ...(unstorable(key) ? [located(path, key)] : []),
    ...unstorableTextPaths(item, located(path, key)),
  ]);
}
