import { formatDate, type Language, type Texts, textsFrom } from "./language.ts";

type Dated = (date: string) => string;

const notOpenYet: Record<Language, Dated> = {
  en: (d) => `This pathway is not open yet: applications open on ${d}.`,
  es: (d) => `Esta vía aún no está abierta: las solicitudes se abren el ${d}.`,
  pt: (d) => `Esta via ainda não está aberta: os pedidos abrem em ${d}.`,
  fr: (d) => `Cette voie n'est pas encore ouverte : les demandes ouvrent le ${d}.`,
  ht: (d) => `Pwogram sa a poko louvri: y ap kòmanse resevwa demann nan dat ${d}.`,
};

const closed: Record<Language, Dated> = {
  en: (d) => `This pathway closed to new applications on ${d}.`,
  es: (d) => `Esta vía dejó de recibir solicitudes el ${d}.`,
  pt: (d) => `Esta via deixou de receber pedidos em ${d}.`,
  fr: (d) => `Cette voie n'accepte plus de demandes depuis le ${d}.`,
  ht: (d) => `Pwogram sa a sispann resevwa nouvo demann nan dat ${d}.`,
};

const noRules: Record<Language, Dated> = {
  en: (d) => `No eligibility rules of this pathway are in force on ${d}.`,
  es: (d) => `Ninguna regla de elegibilidad de esta vía está vigente el ${d}.`,
  pt: (d) => `Nenhuma regra de elegibilidade desta via está em vigor em ${d}.`,
  fr: (d) => `Aucune règle d'admissibilité de cette voie n'est en vigueur le ${d}.`,
  ht: (d) => `Okenn règ kalifikasyon pwogram sa a pa aplike nan dat ${d}.`,
};

const suspended: Record<Language, Dated> = {
  en: (d) => `This pathway has been suspended since ${d}: it takes no new applications.`,
  es: (d) => `Esta vía está suspendida desde el ${d}: no recibe nuevas solicitudes.`,
  pt: (d) => `Esta via está suspensa desde ${d}: não recebe novos pedidos.`,
  fr: (d) => `Cette voie est suspendue depuis le ${d} : elle n'accepte pas de nouvelles demandes.`,
  ht: (d) => `Pwogram sa a sispann depi ${d}: li pa resevwa nouvo demann.`,
};

const closedSince: Record<Language, Dated> = {
  en: (d) => `This pathway has been closed since ${d}: it takes no new applications.`,
  es: (d) => `Esta vía está cerrada desde el ${d}: no recibe nuevas solicitudes.`,
  pt: (d) => `Esta via está encerrada desde ${d}: não recebe novos pedidos.`,
  fr: (d) => `Cette voie est fermée depuis le ${d} : elle n'accepte pas de nouvelles demandes.`,
  ht: (d) => `Pwogram sa a fèmen depi ${d}: li pa resevwa nouvo demann.`,
};

const notOpen: Record<Language, string> = {
  en: "This pathway is not open at this time: it takes no new applications.",
  es: "Esta vía no está abierta en este momento: no recibe nuevas solicitudes.",
  pt: "Esta via não está aberta neste momento: não recebe novos pedidos.",
  fr: "Cette voie n'est pas ouverte pour le moment : elle n'accepte pas de nouvelles demandes.",
  ht: "Pwogram sa a pa louvri kounye a: li pa resevwa nouvo demann.",
};

const referralOnly: Record<Language, string> = {
  en: "No one can apply to this pathway directly: it works only by referral.",
  es: "Nadie puede solicitar esta vía directamente: funciona solo por remisión.",
  pt: "Ninguém pode pedir esta via diretamente: ela funciona apenas por encaminhamento.",
  fr: "Personne ne peut demander cette voie directement : elle fonctionne uniquement sur orientation.",
  ht: "Pèsonn pa ka aplike dirèkteman pou pwogram sa a: se sèlman si yo refere w.",
};

const invitationOnly: Record<Language, string> = {
  en: "This pathway works only by invitation: without one, an application is not taken.",
  es: "Esta vía funciona solo por invitación: sin ella no se recibe la solicitud.",
  pt: "Esta via funciona apenas por convite: sem ele, o pedido não é aceito.",
  fr: "Cette voie fonctionne uniquement sur invitation : sans invitation, la demande n'est pas reçue.",
  ht: "Pwogram sa a mache sèlman ak envitasyon: san envitasyon, yo pa pran demann lan.",
};

/** Why a pathway that is not open on a date takes no application, with what changed when the catalogue says. */
export function statusTexts(status: "suspended" | "closed", from: string | undefined, change?: Texts): Texts {
  return textsFrom((lang) => {
    const head =
      from === undefined
        ? notOpen[lang]
        : (status === "suspended" ? suspended : closedSince)[lang](formatDate(from, lang));
    return change?.[lang] ? `${head} ${change[lang]}` : head;
  });
}

/** "Only by referral" or "only by invitation", followed by how that happens. */
export function accessTexts(access: "invitation" | "referral", how: Texts | undefined): Texts {
  return textsFrom((lang) => {
    const head = (access === "referral" ? referralOnly : invitationOnly)[lang];
    return how?.[lang] ? `${head} ${how[lang]}` : head;
  });
}

/** "Not open yet: opens on …" in every language. */
export function notOpenYetTexts(opens: string): Texts {
  return textsFrom((lang) => notOpenYet[lang](formatDate(opens, lang)));
}

/** "Closed on …" in every language. */
export function closedTexts(closes: string): Texts {
  return textsFrom((lang) => closed[lang](formatDate(closes, lang)));
}

/** "No rules in force on …" in the one language asked (the date is the caller's, so not prepared ahead). */
export function noRulesText(on: string, lang: Language): string {
  return noRules[lang](formatDate(on, lang));
}

type Units = [day: string, days: string, week: string, weeks: string, month: string, months: string];

const waitWords: Record<Language, { about: string; units: Units }> = {
  en: { about: "About", units: ["day", "days", "week", "weeks", "month", "months"] },
  es: { about: "Alrededor de", units: ["día", "días", "semana", "semanas", "mes", "meses"] },
  pt: { about: "Cerca de", units: ["dia", "dias", "semana", "semanas", "mês", "meses"] },
  fr: { about: "Environ", units: ["jour", "jours", "semaine", "semaines", "mois", "mois"] },
  ht: { about: "Anviwon", units: ["jou", "jou", "semèn", "semèn", "mwa", "mwa"] },
};

/** A wait in days said the way people say it: "About 3 weeks", "Alrededor de 2 meses", "Anviwon 5 jou". */
export function describeWait(days: number, lang: Language): string {
  const { about, units } = waitWords[lang];
  const [count, one, many] =
    days < 14
      ? [Math.max(1, Math.round(days)), units[0], units[1]]
      : days < 60
        ? [Math.round(days / 7), units[2], units[3]]
        : [Math.round(days / 30), units[4], units[5]];
  return `${about} ${count} ${count === 1 ? one : many}`;
}
