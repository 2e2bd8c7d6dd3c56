import { pick, randomBetween, seededRandom } from "../../shared/seeded-random.ts";
import { normaliseEntityId, normalisePhone } from "./entities.ts";
import { formatDay } from "./links-csv.ts";
import { zipfSampler } from "./zipf.ts";

/**
 * A links-file row in column order: source_type, source_id, target_type, target_id, kind, observed_at, case_id,
 * source_role, target_role (a role cell is empty when the generator states none: the entity stays `unknown`).
 */
export type LinkRow = [string, string, string, string, string, string, string, string, string];

/**
 * What the generator planted, each entity as a `type:normalised-id` key: the ring's suspects (operators, their
 * aliases and the phones, accounts, houses, plates and handle they hold), and apart from them the clients it moved
 * and the victims it exploited, each with the identifiers only they use.
 */
export interface PlantedRing {
  id: string;
  suspects: string[];
  clients: string[];
  victims: string[];
}

/** Share of a ring's clients who are its victims (held in debt bondage) rather than paying clients. */
const victimShare = 0.15;

/** Options for the synthetic link data. */
export interface GeneratorOptions {
  seed: number;
  /** About how many links to emit (the generator stops at the first family past this). */
  links: number;
  /** Links per planted ring in the budget (default 5,000: 200 rings in a million links). */
  linksPerRing?: number;
}

const firstDay = 19358; // 2023-01-01
const spanDays = 730;
const countries = [
  { code: "52", digits: 10, lead: "55" },
  { code: "502", digits: 8, lead: "5" },
  { code: "504", digits: 8, lead: "9" },
  { code: "57", digits: 10, lead: "3" },
];

interface Ring {
  id: string;
  phones: string[];
  accounts: string[];
  safehouses: string[];
  vehicles: string[];
  handle: string;
  waypoint: string;
  startDay: number;
  capacity: number;
  suspects: Set<string>;
  clients: Set<string>;
  victims: Set<string>;
}

/** Emits seeded link rows with planted smuggling rings amid realistic noise; returns the rings planted. */
export function generateLinks(options: GeneratorOptions, emit: (row: LinkRow) => void): PlantedRing[] {
  const random = seededRandom(options.seed);
  // Roles draw from their own stream, so the links of a seed are the same links whether or not roles are read.
  const roleRandom = seededRandom(options.seed + 0x5eed);
  const ids = { n: 0 };
  const next = (prefix: string) => `${prefix}-${(++ids.n).toString(36).toUpperCase()}`;
  const phone = () => makePhone(random);
  const day = (d: number) => (random() < 0.03 ? "" : formatDay(d));
  const ringCount = Math.max(1, Math.round(options.links / (options.linksPerRing ?? 5000)));
  const rings = Array.from({ length: ringCount }, () => makeRing(random, next, phone));
  let emitted = 0;
  const out = (row: LinkRow) => {
    emitted++;
    emit(row);
  };
  for (const ring of rings) emitted += plantOperators(random, ring, next, day, emit);
  const world = makeWorld(random);
  const clientsWanted = rings.reduce((s, r) => s + r.capacity, 0);
  const familiesExpected = options.links / 20;
  let ringCursor = 0;
  while (emitted < options.links) {
    const caseId = next("CASE");
    const ring = random() < clientsWanted / familiesExpected ? rings[ringCursor++ % rings.length] : undefined;
    emitFamily(random, { world, ring, caseId, next, phone, day, roleRandom }, out);
  }
  return rings.map((r) => ({
    id: r.id,
    suspects: [...r.suspects],
    clients: [...r.clients],
    victims: [...r.victims],
  }));
}

function makePhone(random: () => number) {
  const c = pick(random, countries);
  let national = c.lead;
  while (national.length < c.digits) national += String(randomBetween(random, 0, 9));
  const e164 = `+${c.code}${national}`;
  const spelt = () => {
    const r = random();
    if (r < 0.4) return e164;
    if (r < 0.7) return `+${c.code} ${national.slice(0, 2)} ${national.slice(2, 6)} ${national.slice(6)}`;
    if (r < 0.85) return `00${c.code}-${national}`;
    return `(+${c.code}) ${national}`;
  };
  return { e164, spelt };
}

type Next = (prefix: string) => string;

/** The key a planted member is scored by: canonical type and normalised id, as the analysis sees it. */
export function memberKey(type: string, raw: string): string {
  return `${type}:${normaliseEntityId(type, raw)}`;
}
type Phone = ReturnType<typeof makePhone>;

function makeRing(random: () => number, next: Next, phone: () => Phone): Ring & { phoneSpelling: Phone[] } {
  const phones = Array.from({ length: randomBetween(random, 2, 4) }, phone);
  return {
    id: next("RING"),
    phoneSpelling: phones,
    phones: phones.map((p) => p.e164),
    accounts: Array.from({ length: randomBetween(random, 1, 3) }, () => next("ACCT")),
    safehouses: Array.from({ length: randomBetween(random, 1, 2) }, () => next("SAFEHOUSE")),
    vehicles: Array.from({ length: randomBetween(random, 1, 2) }, () => next("PLATE")),
    handle: next("handle").toLowerCase(),
    waypoint: `waypoint-${randomBetween(random, 0, 299)}`,
    startDay: firstDay + randomBetween(random, 0, spanDays - 60),
    capacity: randomBetween(random, 15, 60),
    suspects: new Set<string>(),
    clients: new Set<string>(),
    victims: new Set<string>(),
  };
}

/** The ring's own people: operators with aliases who hold its phones, accounts, houses and vehicles. */
function plantOperators(
  random: () => number,
  ring: Ring & { phoneSpelling: Phone[] },
  next: Next,
  day: (d: number) => string,
  emit: (row: LinkRow) => void,
): number {
  let count = 0;
  const when = () => day(ring.startDay + randomBetween(random, -30, 60));
  // People and their aliases are stated suspects; the identifiers they hold are left for the analysis to place.
  const roleOf = (type: string) => (type === "person" || type === "alias" ? "suspect" : "");
  const link = (a: [string, string], b: [string, string], kind: string, caseId: string) => {
    emit([a[0], a[1], b[0], b[1], kind, when(), caseId, roleOf(a[0]), roleOf(b[0])]);
    ring.suspects.add(memberKey(a[0], a[1]));
    ring.suspects.add(memberKey(b[0], b[1]));
    count++;
  };
  const investigation = next("INV");
  const operators = Array.from({ length: randomBetween(random, 2, 4) }, () => next("P"));
  for (const op of operators) {
    for (let a = randomBetween(random, 1, 2); a > 0; a--)
      link(["alias", next("alias").toLowerCase()], ["person", op], "alias_of", investigation);
    for (const [i, p] of ring.phoneSpelling.entries())
      if (i === 0 || random() < 0.6) link(["person", op], ["phone", p.spelt()], "uses_phone", investigation);
    link(["person", op], ["account", pick(random, ring.accounts)], "controls", investigation);
    for (const house of ring.safehouses)
      link(["person", op], ["safehouse", house], "operates", investigation);
    link(["person", op], ["plate", pick(random, ring.vehicles)], "drives", investigation);
  }
  link(["person", operators[0]!], ["handle", `@${ring.handle}`], "posts_as", investigation);
  for (const p of ring.phones) ring.suspects.add(`phone:${p}`);
  for (const a of ring.accounts) ring.suspects.add(memberKey("account", a));
  for (const v of ring.vehicles) ring.suspects.add(memberKey("plate", v));
  return count;
}

interface World {
  station: () => string;
  shelter: () => string;
  agent: () => string;
}

/** Popular places and services everyone uses: the noise that must not glue rings together. */
function makeWorld(random: () => number): World {
  const stations = zipfSampler(random, 300, 1.1);
  const shelters = zipfSampler(random, 40, 1.0);
  const agents = zipfSampler(random, 25, 1.0);
  return {
    station: () => `waypoint-${stations()}`,
    shelter: () => `Shelter ${shelters()}, Tapachula`,
    agent: () => `REMIT-AGENT-${agents()}`,
  };
}

interface FamilyContext {
  world: World;
  ring: (Ring & { phoneSpelling: Phone[] }) | undefined;
  caseId: string;
  next: Next;
  phone: () => Phone;
  day: (d: number) => string;
  roleRandom: () => number;
}

/** One migrant family: a case, a shared phone and address, stations, shelters, money agents. */
function emitFamily(random: () => number, ctx: FamilyContext, out: (row: LinkRow) => void): void {
  const { world, caseId, next } = ctx;
  const size = randomBetween(random, 1, 6);
  const start = firstDay + randomBetween(random, 0, spanDays - 30);
  const when = () => ctx.day(start + randomBetween(random, 0, 20));
  const familyPhone = size > 1 && random() < 0.85 ? ctx.phone() : undefined;
  const address = `Calle ${randomBetween(random, 1, 400)} #${randomBetween(random, 1, 9999)}, Col. ${next("C")}`;
  // A family the ring moves travels together: all of them are its clients, or now and then all its victims, and
  // so are the phone and the home only they share. Families the ring never touched stay unknown.
  const ring = ctx.ring;
  const role = ring ? (ctx.roleRandom() < victimShare ? "victim" : "client") : "";
  const moved = (key: string) => {
    if (ring) (role === "victim" ? ring.victims : ring.clients).add(key);
  };
  const key = (type: string, id: string) =>
    type === "phone" ? `phone:${normalisePhone(id)}` : memberKey(type, id);
  for (let m = 0; m < size; m++) {
    const person = next("P");
    // The first of the family is the one the ring's phones, accounts and houses record.
    const client = m === 0 ? ring : undefined;
    moved(`person:${person}`);
    const link = (type: string, id: string, kind: string, targetRole = "") =>
      out(["person", person, type, id, kind, when(), caseId, role, targetRole]);
    // The family's own identifiers (nobody else uses them) carry its role; stations, shelters and agents do not.
    const own = (type: string, id: string, kind: string) => {
      link(type, id, kind, role);
      moved(key(type, id));
    };
    if (familyPhone) {
      link(random() < 0.1 ? "mobile" : "phone", familyPhone.spelt(), "uses_phone", role);
      moved(`phone:${familyPhone.e164}`);
    }
    if (random() < 0.4) own("phone", ctx.phone().spelt(), "uses_phone");
    own("address", address, "lives_at");
    for (let s = randomBetween(random, 1, 3); s > 0; s--)
      link(random() < 0.1 ? "bus_station" : "waypoint", world.station(), "passed_through");
    if (random() < 0.35) link("address", world.shelter(), "stayed_at");
    if (random() < 0.2) link("account", world.agent(), "paid_to");
    if (random() < 0.1) own("account", next("ACCT"), "holds");
    if (random() < 0.2) own("handle", `@${next("user").toLowerCase()}`, "posts_as");
    if (random() < 0.003) link("phone", ctx.phone().spelt(), "called");
    if (client) emitClient(random, client, { person, role, caseId }, out, ctx.day);
  }
}

/**
 * A ring's client: calls its phones, pays its account, sleeps in its house, rides its vehicle. A victim does the
 * same and owes the ring's account a debt it works off.
 */
function emitClient(
  random: () => number,
  ring: Ring & { phoneSpelling: Phone[] },
  who: { person: string; role: string; caseId: string },
  out: (row: LinkRow) => void,
  day: (d: number) => string,
): void {
  const { person, role, caseId } = who;
  const when = () => day(ring.startDay + randomBetween(random, 0, 21));
  const link = (type: string, id: string, kind: string) =>
    out(["person", person, type, id, kind, when(), caseId, role, ""]);
  (role === "victim" ? ring.victims : ring.clients).add(`person:${person}`);
  link("phone", pick(random, ring.phoneSpelling).spelt(), "called");
  if (random() < 0.5) link("phone", pick(random, ring.phoneSpelling).spelt(), "called");
  if (random() < 0.8) link("account", pick(random, ring.accounts), "paid_to");
  if (random() < 0.7) link("safehouse", pick(random, ring.safehouses), "stayed_at");
  if (random() < 0.4) link("plate", pick(random, ring.vehicles), "transported_in");
  if (random() < 0.3) link("handle", `@${ring.handle}`, "contacted");
  link("waypoint", ring.waypoint, "passed_through");
  // Fixed, not drawn: the victim's extra link leaves the random stream (and so every later row) as it was.
  if (role === "victim")
    out([
      "person",
      person,
      "account",
      ring.accounts[0]!,
      "owes_debt_to",
      formatDay(ring.startDay),
      caseId,
      role,
      "",
    ]);
}
