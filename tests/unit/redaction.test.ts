import { applyRedactions, asciiDigits, namesUnchecked, suggestRedactions, type RedactionKind } from "~/moderation/redaction";

const placeholder = (kind: RedactionKind) => `[${kind}]`;
const redact = (text: string, settings: string[] = []) => applyRedactions(text, suggestRedactions(text, settings), placeholder);

// Planted personal data, in the languages families write in. Every row must be caught.
const planted: [string, string, string][] = [
  ["en", "Email me at jo.bloggs+send@gmail.com please", "Email me at [email] please"],
  ["en", "Ring 07700 900123 after 6", "Ring [phone] after 6"],
  ["en", "Our landline is 020 7946 0958.", "Our landline is [phone]."],
  ["en", "Call +44 7700 900 456 any time", "Call [phone] any time"],
  ["en", "We live near SW1A 1AA and it is hard to get there", "We live near [postcode] and it is hard to get there"],
  ["en", "postcode m1 1ae", "postcode [postcode]"],
  ["en", "His NHS number is 943 476 5919", "His NHS number is [nhsNumber]"],
  ["en", "See https://www.example.org/my-blog?id=3 for our story.", "See [url] for our story."],
  ["en", "Born 14/03/2015, diagnosed at 4", "Born [dateOfBirth], diagnosed at 4"],
  ["en", "She was born on 3rd March 2012.", "She was born on [dateOfBirth]."],
  ["en", "My son Oliver Smith waited two years", "My son [name] [name] waited two years"],
  ["en", "Mrs Patel at Greenfield Primary was great", "Mrs [name] at [setting] was great"],
  ["pl", "Mój syn Jakub Nowak czeka na ocenę od 12 marca 2023.", "Mój syn [name] [name] czeka na ocenę od [dateOfBirth]."],
  ["pl", "Proszę dzwonić: 07911 123456, Agnieszka", "Proszę dzwonić: [phone], [name]"],
  ["ro", "Fiica mea Ioana Popescu, născută pe 5 mai 2014", "Fiica mea [name] [name], născută pe [dateOfBirth]"],
  ["ur", "میرا بیٹا Muhammad Khan بہت پریشان ہے، فون 07123 456789", "میرا بیٹا [name] [name] بہت پریشان ہے، فون [phone]"],
  ["pt", "O meu filho João Silva, email joao.silva@sapo.pt", "O meu filho [name] [name], email [email]"],
  ["es", "Mi hija Sofia Garcia nació el 2 de enero", "Mi hija [name] [name] nació el 2 de enero"],
  ["ar", "ابني Omar Hussain يحتاج مساعدة www.example.com", "ابني [name] [name] يحتاج مساعدة [url]"],
];

describe("redaction suggestions", () => {
  it.each(planted)("catch planted personal data (%s): %s", (_lang, text, expected) => {
    expect(redact(text, ["Greenfield Primary"])).toBe(expected);
  });

  it("leave ordinary words, numbers and place-free sentences alone", () => {
    const text = "We waited 20 weeks for the plan and 3 months for speech therapy. May was better.";
    expect(suggestRedactions(text)).toEqual([]);
  });

  it("never change the original: they return positions in it", () => {
    const text = "Ask Sarah on 07700 900123";
    const found = suggestRedactions(text);
    expect(found.map((r) => [r.kind, text.slice(r.start, r.end)])).toEqual([
      ["name", "Sarah"],
      ["phone", "07700 900123"],
    ]);
  });
});

describe("digits from other scripts", () => {
  it("finds a phone number typed in Urdu or Bengali digits, at the right place", () => {
    const urdu = "میرا فون ۰۷۷۰۰ ۹۰۰۱۲۳ ہے";
    const found = suggestRedactions(urdu).find((r) => r.kind === "phone");
    expect(found?.found).toBe("۰۷۷۰۰ ۹۰۰۱۲۳");
    expect(suggestRedactions("ফোন ০৭৭০০ ৯০০১২৩").some((r) => r.kind === "phone")).toBe(true);
    expect(asciiDigits("٠١٢ ੩੪ ૫૬")).toBe("012 34 56");
  });
});

describe("names in scripts without capital letters", () => {
  it("tells the moderator they were not checked", () => {
    expect(namesUnchecked("میرا نام عائشہ ہے")).toBe(true);
    expect(namesUnchecked("ਮੇਰਾ ਨਾਮ")).toBe(true);
    expect(namesUnchecked("My son Oliver")).toBe(false);
  });
});
