/**
 * npx tsx scripts/make-xlsform-fixtures.ts
 * Writes the XLSForm workbooks in tests/surveys/xlsform/. A workbook cannot be read in a diff, so
 * this is where a change to one is made and reviewed; local-offer.survey.json beside them is written
 * by hand, so the test compares two independent descriptions of the same survey.
 */
import path from "node:path";
import ExcelJS from "exceljs";

type Sheet = { name: string; rows: unknown[][] };

async function writeWorkbook(file: string, sheets: Sheet[]) {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) workbook.addWorksheet(sheet.name).addRows(sheet.rows);
  await workbook.xlsx.writeFile(file);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

const folder = path.resolve(import.meta.dirname, "../tests/surveys/xlsform");

// Headings in both styles (plain "label" and "label::English (en)") and an Excel TRUE, as officers write them.
await writeWorkbook(path.join(folder, "local-offer.xlsx"), [
  {
    name: "survey",
    rows: [
      ["type", "name", "label::English (en)", "label::Polish (pl)", "hint::English (en)", "hint::Polish (pl)", "required", "relevant", "theme", "appearance"],
      ["note", "intro", "This survey is about the Local Offer website.", "Ta ankieta dotyczy strony Local Offer."],
      [
        "select_one how_found",
        "how_found",
        "How did you first find the Local Offer website?",
        "Jak po raz pierwszy znaleźli Państwo stronę Local Offer?",
        null,
        null,
        "yes",
        null,
        "local-offer-information",
      ],
      ["text", "how_found_other", "How did you find it?", "W jaki sposób Państwo ją znaleźli?", null, null, "no", "${how_found} = 'other'"],
      ["begin group", "looking", "What you looked for", "Czego Państwo szukali"],
      [
        "select_multiple looked_for",
        "looked_for",
        "What were you looking for?",
        "Czego Państwo szukali?",
        "Choose all that apply.",
        "Proszę zaznaczyć wszystkie pasujące odpowiedzi.",
      ],
      ["select_one yes_no", "found_it", "Did you find what you needed?", "Czy znaleźli Państwo to, czego potrzebowali?", null, null, true],
      ["end group"],
      [
        "agreement_scale",
        "easy_to_understand",
        "The information on the website was easy to understand.",
        "Informacje na stronie były łatwe do zrozumienia.",
        "Say how much you agree.",
        "Proszę powiedzieć, w jakim stopniu się Państwo zgadzają.",
        null,
        null,
        "local-offer-information",
      ],
      [
        "text",
        "improve",
        "What would make the Local Offer website better for your family?",
        "Co sprawiłoby, że strona Local Offer byłaby lepsza dla Państwa rodziny?",
        "Please do not include names or other details that could identify your child.",
        "Prosimy nie podawać imion ani innych danych, które mogłyby zidentyfikować dziecko.",
        null,
        null,
        null,
        "multiline",
      ],
      ["begin group", "about_you", "About you", "O Państwu"],
      ["select_one child_age", "child_age", "How old is your child or young person?", "Ile lat ma Państwa dziecko lub młoda osoba?"],
      ["end group"],
    ],
  },
  {
    name: "choices",
    rows: [
      ["list_name", "name", "label", "label::Polish (pl)", "exclusive"],
      ["how_found", "search_engine", "A search engine, like Google", "Wyszukiwarka internetowa, np. Google"],
      ["how_found", "school", "My child’s school or college", "Szkoła lub college dziecka"],
      ["how_found", "professional", "A health or social care worker", "Pracownik służby zdrowia lub opieki społecznej"],
      ["how_found", "other", "Another way", "W inny sposób"],
      ["looked_for", "education", "Schools and education", "Szkoły i edukacja"],
      ["looked_for", "health", "Health and therapies", "Zdrowie i terapie"],
      ["looked_for", "short_breaks", "Short breaks and social care", "Opieka wytchnieniowa i opieka społeczna"],
      ["looked_for", "leisure", "Clubs and activities", "Kluby i zajęcia"],
      ["looked_for", "none", "None of these", "Żadne z powyższych", "yes"],
      ["yes_no", "yes", "Yes", "Tak"],
      ["yes_no", "no", "No", "Nie"],
      ["child_age", "under_5", "Under 5", "Poniżej 5 lat"],
      ["child_age", "5_to_11", "5 to 11", "Od 5 do 11 lat"],
      ["child_age", "12_to_16", "12 to 16", "Od 12 do 16 lat"],
      ["child_age", "17_to_25", "17 to 25", "Od 17 do 25 lat"],
    ],
  },
  {
    name: "settings",
    rows: [
      [
        "form_title",
        "form_title::Polish (pl)",
        "form_id",
        "version",
        "audience",
        "estimated_minutes",
        "summary",
        "summary::Polish (pl)",
        "description",
        "description::Polish (pl)",
        "themes",
      ],
      [
        "Local Offer feedback",
        "Opinie o stronie Local Offer",
        "local_offer_feedback",
        "2025010101",
        "parent_carer",
        4,
        "Tell us how well the Local Offer website helped you find information about SEND services.",
        "Prosimy powiedzieć, czy strona Local Offer pomogła Państwu znaleźć informacje o usługach SEND.",
        "The Local Offer is the council’s website about services for children and young people with special educational needs and disabilities. " +
          "Your answers help us decide what to improve first.",
        "Local Offer to strona internetowa rady z informacjami o usługach dla dzieci i młodzieży ze specjalnymi potrzebami edukacyjnymi i niepełnosprawnościami. " +
          "Państwa odpowiedzi pomogą nam zdecydować, co poprawić w pierwszej kolejności.",
        "local-offer-information",
      ],
    ],
  },
]);

// Every row a portal survey cannot have, each to be named by its sheet and row.
await writeWorkbook(path.join(folder, "broken.xlsx"), [
  {
    name: "survey",
    rows: [
      ["type", "name", "label", "required", "relevant", "calculation"],
      ["select_one sizes", "size", "Which size?", "yes"],
      ["geopoint", "where", "Where do you live?"],
      ["calculate", "score", null, null, null, "1 + 1"],
      ["integer", "age", "How old are you?"],
      ["select_one colours", "colour", "Which colour?"],
      ["text", "why", "Why?", null, "${size} != 'small'"],
      ["text", "why_small", "Why small?", "sometimes", "${size} = 'small'"],
      ["begin repeat", "children", "Each child"],
      ["text", "child_name", "Child’s first name"],
      ["end repeat"],
    ],
  },
  {
    name: "choices",
    rows: [
      ["list_name", "name", "label"],
      ["sizes", "small", "Small"],
      ["sizes", "Extra Large", "Extra large"],
      ["sizes", null, "Medium"],
    ],
  },
  {
    name: "settings",
    rows: [
      ["form_title", "form_id"],
      ["Broken", "broken"],
    ],
  },
]);
