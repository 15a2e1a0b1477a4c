import { supportedLanguages } from "../i18n/config";
import { z } from "zod";
import { audiences, supportKinds } from "../../db/schema";

export const PAGE_SIZE = 25;
export const statuses = ["new", "in_review", "done"] as const;

const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

/** The queue's filters, read from the query string; anything unrecognised is ignored, not an error. */
export const QueueFilters = z.object({
  survey: optional(z.string().regex(/^[a-z0-9-]+$/)).catch(undefined),
  audience: optional(z.enum(audiences)).catch(undefined),
  lang: optional(z.enum(supportedLanguages)).catch(undefined),
  status: optional(z.enum(statuses)).catch(undefined),
  theme: optional(z.coerce.number().int().positive()).catch(undefined),
  untagged: optional(z.literal("1")).catch(undefined),
  /** Supported responses: "any" kind of help, or one kind. */
  support: optional(z.enum(["any", ...supportKinds])).catch(undefined),
  after: optional(z.string().regex(/^[0-9TZ:.-]+_\d+$/)).catch(undefined),
});
export type QueueFilters = z.infer<typeof QueueFilters>;

export function readFilters(url: URL): QueueFilters {
  return QueueFilters.parse(Object.fromEntries(url.searchParams));
}

/** The same filters as a query string, for links that keep them (pages, "Save and next"). */
export function filtersQuery(filters: QueueFilters, overrides: Partial<QueueFilters> = {}): string {
  const merged = { ...filters, ...overrides };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) if (value !== undefined) params.set(key, String(value));
  const query = params.toString();
  return query ? `?${query}` : "";
}
