import type { TFunction } from "i18next";
import type { FieldError } from "../components/ErrorSummary";
import { readRequiredDates, type DateInputProblem } from "../utils/date-input";
import { fieldErrors } from "../utils/forms";
import type { StaffForm } from "../utils/staff-form.server";
import { ActionDetails, UpdateBody, type ActionInput } from "./action-form";

type Read<T> = { data: T; errors?: undefined } | { data?: undefined; errors: FieldError[] };

/**
 * A date's message: "Enter the due date" when its boxes are empty, else GOV.UK's own ("Due date
 * must include a month"), naming the field by its legend.
 */
const dateMessage = (t: TFunction, missing: string, label: string) => (_field: string, problem: DateInputProblem) =>
  problem === "missing" ? t(`actions.errors.${missing}`) : t(`common:dateInput.errors.${problem}`, { label });

/** The action form, with every problem at its field. */
export function readActionForm({ form, values, t }: Pick<StaffForm, "form" | "values" | "t">): Read<ActionInput> {
  const parsed = ActionDetails.safeParse({ ...values, theme: form.getAll("theme"), survey: form.getAll("survey") });
  const dates = readRequiredDates(values, ["due_on"], dateMessage(t, "due_on", t("actions.form.due_on")));
  const errors = [...(parsed.success ? [] : fieldErrors(parsed.error.issues, t, "actions.errors")), ...dates.errors];
  if (!parsed.success || !dates.days.due_on) return { errors };
  return { data: { ...parsed.data, due_on: dates.days.due_on } };
}

/** A progress update: what happened, and the day. */
export function readUpdateForm({ values, t }: Pick<StaffForm, "values" | "t">): Read<{ body: string; updateOn: string }> {
  const parsed = UpdateBody.safeParse(values);
  const dates = readRequiredDates(values, ["update_on"], dateMessage(t, "update_on", t("actions.detail.updateOn")));
  const errors = [...(parsed.success ? [] : fieldErrors(parsed.error.issues, t, "actions.errors")), ...dates.errors];
  if (!parsed.success || !dates.days.update_on) return { errors };
  return { data: { body: parsed.data.body, updateOn: dates.days.update_on } };
}

/** What was typed, to show again: the checkboxes joined, as the one failure shape holds strings. */
export function actionFormValues({ form, values }: Pick<StaffForm, "form" | "values">): Record<string, string> {
  return { ...values, theme: form.getAll("theme").map(String).join(","), survey: form.getAll("survey").map(String).join(",") };
}
