import { z } from "zod";

/** The longest "You said" summary, in English or any other language. */
export const SUMMARY_MAX = 2000;

export const StatementForm = z.object({
  summary: z.string().trim().min(1, { error: "summary" }).max(SUMMARY_MAX, { error: "summaryTooLong" }),
  quote: z.array(z.coerce.number().int().positive()),
  correction: z.string().trim().max(500, { error: "correction" }).optional(),
});

/** What was typed, as strings (the chosen quotes joined by commas), and the parsed statement. */
export function readStatementForm({ form, values }: { form: FormData; values: Record<string, string> }) {
  const quote = form.getAll("quote").map(String);
  const typed: Record<string, string> = { ...values, quote: quote.join(",") };
  return {
    values: typed,
    parsed: StatementForm.safeParse({ summary: values.summary ?? "", quote, correction: values.correction || undefined }),
  };
}
