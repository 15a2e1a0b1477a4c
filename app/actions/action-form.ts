import { z } from "zod";

export const actionStatuses = ["planned", "in_progress", "done", "not_possible"] as const;
export const partners = ["council", "nhs", "school", "pcf", "other"] as const;

/** The longest each text of an action may be, in English or in any other language. */
export const actionLimits = { title: 200, description: 4000, owner: 200, measure: 1000, status_reason: 2000, impact: 4000, update: 2000 } as const;

const text = (max: number, key: string) =>
  z
    .string()
    .trim()
    .min(1, { error: key })
    .max(max, { error: `${key}TooLong` });
const id = z.coerce.number().int().positive();

/**
 * The details of an action but its due date, which is a GOV.UK date input read beside this schema
 * (action-form.server.ts). Messages are keys under staff:actions.errors.
 */
export const ActionDetails = z.object({
  title: text(actionLimits.title, "title"),
  description: text(actionLimits.description, "description"),
  owner: text(actionLimits.owner, "owner"),
  partner: z.enum(partners, { error: "partner" }),
  measure: text(actionLimits.measure, "measure"),
  theme: z.array(id).min(1, { error: "theme" }),
  survey: z.array(id),
  period: z.preprocess((value) => (value === "" ? undefined : value), id.optional()),
});
export type ActionInput = z.infer<typeof ActionDetails> & { /** YYYY-MM-DD */ due_on: string };

/** A change of status: "not possible" needs its reason; "done" may carry evidence of impact. */
export const StatusForm = z
  .object({
    status: z.enum(actionStatuses, { error: "status" }),
    reason: z.string().trim().max(actionLimits.status_reason, { error: "reasonTooLong" }).optional(),
    impact: z.string().trim().max(actionLimits.impact, { error: "impactTooLong" }).optional(),
    version: z.coerce.number().int().min(0),
  })
  .superRefine((value, ctx) => {
    if (value.status === "not_possible" && !value.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "reason" });
  });

/** A progress update's words; its date is a GOV.UK date input beside them. */
export const UpdateBody = z.object({ body: text(actionLimits.update, "body") });
