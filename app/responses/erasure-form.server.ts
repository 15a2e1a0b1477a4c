import type { TFunction } from "i18next";
import type { FieldError } from "../components/ErrorSummary";
import { getDb } from "../db.server";
import { formatCode, normaliseCode } from "../surveys/codes";
import { countWrongGuess, requireFewWrongGuesses } from "../utils/rate-limit.server";
import { askForErasure, checkOwnership, type Erased, type Ownership } from "./erasure.server";

/** What the person typed; kept to show again, cut short so a huge field is never echoed back. */
export interface Typed {
  reference: string;
  code: string;
}

export function readTyped(form: FormData): Typed {
  const read = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value.slice(0, 100) : "";
  };
  return { reference: read("reference"), code: read("code") };
}

type Known = Extract<Ownership, { kind: "found" | "deleted" }>;

/**
 * Checks the reference and, when given, the resume code. Both are secrets: every wrong one counts
 * against this address, and too many stop it with a 429 page (as /my-feedback and /resume do).
 */
export async function checkTyped(
  typed: Typed,
  address: string,
  t: TFunction,
): Promise<{ errors: FieldError[] } | { reference: string; code: string | null; ownership: Known }> {
  if (typed.reference.trim() === "") return { errors: [{ field: "reference", message: t("erasure.errors.referenceEmpty") }] };
  const withCode = typed.code.trim() !== "";
  await requireFewWrongGuesses("reference", address, t);
  if (withCode) await requireFewWrongGuesses("resume", address, t);
  const reference = normaliseCode(typed.reference);
  // A code that cannot be one is checked like any other, so it fails like a wrong one.
  const code = withCode ? (normaliseCode(typed.code) ?? typed.code.trim()) : null;
  const ownership: Ownership = reference ? await checkOwnership(getDb(), reference, code) : { kind: "unknown" };
  if (ownership.kind === "unknown") {
    await countWrongGuess("reference", address);
    return { errors: [{ field: "reference", message: t("erasure.errors.referenceNotFound") }] };
  }
  if (ownership.kind === "wrongCode") {
    await countWrongGuess("resume", address);
    return { errors: [{ field: "code", message: t("erasure.errors.codeWrong") }] };
  }
  return { reference: reference!, code, ownership };
}

/** The page after "Continue": are you sure, or what already happened to these answers. */
export function nextStep(ownership: Known, reference: string, typed: Typed) {
  if (ownership.kind === "deleted") return { step: "alreadyDeleted" as const, on: ownership.on };
  if (ownership.waitingSince && !ownership.verified) return { step: "alreadyAsked" as const, since: ownership.waitingSince };
  return { step: "confirm" as const, reference: formatCode(reference), typed, verified: ownership.verified, submittedAt: ownership.submittedOn };
}

export type Finished = { step: "deleted"; erased: Erased } | { step: "waiting"; since: string } | { step: "held" } | { step: "alreadyDeleted"; on: string };

/** The person confirmed: their answers are deleted now, or the request waits. */
export async function finish(reference: string, code: string | null, typed: Typed): Promise<Finished | ReturnType<typeof nextStep>> {
  const outcome = await askForErasure(getDb(), reference, code);
  if (outcome.kind === "deleted") return { step: "deleted", erased: outcome.erased };
  if (outcome.kind === "waiting") return { step: "waiting", since: outcome.since };
  if (outcome.kind === "held") return { step: "held" };
  // Deleted or changed between the check and now (another tab, a moderator): say what is true now.
  const now = outcome.ownership;
  return now.kind === "found" || now.kind === "deleted" ? nextStep(now, reference, typed) : { step: "alreadyDeleted", on: new Date().toISOString() };
}
