import { SurveyDefinition } from "~/surveys/definition";
import parentSurvey from "../../db/seed/surveys/parents-and-carers.survey.json";
import youngPeopleSurvey from "../../db/seed/surveys/young-people.survey.json";

const base = {
  slug: "s",
  audience: "parent_carer",
  estimatedMinutes: 1,
  text: { en: { title: "T", summary: "S", description: "" } },
};

describe("survey definitions", () => {
  it("accept both demo surveys", () => {
    expect(SurveyDefinition.safeParse(parentSurvey).success).toBe(true);
    expect(SurveyDefinition.safeParse(youngPeopleSurvey).success).toBe(true);
  });

  it("give the parent survey 12 to 15 main questions and an optional about-you section", () => {
    const parsed = SurveyDefinition.parse(parentSurvey);
    const main = parsed.questions.filter((q) => q.section === "main");
    const aboutYou = parsed.questions.filter((q) => q.section === "about_you");
    expect(main.length).toBeGreaterThanOrEqual(12);
    expect(main.length).toBeLessThanOrEqual(15);
    expect(aboutYou.map((q) => q.key)).toEqual(["support-type", "age-group", "setting", "ethnicity", "home-language"]);
    expect(aboutYou.every((q) => !q.required)).toBe(true);
  });

  it("reject a required personal question", () => {
    const result = SurveyDefinition.safeParse({
      ...base,
      questions: [{ key: "age", kind: "yes_no", section: "about_you", required: true, text: { en: { text: "Age?" } } }],
    });
    expect(result.success).toBe(false);
  });

  it("reject a condition on a later or unknown question, and text without English", () => {
    const later = SurveyDefinition.safeParse({
      ...base,
      questions: [{ key: "a", kind: "yes_no", showIf: { question: "b", value: "x" }, text: { en: { text: "A?" } } }],
    });
    expect(later.success).toBe(false);
    const noEnglish = SurveyDefinition.safeParse({
      ...base,
      questions: [{ key: "a", kind: "yes_no", text: { pl: { text: "A?" } } }],
    });
    expect(noEnglish.success).toBe(false);
  });
});
