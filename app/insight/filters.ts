import { z } from "zod";
import { audiences } from "../../db/schema";
import { supportedLanguages } from "../i18n/config";

export const groupings = ["week", "month"] as const;
export type Grouping = (typeof groupings)[number];

const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

/**
 * The dashboard's filters, read from the query string. A value that is not recognised is ignored
 * (the default applies), so an old or mistyped link still shows the page.
 */
export const InsightFilters = z.object({
  period: optional(z.string().regex(/^[a-z0-9-]{1,80}$/)).catch(undefined),
  survey: optional(z.string().regex(/^[a-z0-9-]{1,80}$/)).catch(undefined),
  audience: optional(z.enum(audiences)).catch(undefined),
  lang: optional(z.enum(supportedLanguages)).catch(undefined),
  by: z.enum(groupings).catch("month"),
});
export type InsightFilters = z.infer<typeof InsightFilters>;

export function readInsightFilters(url: URL): InsightFilters {
  return InsightFilters.parse(Object.fromEntries(url.searchParams));
}
