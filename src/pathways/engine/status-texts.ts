import type { Language } from "./language.ts";

// What the portal's status page and the notifications say at each stage, in the applicant's language.

type Said = Record<Language, string>;

const nextSteps: Record<string, Said> = {
  submitted: {
    en: "Your application is in the queue. Staff will review it; you do not need to do anything now.",
    es: "Su solicitud está en la fila. El personal la revisará; no necesita hacer nada por ahora.",
    pt: "Seu pedido está na fila. A equipe vai analisá-lo; você não precisa fazer nada agora.",
    fr: "Votre demande est dans la file d'attente. Le personnel va l'examiner ; vous n'avez rien à faire pour l'instant.",
    ht: "Demann ou an nan liy lan. Anplwaye yo pral egzamine l; ou pa bezwen fè anyen kounye a.",
  },
  screening: {
    en: "Staff are reviewing your application. Keep your documents ready.",
    es: "El personal está revisando su solicitud. Tenga sus documentos listos.",
    pt: "A equipe está analisando seu pedido. Mantenha seus documentos prontos.",
    fr: "Le personnel examine votre demande. Gardez vos documents prêts.",
    ht: "Anplwaye yo ap egzamine demann ou an. Kenbe dokiman ou yo pare.",
  },
  interview_scheduled: {
    en: "Come to your appointment with your documents on the day and time shown.",
    es: "Venga a su cita con sus documentos el día y la hora indicados.",
    pt: "Compareça ao seu atendimento com seus documentos no dia e hora indicados.",
    fr: "Présentez-vous à votre rendez-vous avec vos documents le jour et à l'heure indiqués.",
    ht: "Vini nan randevou ou ak dokiman ou yo jou ak lè ki make a.",
  },
  approved: {
    en: "Your application was approved. Staff will contact you about the next steps.",
    es: "Su solicitud fue aprobada. El personal se comunicará con usted sobre los próximos pasos.",
    pt: "Seu pedido foi aprovado. A equipe entrará em contato sobre os próximos passos.",
    fr: "Votre demande a été approuvée. Le personnel vous contactera pour la suite.",
    ht: "Yo apwouve demann ou an. Anplwaye yo pral kontakte w pou pwochen etap yo.",
  },
  denied: {
    en: "Your application was not approved. You may look for other pathways that fit you.",
    es: "Su solicitud no fue aprobada. Puede buscar otras vías que le correspondan.",
    pt: "Seu pedido não foi aprovado. Você pode procurar outras vias adequadas para você.",
    fr: "Votre demande n'a pas été approuvée. Vous pouvez chercher d'autres voies qui vous conviennent.",
    ht: "Yo pa apwouve demann ou an. Ou ka chèche lòt chemen ki kapab mache pou ou.",
  },
  referred: {
    en: "With your consent, your application was sent to another country's pathway. It will contact you.",
    es: "Con su consentimiento, su solicitud fue enviada a una vía de otro país, que se comunicará con usted.",
    pt: "Com o seu consentimento, seu pedido foi enviado a uma via de outro país, que entrará em contato.",
    fr: "Avec votre accord, votre demande a été transmise à une voie d'un autre pays, qui vous contactera.",
    ht: "Avèk konsantman ou, yo voye demann ou an bay yon chemen nan yon lòt peyi. Y ap kontakte w.",
  },
  closed: {
    en: "This application is closed.",
    es: "Esta solicitud está cerrada.",
    pt: "Este pedido está encerrado.",
    fr: "Cette demande est clôturée.",
    ht: "Demann sa a fèmen.",
  },
};

const subjects: Said = {
  en: "News about your application",
  es: "Novedades sobre su solicitud",
  pt: "Novidades sobre seu pedido",
  fr: "Du nouveau sur votre demande",
  ht: "Nouvèl sou demann ou an",
};

const received: Said = {
  en: "We received your application. Tracking code:",
  es: "Recibimos su solicitud. Código de seguimiento:",
  pt: "Recebemos seu pedido. Código de acompanhamento:",
  fr: "Nous avons reçu votre demande. Code de suivi :",
  ht: "Nou resevwa demann ou an. Kòd swivi:",
};

/** The next step for an application at `stage` (or with `decision`), in `lang`. */
export function nextStepText(stage: string, decision: string | null, lang: Language): string {
  const key = stage === "decided" && decision ? decision : stage;
  return (nextSteps[key] ?? nextSteps.submitted)?.[lang] ?? "";
}

/** The subject line of notifications in `lang`. */
export function subjectText(lang: Language): string {
  return subjects[lang];
}

/** The text confirming a submission, with the tracking code (never the secret). */
export function receivedText(code: string, lang: Language): string {
  return `${received[lang]} ${code}. ${nextSteps.submitted?.[lang] ?? ""}`;
}

const recoveryCode: Said = {
  en: "To get a new secret for application {code}, enter this one-time code on the portal within {minutes} minutes: {otc}. If you did not ask for it, ignore this message; your secret stays as it is.",
  es: "Para obtener una clave nueva para la solicitud {code}, escriba este código de un solo uso en el portal en los próximos {minutes} minutos: {otc}. Si usted no lo pidió, ignore este mensaje; su clave no cambia.",
  pt: "Para receber uma chave nova para o pedido {code}, digite este código de uso único no portal nos próximos {minutes} minutos: {otc}. Se você não pediu, ignore esta mensagem; sua chave continua a mesma.",
  fr: "Pour obtenir un nouveau secret pour la demande {code}, saisissez ce code à usage unique sur le portail dans les {minutes} minutes : {otc}. Si vous ne l'avez pas demandé, ignorez ce message ; votre secret ne change pas.",
  ht: "Pou w jwenn yon nouvo sekrè pou demann {code}, antre kòd sa a ki sèvi yon sèl fwa sou pòtay la nan {minutes} minit: {otc}. Si se pa ou ki mande l, pa okipe mesaj sa a; sekrè ou pa chanje.",
};

const secretReplaced: Said = {
  en: "The secret of application {code} was replaced on the portal; the old one no longer works. If you did not do this, contact the office that handles your application.",
  es: "La clave de la solicitud {code} fue reemplazada en el portal; la anterior ya no sirve. Si no fue usted, comuníquese con la oficina que atiende su solicitud.",
  pt: "A chave do pedido {code} foi substituída no portal; a anterior não funciona mais. Se não foi você, entre em contato com o escritório que cuida do seu pedido.",
  fr: "Le secret de la demande {code} a été remplacé sur le portail ; l'ancien ne fonctionne plus. Si ce n'est pas vous, contactez le bureau qui traite votre demande.",
  ht: "Yo ranplase sekrè demann {code} an sou pòtay la; ansyen an pa mache ankò. Si se pa ou ki fè sa, kontakte biwo k ap okipe demann ou an.",
};

/** The message carrying a one-time code that lets the applicant replace a lost secret (never the secret). */
export function recoveryCodeText(code: string, oneTimeCode: string, minutes: number, lang: Language): string {
  return recoveryCode[lang]
    .replace("{code}", code)
    .replace("{otc}", oneTimeCode)
    .replace("{minutes}", String(minutes));
}

/** The message telling the applicant their secret was replaced. */
export function secretReplacedText(code: string, lang: Language): string {
  return secretReplaced[lang].replace("{code}", code);
}
