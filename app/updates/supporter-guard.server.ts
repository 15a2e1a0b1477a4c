import type { DB } from "../../db/connection";
import { getSession } from "../accounts/session.server";
import { draftSupport } from "../support/support.server";

/**
 * Whether a supporter is helping with this draft, and if so the e-mail address of the account signed
 * in: updates go to the person helped, so the supporter's own address is refused (issue 18).
 */
export async function supportedDraft(db: DB, request: Request, draftId: number): Promise<{ supported: boolean; ownEmail: string | null }> {
  if (!(await draftSupport(db, draftId))) return { supported: false, ownEmail: null };
  const session = await getSession(request);
  return { supported: true, ownEmail: session?.user.email ?? null };
}

/** Whether the address typed is the signed-in supporter's own, however it is written. */
export function isOwnAddress(typed: string, ownEmail: string | null): boolean {
  return ownEmail !== null && typed.trim().toLowerCase() === ownEmail.trim().toLowerCase();
}
