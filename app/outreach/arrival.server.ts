import { createCookie } from "@remix-run/node";
import type { DB } from "../../db/connection";
import { env } from "../env.server";
import { liveLinkFor } from "./links.server";

/**
 * Which outreach link brought a person to a survey: a short-lived cookie on that survey's pages,
 * set by `/s/<code>` and read when they start, so it works with JavaScript off and survives a
 * change of language. It holds the link's id and nothing about the person.
 */
const arrivalCookie = createCookie("via", { httpOnly: true, sameSite: "lax", maxAge: 2 * 60 * 60 });

export function serializeArrival(slug: string, linkId: number): Promise<string> {
  return arrivalCookie.serialize(String(linkId), { path: `/surveys/${slug}`, secure: env().NODE_ENV === "production" });
}

/** The link a draft started now should record: the one the person came through, if it is still live and for this survey. */
export async function arrivalLink(db: DB, request: Request, surveyId: number): Promise<number | null> {
  const value: unknown = await arrivalCookie.parse(request.headers.get("Cookie"));
  const linkId = Number(value);
  return Number.isSafeInteger(linkId) && linkId > 0 ? liveLinkFor(db, linkId, surveyId) : null;
}
