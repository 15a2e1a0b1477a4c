import type { TFunction } from "i18next";
import { z } from "zod";
import { allowedValues, DEFAULT_FREE_TEXT_LIMIT, exclusiveValues, PREFER_NOT_TO_SAY, type QuestionView } from "./model";

export const ANSWER_FIELD = "answer";

export type ParsedAnswer = { ok: true; value: string | string[] | null } | { ok: false; error: string; submitted: string | string[] };

function normaliseText(value: string): string {
  return value.replace(/\r\n?/g, "\n").trim();
}

/**
 * The zod schema for a present answer to one question. It is the same for everyone, so it is built
 * once per question view (views are cached and frozen: a changed survey brings new views, and so
 * new schemas); the messages are added at parse time, in the respondent's language.
 */
const schemas = new WeakMap<QuestionView, z.ZodType<string | string[]>>();

export function answerSchema(question: QuestionView): z.ZodType<string | string[]> {
  let schema = schemas.get(question);
  if (!schema) {
    schema = buildSchema(question);
    schemas.set(question, schema);
  }
  return schema;
}

function buildSchema(question: QuestionView): z.ZodType<string | string[]> {
  const choice = z.enum(allowedValues(question) as [string, ...string[]]);
  switch (question.kind) {
    case "free_text":
      return z.string().max(question.maxLength ?? DEFAULT_FREE_TEXT_LIMIT);
    case "multiple_choice": {
      const exclusive = exclusiveValues(question);
      return z
        .array(choice)
        .transform((values) => [...new Set(values)])
        .superRefine((values, ctx) => {
          const alone = exclusive.find((value) => values.includes(value));
          if (alone && values.length > 1) ctx.addIssue({ code: "custom", input: values, params: { alone } });
        });
    }
    default:
      return choice;
  }
}

/** What went wrong, in the respondent's language. */
function issueMessage(question: QuestionView, issue: z.core.$ZodRawIssue, t: TFunction): string {
  if (issue.code === "too_big") return t("survey:errors.tooLong", { max: issue.maximum });
  if (issue.code === "custom") {
    const alone = (issue.params as { alone: string }).alone;
    const label = alone === PREFER_NOT_TO_SAY ? t("survey:options.prefer_not_to_say") : question.options.find((o) => o.value === alone)?.label;
    return t("survey:errors.chooseAlone", { option: label });
  }
  return t("survey:errors.notOffered");
}

function missingMessage(question: QuestionView, t: TFunction): string {
  if (question.kind === "free_text") return t("survey:errors.enterText");
  if (question.kind === "multiple_choice") return t("survey:errors.selectSome");
  return t("survey:errors.selectOne");
}

/** The form field a question's answer is sent in: "answer" when it is alone on its page. */
export function answerField(question: Pick<QuestionView, "id">, alone: boolean): string {
  return alone ? ANSWER_FIELD : `${ANSWER_FIELD}-${question.id}`;
}

/** Reads and validates the answer to one question from a submitted form. */
export function parseAnswer(question: QuestionView, form: FormData, t: TFunction, field = ANSWER_FIELD): ParsedAnswer {
  const all = form.getAll(field).filter((value): value is string => typeof value === "string");
  const multiple = question.kind === "multiple_choice";
  const submitted: string | string[] = multiple ? all : (all[0] ?? "");
  if (!multiple && all.length > 1) return { ok: false, error: t("survey:errors.notOffered"), submitted };

  const input = typeof submitted === "string" && question.kind === "free_text" ? normaliseText(submitted) : submitted;
  if (input.length === 0) {
    return question.required ? { ok: false, error: missingMessage(question, t), submitted } : { ok: true, value: null };
  }
  const result = answerSchema(question).safeParse(input, { error: (issue) => issueMessage(question, issue, t) });
  if (!result.success) return { ok: false, error: result.error.issues[0].message, submitted };
  return { ok: true, value: result.data };
}
