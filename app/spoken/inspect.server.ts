import { fileTypeFromBuffer } from "file-type";
import { parseBuffer } from "music-metadata";

/**
 * What a sent recording really is, read from its bytes and never from its name or the type the
 * browser claimed: `file-type` knows the containers by their magic numbers, and `music-metadata`
 * reads the length where the container records it (a WAV file exactly, from its data size and
 * byte rate; MP3, Ogg, MP4 and WebM from their headers when the recorder wrote one).
 */

/** The containers phones and browsers record into, by the type the content shows. */
const audioTypes = new Map<string, string>([
  ["audio/webm", "audio/webm"],
  ["video/webm", "audio/webm"],
  ["audio/x-matroska", "audio/webm"],
  ["video/x-matroska", "audio/webm"],
  ["audio/ogg", "audio/ogg"],
  ["audio/opus", "audio/ogg"],
  ["audio/mp4", "audio/mp4"],
  ["audio/x-m4a", "audio/mp4"],
  ["video/mp4", "audio/mp4"],
  ["video/quicktime", "audio/mp4"],
  ["audio/3gpp", "audio/3gpp"],
  ["video/3gpp", "audio/3gpp"],
  ["audio/aac", "audio/aac"],
  ["audio/wav", "audio/wav"],
  ["audio/vnd.wave", "audio/wav"],
  ["audio/x-wav", "audio/wav"],
  ["audio/mpeg", "audio/mpeg"],
  ["audio/amr", "audio/amr"],
]);

export type Inspected = { ok: true; mimeType: string; durationMs: number | null } | { ok: false; reason: "notAudio" };

export async function inspectRecording(bytes: Uint8Array): Promise<Inspected> {
  const found = await fileTypeFromBuffer(bytes);
  const mimeType = found ? audioTypes.get(found.mime) : undefined;
  if (!mimeType) return { ok: false, reason: "notAudio" };
  return { ok: true, mimeType, durationMs: await durationOf(bytes, mimeType) };
}

/** The length the container states, or null when it states none (a browser's WebM often does not) or cannot be read. */
async function durationOf(bytes: Uint8Array, mimeType: string): Promise<number | null> {
  try {
    const { format } = await parseBuffer(bytes, { mimeType, size: bytes.byteLength }, { duration: true, skipCovers: true });
    return typeof format.duration === "number" && Number.isFinite(format.duration) ? Math.round(format.duration * 1000) : null;
  } catch {
    return null;
  }
}
