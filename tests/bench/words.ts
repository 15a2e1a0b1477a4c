// What the bench's respondents write: sentences with the themes a moderator would give them (theme
// slugs, db/seed/themes.ts) and, in other languages, the English a moderator's translation would say.
// English comes mostly from tests/fixtures/suggestions; each language also draws on the ordinary
// (non-disclosure) texts of tests/safeguarding/corpus, and held responses on its disclosures.
import fs from "node:fs";
import path from "node:path";

export interface Sentence {
  text: string;
  /** A moderator's English translation; null for English. */
  english: string | null;
  themes: string[];
}

type Line = [text: string, english: string, themes: string[]];

const written: Record<string, Line[]> = {
  pl: [
    [
      "Nikt nie odpowiada na moje maile. Pisałam do zespołu SEND cztery razy.",
      "Nobody answers my emails. I wrote to the SEND team four times.",
      ["communication"],
    ],
    [
      "Ocena potrzeb EHC trwała prawie rok i nikt nam nie wyjaśnił dlaczego.",
      "The EHC needs assessment took almost a year and nobody explained why.",
      ["ehc-assessment-timeliness", "communication"],
    ],
    [
      "Czekamy dwa lata na diagnozę autyzmu i przez ten czas nie dostaliśmy żadnej pomocy.",
      "We have waited two years for an autism diagnosis and got no help in that time.",
      ["autism-adhd-waits"],
    ],
    [
      "Nauczycielka wspomagająca jest wspaniała, syn w końcu lubi chodzić do szkoły.",
      "The teaching assistant is wonderful, my son finally likes going to school.",
      ["sen-support-mainstream"],
    ],
    [
      "Transport do szkoły często się spóźnia i córka traci pierwszą lekcję.",
      "School transport is often late and my daughter misses the first lesson.",
      ["home-to-school-transport"],
    ],
    [
      "Nie mogłam znaleźć informacji o przerwach wytchnieniowych na stronie Local Offer.",
      "I could not find information about short breaks on the Local Offer website.",
      ["local-offer-information", "social-care-short-breaks"],
    ],
    [
      "Terapia logopedyczna skończyła się, kiedy syn poszedł do szkoły średniej.",
      "Speech therapy ended when my son went to secondary school.",
      ["health-therapies"],
    ],
  ],
  ro: [
    [
      "Nimeni nu răspunde la telefon la echipa SEND și nu știu cine se ocupă de cazul nostru.",
      "Nobody answers the phone at the SEND team and I do not know who is handling our case.",
      ["communication"],
    ],
    ["Planul EHC nu descrie deloc nevoile fiului meu.", "The EHC plan does not describe my son's needs at all.", ["ehc-plan-quality"]],
    ["Am așteptat un an și jumătate pentru evaluarea ADHD.", "We waited a year and a half for the ADHD assessment.", ["autism-adhd-waits"]],
    [
      "Școala nu are bani pentru un asistent, deși profesorii se străduiesc.",
      "The school has no money for an assistant, although the teachers try hard.",
      ["sen-support-mainstream"],
    ],
    [
      "Ar fi bine să existe cluburi de weekend pentru copiii cu nevoi speciale în zona noastră.",
      "It would be good to have weekend clubs for children with special needs in our area.",
      ["inclusion-community-leisure"],
    ],
    [
      "Scrisorile sunt foarte lungi și greu de înțeles; vă rog să ne sunați.",
      "The letters are very long and hard to understand; please phone us.",
      ["communication", "local-offer-information"],
    ],
  ],
  pt: [
    [
      "Ninguém responde aos meus e-mails e a pessoa responsável pelo caso mudou três vezes.",
      "Nobody answers my emails and the case worker changed three times.",
      ["communication"],
    ],
    ["A avaliação EHC demorou muito mais do que as 20 semanas.", "The EHC assessment took much longer than 20 weeks.", ["ehc-assessment-timeliness"]],
    ["O meu filho espera há dois anos por uma consulta no CAMHS.", "My son has waited two years for a CAMHS appointment.", ["camhs-mental-health"]],
    [
      "A escola ouve-nos e a professora de apoio é excelente.",
      "The school listens to us and the support teacher is excellent.",
      ["sen-support-mainstream", "listened-coproduction"],
    ],
    [
      "O transporte escolar mudou sem aviso e a minha filha ficou muito ansiosa.",
      "School transport changed without warning and my daughter became very anxious.",
      ["home-to-school-transport"],
    ],
    [
      "Precisamos de mais informação sobre o que acontece depois dos 16 anos.",
      "We need more information about what happens after 16.",
      ["preparation-for-adulthood"],
    ],
  ],
  es: [
    [
      "Nadie contesta mis correos y no sé quién lleva el caso de mi hijo.",
      "Nobody answers my emails and I do not know who has my son's case.",
      ["communication"],
    ],
    [
      "El plan EHC se escribió sin nosotros y no refleja a mi hija.",
      "The EHC plan was written without us and does not reflect my daughter.",
      ["ehc-plan-quality", "listened-coproduction"],
    ],
    ["Llevamos más de un año esperando la evaluación de autismo.", "We have been waiting more than a year for the autism assessment.", ["autism-adhd-waits"]],
    [
      "La terapia ocupacional se canceló y no nos ofrecieron nada a cambio.",
      "Occupational therapy was cancelled and we were offered nothing instead.",
      ["health-therapies"],
    ],
    ["No hay plazas en escuelas especiales cerca de casa.", "There are no places in special schools near home.", ["placements-sufficiency"]],
    ["El foro de padres es el único lugar donde me siento escuchada.", "The parent forum is the only place where I feel heard.", ["listened-coproduction"]],
  ],
  it: [
    [
      "Nessuno risponde alle mie email e il referente del caso è cambiato di nuovo.",
      "Nobody answers my emails and the case worker has changed again.",
      ["communication"],
    ],
    ["La valutazione EHC è durata quasi un anno.", "The EHC assessment took almost a year.", ["ehc-assessment-timeliness"]],
    ["Mio figlio aspetta da due anni una valutazione per l'ADHD.", "My son has been waiting two years for an ADHD assessment.", ["autism-adhd-waits"]],
    [
      "A scuola c'è un'insegnante di sostegno bravissima, ma solo per poche ore.",
      "There is a very good support teacher at school, but only for a few hours.",
      ["sen-support-mainstream"],
    ],
    [
      "Il sito del Local Offer è difficile da usare e molti link non funzionano.",
      "The Local Offer site is hard to use and many links do not work.",
      ["local-offer-information"],
    ],
    [
      "Non ci sono attività nel fine settimana per ragazzi come mia figlia.",
      "There are no weekend activities for young people like my daughter.",
      ["inclusion-community-leisure"],
    ],
  ],
  ur: [
    ["میں نے SEND ٹیم کو کئی بار ای میل کی لیکن کسی نے جواب نہیں دیا۔", "I emailed the SEND team many times but nobody replied.", ["communication"]],
    [
      "میرے بیٹے کے آٹزم کے معائنے کے لیے ہم دو سال سے انتظار کر رہے ہیں۔",
      "We have been waiting two years for my son's autism assessment.",
      ["autism-adhd-waits"],
    ],
    [
      "خط بہت لمبے ہوتے ہیں، براہ کرم مجھے اردو میں فون کریں۔",
      "The letters are very long, please phone me in Urdu.",
      ["communication", "local-offer-information"],
    ],
    [
      "اسکول کی ٹیچر بہت اچھی ہیں اور ہماری بات سنتی ہیں۔",
      "The teacher at school is very good and listens to us.",
      ["sen-support-mainstream", "listened-coproduction"],
    ],
    ["اسکول کی ٹرانسپورٹ اکثر دیر سے آتی ہے۔", "School transport often comes late.", ["home-to-school-transport"]],
    [
      "ای ایچ سی پلان میں میری بیٹی کی ضروریات صحیح طرح نہیں لکھی گئیں۔",
      "My daughter's needs were not written properly in the EHC plan.",
      ["ehc-plan-quality"],
    ],
  ],
  ar: [
    ["لا أحد يرد على رسائلي الإلكترونية، راسلت فريق SEND أربع مرات.", "Nobody answers my emails; I wrote to the SEND team four times.", ["communication"]],
    [
      "ننتظر منذ سنتين تقييم التوحد لابني ولم نحصل على أي مساعدة.",
      "We have waited two years for my son's autism assessment and got no help.",
      ["autism-adhd-waits"],
    ],
    ["خطة EHC لا تصف احتياجات ابنتي كما هي.", "The EHC plan does not describe my daughter's needs as they are.", ["ehc-plan-quality"]],
    [
      "المعلمة المساعدة في المدرسة رائعة وابني أصبح يحب المدرسة.",
      "The teaching assistant at school is wonderful and my son now likes school.",
      ["sen-support-mainstream"],
    ],
    ["نحتاج إلى معلومات بالعربية عن الخدمات المتاحة.", "We need information in Arabic about the services available.", ["local-offer-information"]],
    ["جلسات علاج النطق توقفت بعد انتقاله إلى المدرسة الثانوية.", "Speech therapy sessions stopped after he moved to secondary school.", ["health-therapies"]],
  ],
  pa: [
    ["ਮੈਂ SEND ਟੀਮ ਨੂੰ ਕਈ ਵਾਰ ਈਮੇਲ ਕੀਤੀ ਪਰ ਕੋਈ ਜਵਾਬ ਨਹੀਂ ਆਇਆ।", "I emailed the SEND team many times but no reply came.", ["communication"]],
    ["ਅਸੀਂ ਦੋ ਸਾਲਾਂ ਤੋਂ ਔਟਿਜ਼ਮ ਦੇ ਮੁਲਾਂਕਣ ਦੀ ਉਡੀਕ ਕਰ ਰਹੇ ਹਾਂ।", "We have been waiting two years for an autism assessment.", ["autism-adhd-waits"]],
    [
      "ਸਕੂਲ ਦੀ ਅਧਿਆਪਕਾ ਬਹੁਤ ਚੰਗੀ ਹੈ ਅਤੇ ਸਾਡੀ ਗੱਲ ਸੁਣਦੀ ਹੈ।",
      "The teacher at school is very good and listens to us.",
      ["sen-support-mainstream", "listened-coproduction"],
    ],
    ["ਸਕੂਲ ਦੀ ਬੱਸ ਅਕਸਰ ਦੇਰ ਨਾਲ ਆਉਂਦੀ ਹੈ।", "The school bus often comes late.", ["home-to-school-transport"]],
    ["ਕਿਰਪਾ ਕਰਕੇ ਚਿੱਠੀਆਂ ਪੰਜਾਬੀ ਵਿੱਚ ਵੀ ਭੇਜੋ।", "Please send letters in Panjabi as well.", ["communication", "local-offer-information"]],
  ],
  bn: [
    ["আমি SEND টিমকে অনেকবার ইমেইল করেছি কিন্তু কেউ উত্তর দেয়নি।", "I emailed the SEND team many times but nobody replied.", ["communication"]],
    ["আমার ছেলের অটিজম মূল্যায়নের জন্য আমরা দুই বছর ধরে অপেক্ষা করছি।", "We have been waiting two years for my son's autism assessment.", ["autism-adhd-waits"]],
    [
      "স্কুলের শিক্ষিকা খুব ভালো, তিনি আমাদের কথা শোনেন।",
      "The teacher at school is very good; she listens to us.",
      ["sen-support-mainstream", "listened-coproduction"],
    ],
    ["EHC প্ল্যানে আমার মেয়ের প্রয়োজনগুলো ঠিকভাবে লেখা হয়নি।", "My daughter's needs were not written properly in the EHC plan.", ["ehc-plan-quality"]],
    ["স্পিচ থেরাপি হঠাৎ বন্ধ হয়ে গেছে।", "Speech therapy stopped suddenly.", ["health-therapies"]],
  ],
  gu: [
    ["મેં SEND ટીમને ઘણી વાર ઇમેઇલ કર્યો પણ કોઈએ જવાબ આપ્યો નથી.", "I emailed the SEND team many times but nobody has replied.", ["communication"]],
    ["અમે બે વર્ષથી ઓટિઝમના મૂલ્યાંકનની રાહ જોઈએ છીએ.", "We have been waiting two years for an autism assessment.", ["autism-adhd-waits"]],
    [
      "શાળાના શિક્ષક ખૂબ સારા છે અને અમારી વાત સાંભળે છે.",
      "The teacher at school is very good and listens to us.",
      ["sen-support-mainstream", "listened-coproduction"],
    ],
    ["શાળાની બસ ઘણી વાર મોડી આવે છે.", "The school bus is often late.", ["home-to-school-transport"]],
    ["કૃપા કરીને પત્રો ગુજરાતીમાં પણ મોકલો.", "Please send letters in Gujarati as well.", ["communication"]],
  ],
};

/** Young people's words, in English and Easy Read. */
const youngPeople: [string, string[]][] = [
  ["My teaching assistant helps me with maths and she is kind.", ["sen-support-mainstream"]],
  ["I want people to ask me, not just my mum.", ["listened-coproduction"]],
  ["The lunch hall is too loud. I eat in the library now and that is better.", ["sen-support-mainstream"]],
  ["I would like a club for people like me near where I live.", ["inclusion-community-leisure"]],
  ["I don't know what I will do after college and nobody has asked me.", ["preparation-for-adulthood"]],
  ["The bus to school is late a lot and I get told off.", ["home-to-school-transport"]],
  ["Having a quiet room when I feel stressed really helps.", ["sen-support-mainstream", "camhs-mental-health"]],
  ["I would change how long you wait to see someone about feeling sad.", ["camhs-mental-health"]],
  ["My speech therapist stopped coming and I miss her.", ["health-therapies"]],
  ["I like my new college. The staff explain things slowly.", ["preparation-for-adulthood"]],
  ["There is nothing to do at the weekend.", ["inclusion-community-leisure"]],
  ["My meeting was good because they let me talk first.", ["listened-coproduction", "ehc-plan-quality"]],
];

interface Corpus {
  disclosures: { text: string }[];
  ordinary: { text: string }[];
}

const readJson = <T>(...parts: string[]) => JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "..", ...parts), "utf8")) as T;

export interface WordBank {
  /** Sentences a respondent in this language writes (parents and carers). */
  parents: Sentence[];
  /** Sentences a young person writes. */
  young: Sentence[];
  /** Words that a safeguarding lead would need to see: only held responses use them. */
  disclosures: string[];
}

/** Every language's bank; a language without its own falls back to English. */
export function wordBanks(): Map<string, WordBank> {
  const english = readJson<{ answers: { text: string; themes: string[] }[] }>("fixtures/suggestions/en.json").answers.map((answer): Sentence => ({
    text: answer.text,
    english: null,
    themes: answer.themes,
  }));
  const young = youngPeople.map(([text, themes]): Sentence => ({ text, english: null, themes }));
  const banks = new Map<string, WordBank>();
  const corpusDir = path.join(import.meta.dirname, "../safeguarding/corpus");
  for (const file of fs.readdirSync(corpusDir)) {
    const lang = path.basename(file, ".json");
    const corpus = readJson<Corpus>("safeguarding/corpus", file);
    const ordinary = corpus.ordinary.map((item): Sentence => ({ text: item.text, english: null, themes: [] }));
    const own = (written[lang] ?? []).map(([text, translation, themes]): Sentence => ({ text, english: translation, themes }));
    const parents = lang === "en" ? [...english, ...ordinary] : lang === "en-x-easyread" ? [...young, ...ordinary] : [...own, ...own, ...ordinary];
    banks.set(lang, {
      parents,
      young: lang === "en" || lang === "en-x-easyread" ? [...young, ...ordinary] : parents,
      disclosures: corpus.disclosures.map((item) => item.text),
    });
  }
  return banks;
}
