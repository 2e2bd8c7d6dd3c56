// How the project names the place of a faulty input in an error: a request part and a path within it.

const MAX_KEY_SHOWN = 64;

const MAX_DEPTH_SHOWN = 32;

/** Renders a location the way a person reads it: `body.links[3].value`, `query.given`, `body["a b"]`. */
export function formatField(part: string, path: readonly PropertyKey[]): string {
  if (path.length > MAX_DEPTH_SHOWN) {
    const half = MAX_DEPTH_SHOWN / 2;
    return `${formatField(part, path.slice(0, half))}…${formatField("", path.slice(-half))}`;
  }
  return path.reduce<string>((out, key) => {
    if (typeof key === "number") return `${out}[${key}]`;
    const name = String(key);
    if (/^[A-Za-z_$][\w$]*$/.test(name) && name.length <= MAX_KEY_SHOWN) return `${out}.${name}`;
    const shown = name.length > MAX_KEY_SHOWN ? `${name.slice(0, MAX_KEY_SHOWN)}…` : name;
    return `${out}[${JSON.stringify(shown)}]`;
  }, part);
}
