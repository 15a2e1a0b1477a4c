import { z } from "zod";
import { audiences } from "../../db/schema";
import { actionStatuses } from "~/actions/action-form";
import type { PublicFilters } from "./public.server";

const blank = (value: unknown) => (value === "" ? undefined : value);
const slug = z
  .preprocess(
    blank,
    z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .optional(),
  )
  .catch(undefined);

/** The public page's GET filters. Anything unrecognised is ignored rather than refused: links get shared and mangled. */
const Filters = z.object({
  period: slug,
  theme: slug,
  status: z.preprocess(blank, z.enum(actionStatuses).optional()).catch(undefined),
  audience: z.preprocess(blank, z.enum(audiences).optional()).catch(undefined),
  q: z.preprocess(blank, z.string().max(100).optional()).catch(undefined),
});

export function publicFilters(request: Request): PublicFilters {
  return Filters.parse(Object.fromEntries(new URL(request.url).searchParams));
}

/** Public pages may be cached for a minute; the loader's Cache-Control wins when it sets one. */
export function publicHeaders({ loaderHeaders }: { loaderHeaders: Headers }) {
  return { "Cache-Control": loaderHeaders.get("Cache-Control") ?? "public, max-age=60" };
}
