import { fixedT } from "~/i18n/i18n.server";
import type { QuestionView } from "~/surveys/model";
import { parseAnswer } from "~/surveys/validation";

const t = fixedT("en", ["survey", "common"]);

function question(overrides: Partial<QuestionView>): QuestionView {
  return {
    id: 1,
    key: "q",
    version: 1,
    samePage: false,
    kind: "single_choice",
    section: "main",
    required: true,
    maxLength: null,
    themeId: null,
    showIf: null,
    text: "Question",
    hint: null,
    lang: "en",
    options: [
      { value: "a", label: "A", lang: "en", exclusive: false, exit: null },
      { value: "b", label: "B", lang: "en", exclusive: false, exit: null },
      { value: "none", label: "None of these", lang: "en", exclusive: true, exit: null },
    ],
    ...overrides,
  };
}

function form(values: [string, string][]) {
  const data = new FormData();
  for (const [name, value] of values) data.append(name, value);
  return data;
}

describe("parseAnswer", () => {
  it("accepts an offered choice", () => {
    expect(parseAnswer(question({}), form([["answer", "a"]]), t)).toEqual({ ok: true, value: "a" });
  });

  it("asks for an answer to a required question, in words a person can act on", () => {
    expect(parseAnswer(question({}), form([]), t)).toEqual({ ok: false, error: "Select an answer", submitted: "" });
    expect(parseAnswer(question({ kind: "free_text" }), form([["answer", "   "]]), t)).toMatchObject({ error: "Enter your answer" });
    expect(parseAnswer(question({ kind: "multiple_choice" }), form([]), t)).toMatchObject({ error: "Select at least one answer" });
  });

  it("lets an optional question be skipped", () => {
    expect(parseAnswer(question({ required: false }), form([]), t)).toEqual({ ok: true, value: null });
    expect(parseAnswer(question({ kind: "free_text", required: false }), form([["answer", ""]]), t)).toEqual({ ok: true, value: null });
  });

  it("rejects a value that was never offered, and two values for one radio", () => {
    expect(parseAnswer(question({}), form([["answer", "<script>"]]), t)).toMatchObject({ ok: false, error: "Select one of the answers shown" });
    expect(
      parseAnswer(
        question({}),
        form([
          ["answer", "a"],
          ["answer", "b"],
        ]),
        t,
      ),
    ).toMatchObject({ ok: false });
    expect(parseAnswer(question({ kind: "smiley_scale" }), form([["answer", "a"]]), t)).toMatchObject({ ok: false });
  });

  it("keeps free text within its limit, saying the limit, and keeps what was typed on error", () => {
    const long = "x".repeat(21);
    expect(parseAnswer(question({ kind: "free_text", maxLength: 20 }), form([["answer", long]]), t)).toEqual({
      ok: false,
      error: "Your answer must be 20 characters or fewer",
      submitted: long,
    });
    expect(parseAnswer(question({ kind: "free_text", maxLength: 20 }), form([["answer", " tidy\r\ntext "]]), t)).toEqual({
      ok: true,
      value: "tidy\ntext",
    });
  });

  it("takes several choices, once each, and Prefer not to say or None of these only on their own", () => {
    const many = question({ kind: "multiple_choice", section: "about_you" });
    expect(
      parseAnswer(
        many,
        form([
          ["answer", "a"],
          ["answer", "b"],
          ["answer", "a"],
        ]),
        t,
      ),
    ).toEqual({ ok: true, value: ["a", "b"] });
    expect(parseAnswer(many, form([["answer", "prefer_not_to_say"]]), t)).toEqual({ ok: true, value: ["prefer_not_to_say"] });
    expect(
      parseAnswer(
        many,
        form([
          ["answer", "a"],
          ["answer", "prefer_not_to_say"],
        ]),
        t,
      ),
    ).toMatchObject({
      ok: false,
      error: "Select “Prefer not to say” on its own, or untick it",
    });
    expect(
      parseAnswer(
        many,
        form([
          ["answer", "none"],
          ["answer", "b"],
        ]),
        t,
      ),
    ).toMatchObject({
      ok: false,
      error: "Select “None of these” on its own, or untick it",
    });
    expect(parseAnswer(many, form([["answer", "none"]]), t)).toEqual({ ok: true, value: ["none"] });
  });

  it("accepts Don't know on agreement scales", () => {
    expect(parseAnswer(question({ kind: "agreement_scale" }), form([["answer", "dont_know"]]), t)).toEqual({ ok: true, value: "dont_know" });
  });
});
