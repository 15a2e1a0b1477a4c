import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import type { TFunction } from "i18next";
import type { DB } from "../../db/connection";
import type { FieldError } from "../components/ErrorSummary";
import type { QuestionView } from "../surveys/model";
import { inspectRecording } from "./inspect.server";
import { draftRecordings, keepDraftRecording, removeDraftRecording, type CheckedRecording, type SpokenLimits } from "./recordings.server";

/** The file input beside a free-text answer's field, and the box that removes a recording already sent. */
export const recordingField = (field: string) => `${field}-recording`;
export const removeRecordingField = (field: string) => `${field}-remove-recording`;

/**
 * Reads a question page's form: typed answers and recordings travel together as multipart. A file
 * over the size limit is not kept, and not read further than the limit; the rest of the form is,
 * so the typed answer comes back with a message. A plain form (no file input) reads as usual.
 */
export async function readQuestionForm(request: Request, limits: Pick<SpokenLimits, "maxBytes">): Promise<{ form: FormData; tooLarge: Set<string> }> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "multipart/form-data") return { form: await request.formData(), tooLarge: new Set() };
  const tooLarge = new Set<string>();
  const memory = unstable_createMemoryUploadHandler({ maxPartSize: limits.maxBytes });
  const handler: UploadHandler = async (part) => {
    try {
      return await memory(part);
    } catch (error) {
      if (!(error instanceof MaxPartSizeExceededError)) throw error;
      tooLarge.add(part.name);
      return undefined;
    }
  };
  return { form: await unstable_parseMultipartFormData(request, handler), tooLarge };
}

type Outcome = { kind: "unchanged" } | { kind: "keep"; recording: CheckedRecording } | { kind: "remove" } | { kind: "refused"; message: string };

async function readOne(form: FormData, tooLarge: Set<string>, field: string, limits: SpokenLimits, t: TFunction): Promise<Outcome> {
  const name = recordingField(field);
  const megabytes = Math.round(limits.maxBytes / (1024 * 1024));
  const minutes = Math.max(1, Math.round(limits.maxSeconds / 60));
  if (tooLarge.has(name)) return { kind: "refused", message: t("survey:spoken.errors.tooLarge", { max: megabytes }) };
  const file = form.get(name);
  if (file instanceof File && file.size > 0) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const inspected = await inspectRecording(bytes);
    if (!inspected.ok) return { kind: "refused", message: t("survey:spoken.errors.notAudio") };
    if (inspected.durationMs !== null && inspected.durationMs > limits.maxSeconds * 1000) {
      return { kind: "refused", message: t("survey:spoken.errors.tooLong", { count: minutes }) };
    }
    return { kind: "keep", recording: { bytes, mimeType: inspected.mimeType, durationMs: inspected.durationMs } };
  }
  return form.get(removeRecordingField(field)) === "yes" ? { kind: "remove" } : { kind: "unchanged" };
}

export interface SpokenOnPage {
  /** Recordings refused, by the question they were for. */
  errors: Map<number, FieldError>;
  /** Questions that have a recording once this page is saved: they count as answered. */
  answered: Set<number>;
}

/**
 * Reads and keeps the spoken answers sent with a question page. A recording that passes its
 * checks is kept at once, even when something else on the page needs correcting: a file input
 * cannot be filled in again for the person, and a spoken answer may not be easy to give twice.
 */
export async function saveSpokenAnswers(
  db: DB,
  draftId: number,
  page: { question: QuestionView; field: string }[],
  input: { form: FormData; tooLarge: Set<string> },
  limits: SpokenLimits,
  t: TFunction,
): Promise<SpokenOnPage> {
  const existing = await draftRecordings(db, draftId);
  const errors = new Map<number, FieldError>();
  const answered = new Set<number>();
  for (const { question, field } of page) {
    if (question.kind !== "free_text") continue;
    const outcome = await readOne(input.form, input.tooLarge, field, limits, t);
    if (outcome.kind === "refused") errors.set(question.id, { field: recordingField(field), message: outcome.message });
    if (outcome.kind === "keep") await keepDraftRecording(db, draftId, question, outcome.recording);
    if (outcome.kind === "remove") await removeDraftRecording(db, draftId, question.id);
    if (outcome.kind === "keep" || (outcome.kind !== "remove" && existing.has(question.id))) answered.add(question.id);
  }
  return { errors, answered };
}
