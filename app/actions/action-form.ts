import { z } from "zod";

export const actionStatuses = ["planned", "in_progress", "done", "not_possible"] as const;
export const partners = ["council", "nhs", "school", "pcf", "other"] as const;

const text = (max: number, key: string) => z.string().trim().min(1, { error: key }).max(max, { error: `${key}TooLong` });
const id = z.coerce.number().int().positive();

/** The details of an action. Messages are keys under staff:actions.errors. */
export const ActionForm = z.object({
  title: text(200, "title"),
  description: text(4000, "description"),
  owner: text(200, "owner"),
  partner: z.enum(partners, { error: "partner" }),
  due_on: z.iso.date({ error: "due_on" }),
  measure: text(1000, "measure"),
  theme: z.array(id).min(1, { error: "theme" }),
  survey: z.array(id),
  period: z.preprocess((value) => (value === "" ? undefined : value), id.optional()),
});
export type ActionInput = z.infer<typeof ActionForm>;

export function readActionForm(form: FormData) {
  return ActionForm.safeParse({
    ...Object.fromEntries([...form].filter(([key]) => !["theme", "survey"].includes(key))),
    theme: form.getAll("theme"),
    survey: form.getAll("survey"),
  });
}

/** A change of status: "not possible" needs its reason; "done" may carry evidence of impact. */
export const StatusForm = z
  .object({
    status: z.enum(actionStatuses, { error: "status" }),
    reason: z.string().trim().max(2000, { error: "reasonTooLong" }).optional(),
    impact: z.string().trim().max(4000, { error: "impactTooLong" }).optional(),
    version: z.coerce.number().int().min(0),
  })
  .superRefine((value, ctx) => {
    if (value.status === "not_possible" && !value.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "reason" });
  });

export const UpdateForm = z.object({
  body: text(2000, "body"),
  update_on: z.iso.date({ error: "update_on" }),
});
