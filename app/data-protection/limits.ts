/**
 * How long the portal keeps what people give it, as administrators set it at /admin/retention
 * (docs/decisions/022-retention-and-backups.md). Stored as settings; a value that is missing or out of
 * range reads as the default.
 */
export const retentionLimits = {
  /** The words of free-text answers, from when the response was sent. */
  retention_text_months: { fallback: 24, min: 3, max: 120 },
  /** Unfinished drafts, from their last change: never more than the 30 days a draft lives anyway. */
  retention_draft_days: { fallback: 30, min: 1, max: 30 },
  /** The audit log of what staff and the portal did. */
  retention_audit_years: { fallback: 6, min: 1, max: 20 },
} as const;

export type RetentionKey = keyof typeof retentionLimits;
export const retentionKeys = Object.keys(retentionLimits) as RetentionKey[];

export function retentionValue(key: RetentionKey, stored: string | undefined): number {
  const { fallback, min, max } = retentionLimits[key];
  const value = Number(stored);
  return Number.isInteger(value) && value >= min && value <= max ? value : fallback;
}

/** Nightly backups keep this many copies, newest first. */
export const BACKUPS_KEPT = 7;

/**
 * The UK GDPR Article 6(1) bases a council or forum could rely on for this portal; the privacy
 * notice words each one in every language. Contract and vital interests never fit a survey.
 */
export const lawfulBases = ["public_task", "legal_obligation", "legitimate_interests", "consent"] as const;
export type LawfulBasis = (typeof lawfulBases)[number];

export const isLawfulBasis = (value: string): value is LawfulBasis => (lawfulBases as readonly string[]).includes(value);

/** What the privacy notice needs from set-up; each one missing is a prompt for staff and "contact us" for the public. */
export const privacyKeys = ["controller_name", "dpo_contact", "lawful_basis"] as const;
export type PrivacyKey = (typeof privacyKeys)[number];

/** What the retention purge removes (or a dry run would), by kind. */
export interface PurgeCounts {
  /** Responses older than the limit whose free text goes now. */
  responses: number;
  answers: number;
  translations: number;
  notes: number;
  quotes: number;
  excerpts: number;
  drafts: number;
  auditEntries: number;
  /** Responses older than the limit kept for a safeguarding concern still open. */
  heldBack: number;
}

export const purgeCountKeys = [
  "responses",
  "answers",
  "translations",
  "notes",
  "quotes",
  "excerpts",
  "drafts",
  "auditEntries",
  "heldBack",
] as const satisfies (keyof PurgeCounts)[];
