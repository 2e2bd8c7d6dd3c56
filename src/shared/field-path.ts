// How the project names the place of a faulty input in an error: a path within a document (`links[3].value`),
// or a request part and a path within it (`body.links[3].value`, `query.given`, `body["a b"]`).

const MAX_KEY_SHOWN = 64;

const MAX_DEPTH_SHOWN = 32;

function append(start: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === "number") return `${out}[${key}]`;
    const name = String(key);
    if (/^[A-Za-z_$][\w$]*$/.test(name) && name.length <= MAX_KEY_SHOWN)
      return out === "" ? name : `${out}.${name}`;
    const shown = name.length > MAX_KEY_SHOWN ? `${name.slice(0, MAX_KEY_SHOWN)}…` : name;
    return `${out}[${JSON.stringify(shown)}]`;
  }, start);
}

/**
 * Renders a path the way a person reads it: `dispositions[2].acceptance[0]`, `links["a b"]`; a very deep path
 * keeps its first and last levels around an ellipsis. An empty path renders as "".
 */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length <= MAX_DEPTH_SHOWN) return append("", path);
  const half = MAX_DEPTH_SHOWN / 2;
  const tail = append("", path.slice(-half));
  return `${append("", path.slice(0, half))}…${tail.startsWith("[") ? "" : "."}${tail}`;
}

/** A path inside a request part: `body.links[3].value`, `query.given`; the part alone for an empty path. */
export function formatField(part: string, path: readonly PropertyKey[]): string {
  const inner = formatPath(path);
  if (inner === "") return part;
  return part === "" || inner.startsWith("[") ? `${part}${inner}` : `${part}.${inner}`;
}
