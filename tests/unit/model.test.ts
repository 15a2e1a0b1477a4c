import {
  allowedValues,
  firstIncomplete,
  firstUnanswered,
  isOpen,
  progress,
  pruneHidden,
  questionAfter,
  questionBefore,
  visibleQuestions,
  PREFER_NOT_TO_SAY,
  type QuestionView,
} from "~/surveys/model";

function question(id: number, overrides: Partial<QuestionView> = {}): QuestionView {
  return {
    id,
    key: `q${id}`,
    version: 1,
    samePage: false,
    kind: "yes_no",
    section: "main",
    required: false,
    maxLength: null,
    themeId: null,
    showIf: null,
    text: `Question ${id}`,
    hint: null,
    lang: "en",
    options: [],
    ...overrides,
  };
}

const plan = question(1, {
  kind: "single_choice",
  options: [
    { value: "ehc_plan", label: "EHC plan", lang: "en", exclusive: false, exit: null },
    { value: "sen_support", label: "SEN support", lang: "en", exclusive: false, exit: null },
  ],
});
const review = question(2, { showIf: { questionId: 1, value: "ehc_plan" }, required: true });
const reviewDetail = question(3, { showIf: { questionId: 2, value: "yes" } });
const listened = question(4, { kind: "agreement_scale", required: true });
const questions = [plan, review, reviewDetail, listened];

describe("conditional questions", () => {
  it("shows EHC plan questions only to families whose child has a plan", () => {
    expect(visibleQuestions(questions, { 1: "sen_support" }).map((q) => q.id)).toEqual([1, 4]);
    expect(visibleQuestions(questions, { 1: "ehc_plan" }).map((q) => q.id)).toEqual([1, 2, 4]);
    expect(visibleQuestions(questions, { 1: "ehc_plan", 2: "yes" }).map((q) => q.id)).toEqual([1, 2, 3, 4]);
  });

  it("hides a question whose condition depends on a hidden question, even with a stale answer", () => {
    expect(visibleQuestions(questions, { 1: "sen_support", 2: "yes" }).map((q) => q.id)).toEqual([1, 4]);
  });

  it("drops answers to questions that are no longer shown", () => {
    expect(pruneHidden(questions, { 1: "sen_support", 2: "yes", 3: "no", 4: "agree" })).toEqual({ 1: "sen_support", 4: "agree" });
  });

  it("counts progress among the questions this person will see", () => {
    expect(progress(questions, { 1: "sen_support" }, 4)).toEqual({ number: 2, total: 2 });
    expect(progress(questions, { 1: "ehc_plan" }, 4)).toEqual({ number: 3, total: 3 });
  });

  it("moves forwards and backwards over skipped questions", () => {
    expect(questionAfter(questions, { 1: "sen_support" }, 1)?.id).toBe(4);
    expect(questionBefore(questions, { 1: "sen_support" }, 4)?.id).toBe(1);
    expect(questionBefore(questions, {}, 1)).toBeUndefined();
  });
});

describe("completeness", () => {
  it("finds the first required question without an answer", () => {
    expect(firstIncomplete(questions, { 1: "ehc_plan" })?.id).toBe(2);
    expect(firstIncomplete(questions, { 1: "sen_support" })?.id).toBe(4);
    expect(firstIncomplete(questions, { 1: "sen_support", 4: "agree" })).toBeUndefined();
  });

  it("treats a stored value the question no longer offers as incomplete", () => {
    expect(firstIncomplete(questions, { 1: "sen_support", 4: "maybe" })?.id).toBe(4);
  });

  it("finds optional questions never answered", () => {
    expect(firstUnanswered(questions, { 1: "sen_support" })?.id).toBe(4);
  });
});

describe("allowed values", () => {
  it("adds Prefer not to say to every personal question and Don't know to agreement scales", () => {
    expect(allowedValues({ ...plan, section: "about_you" })).toContain(PREFER_NOT_TO_SAY);
    expect(allowedValues(plan)).not.toContain(PREFER_NOT_TO_SAY);
    expect(allowedValues(listened)).toEqual(["strongly_agree", "agree", "neither", "disagree", "strongly_disagree", "dont_know"]);
    expect(allowedValues(question(9, { kind: "smiley_scale" }))).toHaveLength(5);
  });
});

describe("isOpen", () => {
  const now = new Date("2026-11-22T12:00:00Z");
  it("is open only when status is open and now is within the dates", () => {
    expect(isOpen({ status: "open", opensAt: null, closesAt: null }, now)).toBe(true);
    expect(isOpen({ status: "closed", opensAt: null, closesAt: null }, now)).toBe(false);
    expect(isOpen({ status: "open", opensAt: "2026-12-01T00:00:00Z", closesAt: null }, now)).toBe(false);
    expect(isOpen({ status: "open", opensAt: null, closesAt: "2026-11-22T11:59:59Z" }, now)).toBe(false);
  });
});
