import { z } from "zod";

export const StatementForm = z.object({
  summary: z.string().trim().min(1, { error: "summary" }).max(2000, { error: "summaryTooLong" }),
  quote: z.array(z.coerce.number().int().positive()),
  correction: z.string().trim().max(500, { error: "correction" }).optional(),
});

export function readStatementForm(form: FormData) {
  const values = { summary: String(form.get("summary") ?? ""), quote: form.getAll("quote").map(String), correction: String(form.get("correction") ?? "") };
  return { values, parsed: StatementForm.safeParse({ ...values, correction: values.correction || undefined }) };
}
