import { pick, seededRandom } from "../../shared/seeded-random.ts";
import type { PersonInput } from "../registry.contract.ts";
import { emptyPerson } from "./person-record.ts";

/** Demo people of one nation: originals, planted duplicates inside the nation, and people also held abroad. */
export interface DemoNation {
  nation: string;
  people: { externalId: string; office: string; person: PersonInput }[];
  /** Pairs of external ids that are the same person, planted on purpose. */
  plantedDuplicates: [string, string][];
  /** External ids of people also registered by a partner nation. */
  crossBorder: string[];
}

const GIVEN_F = [
  "María",
  "Ana",
  "Lucía",
  "Carmen",
  "Rosa",
  "Sofía",
  "Valentina",
  "Isabel",
  "Gabriela",
  "Daniela",
  "Camila",
  "Paola",
  "Fernanda",
  "Andrea",
  "Juana",
  "Marisol",
  "Elena",
  "Patricia",
  "Claudia",
  "Yesenia",
];
const GIVEN_M = [
  "José",
  "Juan",
  "Luis",
  "Carlos",
  "Jorge",
  "Miguel",
  "Pedro",
  "Andrés",
  "Diego",
  "Javier",
  "Mario",
  "Óscar",
  "Héctor",
  "Raúl",
  "Fernando",
  "Ricardo",
  "Wilson",
  "Édgar",
  "Kevin",
  "Brayan",
];
const SURNAMES = [
  "García",
  "Hernández",
  "López",
  "Martínez",
  "González",
  "Pérez",
  "Rodríguez",
  "Sánchez",
  "Ramírez",
  "Cruz",
  "Flores",
  "Gómez",
  "Morales",
  "Vásquez",
  "Reyes",
  "Jiménez",
  "Torres",
  "Díaz",
  "Gutiérrez",
  "Ruiz",
  "Mendoza",
  "Aguilar",
  "Castillo",
  "Ortiz",
  "Chávez",
  "Romero",
  "Herrera",
  "Medina",
  "Castro",
  "Vargas",
  "Quispe",
  "Ixcoy",
  "Tzul",
  "Cuxil",
  "Barrios",
  "Orellana",
  "Zelaya",
  "Palacios",
  "Cifuentes",
  "Montoya",
];
const TOWNS = [
  "Tapachula",
  "Quetzaltenango",
  "Cúcuta",
  "San Pedro Sula",
  "Maracaibo",
  "Guayaquil",
  "Huehuetenango",
  "Medellín",
  "Oaxaca",
  "Cobán",
];
const NATIONALITIES = ["MEX", "GTM", "HND", "SLV", "VEN", "COL", "ECU", "HTI", "NIC", "CUB"];

function digits(random: () => number, n: number): string {
  return Array.from({ length: n }, () => Math.floor(random() * 10)).join("");
}

/** One invented person. */
export function demoPerson(random: () => number): PersonInput {
  const female = random() < 0.5;
  const nationality = pick(random, NATIONALITIES);
  const p = emptyPerson();
  p.givenNames =
    random() < 0.35
      ? [pick(random, female ? GIVEN_F : GIVEN_M), pick(random, female ? GIVEN_F : GIVEN_M)]
      : [pick(random, female ? GIVEN_F : GIVEN_M)];
  p.surnames = [pick(random, SURNAMES), pick(random, SURNAMES)];
  p.sex = female ? "F" : "M";
  const year = 1960 + Math.floor(random() * 60);
  p.birthDate = `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-${String(1 + Math.floor(random() * 28)).padStart(2, "0")}`;
  p.birthPlace = pick(random, TOWNS);
  p.nationalities = [nationality];
  p.documents = [
    {
      type: "passport",
      number: `${nationality.slice(0, 2)}${digits(random, 8)}`,
      typeAsWritten: "",
      issuingCountry: nationality,
      validFrom: null,
      expiry: null,
    },
  ];
  if (random() < 0.6) p.phones = [`+52 ${digits(random, 10)}`];
  p.languages = [random() < 0.1 ? "ht" : "es"];
  if (random() < 0.08)
    p.vulnerabilities = [
      pick(random, ["unaccompanied_child", "medical", "survivor_of_violence", "disability"] as const),
    ];
  return p;
}

/** The same person as another clerk recorded them: a typo, a dropped surname or accent, day and month swapped. */
export function demoVariant(random: () => number, p: PersonInput): PersonInput {
  const v: PersonInput = structuredClone(p);
  const change = Math.floor(random() * 4);
  if (change === 0 && v.surnames.length > 1) v.surnames = [v.surnames[0] as string];
  if (change === 1)
    v.givenNames = v.givenNames.map((g) =>
      g
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .toUpperCase(),
    );
  if (change === 2 && v.birthDate) {
    const [y, m, d] = v.birthDate.split("-");
    if (Number(d) <= 12) v.birthDate = `${y}-${d}-${m}`;
  }
  if (change === 3) {
    const s = v.surnames[0] ?? "";
    v.surnames[0] = s.length > 3 ? `${s.slice(0, 2)}${s[3]}${s[2]}${s.slice(4)}` : s;
  }
  v.phones = random() < 0.5 ? [] : v.phones;
  return v;
}

/**
 * Demo registries for several nations: `perNation` people each, about one in twenty planted as a duplicate
 * inside the nation, and the people of `shared` (indexes) also registered in the next nation of the list.
 */
export function demoNations(nations: string[], perNation: number, seed = 20240611): DemoNation[] {
  const random = seededRandom(seed);
  const out: DemoNation[] = nations.map((nation) => ({
    nation,
    people: [],
    plantedDuplicates: [],
    crossBorder: [],
  }));
  out.forEach((n, k) => {
    const next = out[(k + 1) % out.length] as DemoNation;
    for (let i = 0; i < perNation; i++) {
      const person = demoPerson(random);
      const office = `${n.nation}-0${random() < 0.8 ? 1 : 2}`;
      const id = `${n.nation}-${String(i).padStart(5, "0")}`;
      n.people.push({ externalId: id, office, person });
      if (i % 20 === 7) {
        n.people.push({ externalId: `${id}-b`, office, person: demoVariant(random, person) });
        n.plantedDuplicates.push([id, `${id}-b`]);
      }
      if (i % 25 === 3) {
        const copy = `${next.nation}-X${n.nation}-${i}`;
        next.people.push({
          externalId: copy,
          office: `${next.nation}-01`,
          person: demoVariant(random, person),
        });
        next.crossBorder.push(copy);
        n.crossBorder.push(id);
      }
    }
  });
  return out;
}
