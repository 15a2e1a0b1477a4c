import { z } from "zod";
import { populationDimensions, surveyAudiences } from "../../db/schema";

/** Text per language code; English must be there, as the fallback for every other language. */
const localised = <T extends z.ZodTypeAny>(schema: T) =>
  z.record(z.string().min(2), schema).refine((texts) => "en" in texts, { error: "English text is required" });

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
  error: "Use lower-case letters, numbers and dashes",
});
/** A whole day, "2027-03-31": a survey opens at the start of its opening day and closes at the end of its closing day. */
const day = z.iso.date({ error: "Use a date like 2027-03-31" });

export const QuestionDefinition = z.object({
  key: slug,
  kind: z.enum(["single_choice", "multiple_choice", "agreement_scale", "smiley_scale", "free_text", "yes_no"]),
  section: z.enum(["main", "about_you"]).default("main"),
  required: z.boolean().default(false),
  maxLength: z.number().int().min(1).max(5000).optional(),
  theme: slug.optional(),
  showIf: z.object({ question: slug, value: z.string().min(1) }).optional(),
  /** Shown on the same page as the question before it (GOV.UK asks one thing per page: keep it for questions that belong together). */
  samePage: z.boolean().optional(),
  /** An "about you" question whose answers are compared with this breakdown of the local population (docs/population.md). */
  compareWith: z.enum(populationDimensions).optional(),
  /** Goes up each time what the question asks changes after it has answers; a new survey starts at 1. */
  version: z.number().int().min(2).optional(),
  text: localised(z.object({ text: z.string().min(1), hint: z.string().min(1).optional() })),
  options: z
    .array(
      z.object({
        value: z.string().regex(/^[a-z0-9_]+$/),
        label: localised(z.string().min(1)),
        /** Choosing this option ends the survey on a page with this text: who it is for, and where to go instead. */
        exit: localised(z.string().min(1)).optional(),
        exclusive: z.boolean().default(false),
      }),
    )
    .default([]),
});

const SurveyFields = z.object({
  slug,
  audience: z.enum(surveyAudiences),
  status: z.enum(["draft", "open", "closed"]).default("open"),
  estimatedMinutes: z.number().int().min(1).max(120),
  runBy: z.string().min(1).max(200).optional(),
  opensOn: day.optional(),
  closesOn: day.optional(),
  /** The themes the survey covers, by their short names. */
  themes: z.array(slug).optional(),
  text: localised(
    z.object({
      title: z.string().min(1),
      summary: z.string().min(1),
      description: z.string(),
      privacy: z.string().min(1).optional(),
    }),
  ),
  questions: z.array(QuestionDefinition),
  /** Earlier versions of a survey that changed after it had answers, oldest first. Read for the record; an import starts afresh. */
  earlierVersions: z
    .array(
      z.object({
        version: z.number().int().min(1),
        replacedAt: z.iso.datetime(),
        questions: z.array(QuestionDefinition),
      }),
    )
    .optional(),
});

type SurveyShape = z.output<typeof SurveyFields>;

/** The rules a survey's parts must keep with each other, which a field-by-field schema cannot say. */
function surveyRules(survey: SurveyShape, ctx: z.RefinementCtx) {
  if (survey.opensOn && survey.closesOn && survey.closesOn < survey.opensOn) {
    ctx.addIssue({
      code: "custom",
      path: ["closesOn"],
      message: "The closing date must be on or after the opening date",
    });
  }
  const keys = new Set<string>();
  survey.questions.forEach((question, index) => {
    if (keys.has(question.key))
      ctx.addIssue({
        code: "custom",
        path: ["questions", index, "key"],
        message: `Another question already has the key "${question.key}"`,
      });
    keys.add(question.key);
    const values = new Set<string>();
    question.options.forEach((option, position) => {
      if (values.has(option.value)) {
        ctx.addIssue({
          code: "custom",
          path: ["questions", index, "options", position, "value"],
          message: `Another option already has the value "${option.value}"`,
        });
      }
      values.add(option.value);
    });
    const choice = question.kind === "single_choice" || question.kind === "multiple_choice";
    if (choice !== question.options.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["questions", index, "options"],
        message: choice ? "A choice question needs options" : "Only choice questions have options",
      });
    }
    question.options.forEach((option, position) => {
      if (option.exit && question.kind !== "single_choice") {
        ctx.addIssue({
          code: "custom",
          path: ["questions", index, "options", position, "exit"],
          message: "Only an option of a one-answer question can end the survey",
        });
      }
    });
    if (question.section === "about_you" && question.required) {
      ctx.addIssue({
        code: "custom",
        path: ["questions", index, "required"],
        message: "Questions about you are optional",
      });
    }
    if (question.compareWith && (question.section !== "about_you" || question.kind !== "single_choice")) {
      ctx.addIssue({
        code: "custom",
        path: ["questions", index, "compareWith"],
        message: "Only a one-answer question about you can be compared with the population",
      });
    }
    if (question.compareWith && survey.questions.slice(0, index).some((earlier) => earlier.compareWith === question.compareWith)) {
      ctx.addIssue({ code: "custom", path: ["questions", index, "compareWith"], message: `Another question is already compared with ${question.compareWith}` });
    }
    if (question.showIf) {
      const target = survey.questions.slice(0, index).find((earlier) => earlier.key === question.showIf?.question);
      if (target?.kind !== "single_choice" || !target.options.some((option) => option.value === question.showIf?.value)) {
        ctx.addIssue({
          code: "custom",
          path: ["questions", index, "showIf"],
          message: `A condition must name an option of an earlier single-choice question: "${question.showIf.question}" = "${question.showIf.value}" is not one`,
        });
      }
    }
  });
}

/**
 * Rules for a file coming in; the builder keeps them itself, question by question. Without
 * JavaScript a page cannot change as it is filled in, so a condition rests on an earlier page.
 */
function fileRules(survey: SurveyShape, ctx: z.RefinementCtx) {
  surveyRules(survey, ctx);
  survey.questions.forEach((question, index) => {
    if (question.samePage && index === 0) {
      ctx.addIssue({ code: "custom", path: ["questions", index, "samePage"], message: "The first question starts the first page" });
    }
    if (!question.showIf) return;
    let pageStart = index;
    while (pageStart > 0 && survey.questions[pageStart].samePage) pageStart--;
    if (survey.questions.slice(pageStart, index).some((earlier) => earlier.key === question.showIf?.question)) {
      ctx.addIssue({ code: "custom", path: ["questions", index, "showIf"], message: "A condition must rest on a question on an earlier page" });
    }
  });
}

/** A survey file: what is imported, exported and shared. It has at least one question. */
export const SurveyDefinition = SurveyFields.extend({ questions: z.array(QuestionDefinition).min(1) }).superRefine(fileRules);

/** A survey still being built, which may have no questions yet: what the builder reads. */
export const SurveyInProgress = SurveyFields.superRefine(surveyRules);

export type SurveyDefinitionInput = z.input<typeof SurveyDefinition>;
/** A survey file once read: every default filled in. */
export type SurveyFile = z.output<typeof SurveyDefinition>;
export type QuestionFile = SurveyFile["questions"][number];

/** zod issues as "questions[3].options[1].label.pl: message", naming the exact place in the file. */
export function describeIssues(issues: { path: PropertyKey[]; message: string }[]): string[] {
  return issues.map((issue) => {
    const place = issue.path.reduce<string>((text, part) => (typeof part === "number" ? `${text}[${part}]` : `${text}${text ? "." : ""}${String(part)}`), "");
    return `${place || "(the file)"}: ${issue.message}`;
  });
}
