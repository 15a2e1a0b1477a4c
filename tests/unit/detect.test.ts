import { compilePattern, createDetector, foldWord } from "~/safeguarding/detect";
import { overdueAt } from "~/safeguarding/overdue";

const detector = createDetector([
  {
    lang: "en",
    replace: { u: "you", kms: "kill myself", "do not": "dont" },
    phrases: {
      not_safe: ["dont|never feel safe", "not safe at home"],
      physical_abuse: ["hit*|beat* ... me"],
      suicide: ["kill myself", "better off without me"],
      adult_harm: ["grabbed ... bruis*"],
      neglect: ["no food at home"],
    },
    not: ["killing me"],
  },
  { lang: "ar", phrases: { physical_abuse: ["يضربني"] } },
  { lang: "pl", phrases: { not_safe: ["nie czuję się bezpiecznie"] } },
]);
const categories = (text: string) => detector.find(text).map((match) => match.category);

describe("the disclosure detector", () => {
  it("reads text as people type it: any case, no apostrophes, text-speak", () => {
    expect(categories("I DON'T FEEL SAFE")).toEqual(["not_safe"]);
    expect(categories("i dont feel safe")).toEqual(["not_safe"]);
    expect(categories("I do not feel safe")).toEqual(["not_safe"]);
    expect(categories("sometimes i wanna kms")).toEqual(["suicide"]);
  });

  it("allows gaps, word endings and one typo in long words", () => {
    expect(categories("he hits my brother and me")).toEqual(["physical_abuse"]);
    expect(categories("a TA grabbed her and left bruises")).toEqual(["adult_harm"]);
    expect(categories("everyone would be better off withuot me")).toEqual(["suicide"]);
    // Short words never match a near miss: "amused" is not "abused", "bit" is not "hit".
    expect(categories("he bit the sandwich")).toEqual([]);
  });

  it("is not raised by everyday words, or where an exception covers the match", () => {
    expect(categories("I feel safe with my keyworker")).toEqual([]);
    expect(categories("the waiting list is killing me")).toEqual([]);
    expect(categories("he hurt his knee in PE")).toEqual([]);
  });

  it("folds accents, letter forms and hidden characters the same way in text and phrases", () => {
    expect(categories("nie czuje sie bezpiecznie w domu")).toEqual(["not_safe"]);
    expect(categories("Nie\u200B czuję się BEZPIECZNIE")).toEqual(["not_safe"]);
    expect(foldWord("أبي")).toBe(foldWord("ابی"));
    expect(categories("ابي يضربني كل يوم")).toEqual(["physical_abuse"]);
    expect(categories("ＫＩＬＬ myself")).toEqual(["suicide"]);
  });

  it("gives the matched words with a few either side, from the original text", () => {
    const [match] = detector.find("The EHCP is late. Honestly I don't feel safe at home any more, and nobody calls back about the transport.");
    expect(match.excerpt).toBe("The EHCP is late. Honestly I don't feel safe at home any more, and nobody …");
    expect(match.phrase).toBe("dont|never feel safe");
  });

  it("puts the most urgent first", () => {
    expect(categories("there is no food at home and i want to kill myself")).toEqual(["suicide", "neglect"]);
  });

  it("reads each language through its own rewrites, so one list's text-speak never breaks another's", () => {
    const mixed = createDetector([
      { lang: "pt", replace: { mi: "me" }, phrases: { suicide: ["melhor sem mim"] } },
      { lang: "es", phrases: { suicide: ["mejor sin mi"] } },
    ]);
    expect(mixed.find("todos estarian mejor sin mi").map((match) => match.category)).toEqual(["suicide"]);
  });

  it("refuses a phrase with no words", () => {
    expect(compilePattern("... ...", "not_safe")).toBeUndefined();
    expect(compilePattern("!!!", "not_safe")).toBeUndefined();
  });
});

describe("overdue", () => {
  it("counts working days, and starts a weekend concern's clock on Monday", () => {
    expect(overdueAt(new Date("2026-12-03T10:00:00Z"), 1).toISOString()).toBe("2026-12-04T10:00:00.000Z"); // Thursday → Friday
    expect(overdueAt(new Date("2026-12-04T17:00:00Z"), 1).toISOString()).toBe("2026-12-07T17:00:00.000Z"); // Friday → Monday
    expect(overdueAt(new Date("2026-12-05T10:00:00Z"), 1).toISOString()).toBe("2026-12-08T00:00:00.000Z"); // Saturday → Tuesday 00:00
  });
});
