import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/** ISO 8601 timestamps stored as TEXT. */
type Timestamp = string;
type CreatedAt = ColumnType<Timestamp, Timestamp | undefined, never>;

/** Who answered a response: a parent or carer, or a young person. */
export const audiences = ["parent_carer", "young_person"] as const;
export type Audience = (typeof audiences)[number];
/** Who a survey is for; a survey for both asks each person which they are. */
export const surveyAudiences = [...audiences, "both"] as const;
export type SurveyAudience = (typeof surveyAudiences)[number];
export type SurveyStatus = "draft" | "open" | "closed";
export type QuestionKind = "single_choice" | "multiple_choice" | "agreement_scale" | "smiley_scale" | "free_text" | "yes_no";
export type QuestionSection = "main" | "about_you";

export interface SettingTable {
  key: string;
  value: string;
}

export interface ThemeTable {
  id: Generated<number>;
  slug: string;
  retired_at: Timestamp | null;
  created_at: CreatedAt;
  merged_into: number | null;
}

export interface ThemeTranslationTable {
  theme_id: number;
  lang: string;
  name: string;
  description: string | null;
}

export interface SurveyTable {
  id: Generated<number>;
  slug: string;
  audience: SurveyAudience;
  status: SurveyStatus;
  estimated_minutes: number;
  opens_at: Timestamp | null;
  closes_at: Timestamp | null;
  created_at: CreatedAt;
  /** Who runs the survey, as the public reads it ("Anytown Parent Carer Forum"). */
  run_by: string | null;
  /** Goes up when a change to a survey with responses would alter what a question asks. */
  version: Generated<number>;
  archived_at: Timestamp | null;
}

export interface SurveyThemeTable {
  survey_id: number;
  theme_id: number;
}

export interface SurveyVersionTable {
  survey_id: number;
  version: number;
  /** The survey file (SurveyDefinition JSON) as it stood at this version. */
  definition: string;
  replaced_at: Timestamp;
  replaced_by: number | null;
}

export interface SurveyTranslationTable {
  survey_id: number;
  lang: string;
  title: string;
  summary: string;
  description: string;
  privacy: string | null;
}

export interface QuestionTable {
  id: Generated<number>;
  survey_id: number;
  key: string;
  position: number;
  kind: QuestionKind;
  section: QuestionSection;
  required: number;
  max_length: number | null;
  theme_id: number | null;
  show_if_question_id: number | null;
  show_if_value: string | null;
  version: Generated<number>;
  /** Removed from the survey after it had answers: kept so the answers keep their question. */
  removed_at: Timestamp | null;
  /** 1 when shown on the same page as the question before it. */
  same_page: Generated<number>;
}

export interface QuestionTranslationTable {
  question_id: number;
  lang: string;
  text: string;
  hint: string | null;
}

export interface QuestionOptionTable {
  id: Generated<number>;
  question_id: number;
  value: string;
  position: number;
  exclusive: Generated<number>;
  /** Removed after it was chosen: kept so the answers keep their label. */
  retired_at: Timestamp | null;
}

export interface OptionTranslationTable {
  option_id: number;
  lang: string;
  label: string;
  /** Shown on an exit page when this option is chosen: "this survey is not for you, here is where to go". */
  exit_text: string | null;
}

export interface DraftTable {
  id: Generated<number>;
  survey_id: number;
  token_hash: string;
  resume_code_hash: string | null;
  lang: string;
  /** JSON object: question id → answer value (string, or string[] for multiple choice). */
  answers: string;
  response_id: number | null;
  /** The last question answered, in survey order, as the answers were last saved: where the person stopped. */
  last_answered_id: Generated<number | null>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  expires_at: Timestamp;
  /** The survey version it was started on, which it finishes on. */
  survey_version: Generated<number>;
  /** Who is answering, fixed when the draft starts. The app always names it. */
  audience: Audience;
  /** The last resume code given, hashed; resuming spends `resume_code_hash` but not this (decision 023). */
  given_code_hash: string | null;
  /** How a supporter is helping, when a supporter started the draft; never who. */
  support_kind: Generated<SupportKind | null>;
  /** For interpreting: the language the supporter named, as they wrote it. */
  support_language: Generated<string | null>;
  /** The outreach link it was started through, when that link was live (app/outreach/). */
  outreach_link_id: Generated<number | null>;
}

/** How a supporter helped someone answer (issue 18). */
export const supportKinds = ["reading_aloud", "interpreting", "typing", "pictures"] as const;
export type SupportKind = (typeof supportKinds)[number];

export type ResponseStatus = "new" | "in_review" | "done";
export type Role = "administrator" | "moderator" | "safeguarding_lead" | "supporter";
export type UserOrganisation = "council" | "pcf" | "other";

export interface ResponseTable {
  id: Generated<number>;
  survey_id: number;
  reference: string;
  lang: string;
  quote_consent: number;
  submitted_at: Timestamp;
  status: Generated<ResponseStatus>;
  version: Generated<number>;
  flagged: Generated<number>;
  possible_concern: Generated<number>;
  /** Who helped the respondent answer, if they said. */
  helped_by: HelpedBy | null;
  survey_version: Generated<number>;
  /** Who answered, from the draft; figures split by this, not by the survey's audience. */
  audience: Audience;
  /** The last resume code its draft was given, hashed: with the reference, it proves an erasure request (decision 023). */
  resume_code_hash: string | null;
  /** When the retention purge removed the words of its free-text answers (app/data-protection/retention.server.ts). */
  text_removed_at: Timestamp | null;
  /** How a supporter helped, from the draft; never who. */
  support_kind: Generated<SupportKind | null>;
  support_language: Generated<string | null>;
  /** The outreach link its draft was started through, if any: which route brought it, nothing about who. */
  outreach_link_id: Generated<number | null>;
}

export type ErasureSource = "respondent" | "moderator";
export type ErasureState = "waiting" | "done" | "refused";

/** A request to delete a response (UK GDPR Article 17): app/responses/erasure.server.ts. */
export interface ErasureRequestTable {
  id: Generated<number>;
  /** Set while the request waits; null once the response is deleted. */
  response_id: number | null;
  /** So the person can still learn, with their reference, what became of the request. */
  reference_hash: string;
  source: ErasureSource;
  /** 1 when the person gave the resume code that goes with the reference. */
  verified: Generated<number>;
  state: Generated<ErasureState>;
  requested_at: Timestamp;
  decided_by: number | null;
  decided_at: Timestamp | null;
  /** A moderator's reason for deleting or refusing. */
  reason: string | null;
}

export const helpers = ["none", "parent_carer", "teacher", "support_worker", "someone_else"] as const;
export type HelpedBy = (typeof helpers)[number];

export interface UserTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: Role;
  organisation: Generated<UserOrganisation>;
  password_hash: string;
  disabled_at: Timestamp | null;
  created_at: CreatedAt;
  /** The second factor's shared secret (base32), kept from when setting up starts. */
  totp_secret: string | null;
  /** When the second factor was confirmed with a first code; null while it is off. */
  totp_enabled_at: Timestamp | null;
  /** The last TOTP time step accepted, so that no code works twice. */
  totp_last_step: number | null;
  /** 1 after an administrator set a temporary password: it must be changed at the next sign-in. */
  must_change_password: Generated<number>;
}

/** What a session must still do before it is signed in (null: nothing). */
export type SignInStep = "second_factor" | "change_password" | "set_up_second_factor";

export interface RecoveryCodeTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  used_at: Timestamp | null;
}

export interface PasswordResetTable {
  token_hash: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface SessionTable {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  pending: SignInStep | null;
}

export interface ResponseThemeTable {
  response_id: number;
  theme_id: number;
  tagged_by: number | null;
  tagged_at: Timestamp;
}

/** Counted (not held) responses by the day they were sent. */
export interface ResponseCountTable {
  day: string;
  survey_id: number;
  audience: Audience;
  lang: string;
  n: number;
}

/** Counted responses by everything the moderation queue filters on, all time. */
export interface QueueCountTable {
  survey_id: number;
  audience: Audience;
  lang: string;
  status: ResponseStatus;
  /** 1 when the response has at least one moderator's tag. */
  tagged: number;
  n: number;
}

/**
 * Counted responses that raised each theme (a tag, or a structured answer to a question carrying
 * it), kept for each day ("2026-03-14") and each month ("2026-03"): see app/aggregates/spans.ts.
 */
export interface ThemeCountTable {
  span: string;
  theme_id: number;
  survey_id: number;
  audience: Audience;
  lang: string;
  n: number;
}

/** The queue's counts by theme, all time. */
export interface QueueThemeCountTable extends QueueCountTable {
  theme_id: number;
}

/** Answers of counted responses by question, day and month (as theme_counts), wording version and choice ('' for free text). */
export interface AnswerCountTable {
  question_id: number;
  span: string;
  question_version: number;
  choice: string;
  audience: Audience;
  lang: string;
  n: number;
}

export interface ResponseNoteTable {
  id: Generated<number>;
  response_id: number;
  user_id: number;
  body: string;
  created_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  user_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  /** JSON of the changed fields before and after; never a password, token or free-text answer. */
  before: string | null;
  after: string | null;
}

export interface AnswerTable {
  id: Generated<number>;
  response_id: number;
  question_id: number;
  choice: string | null;
  text: string | null;
  /** A moderator's English translation of a free-text answer, shown beside the original. */
  translation: string | null;
  translated_by: number | null;
  translated_at: Timestamp | null;
  /** Which wording of the question this answer was given to. */
  question_version: Generated<number>;
}

export type ConcernSource = "detected" | "person";
export type ConcernState = "new" | "looking" | "handed_over" | "closed";
export type ConcernDecision = "concern" | "not_concern";

/** A response held for a safeguarding lead: found by the detector or flagged by a person. */
export interface SafeguardingConcernTable {
  id: Generated<number>;
  response_id: number;
  source: ConcernSource;
  raised_by: number | null;
  raised_at: Timestamp;
  /** Why a person flagged it. */
  reason: string | null;
  /** JSON: what the detector matched, with the words around it ({ questionId, category, phrase, excerpt }[]). */
  matches: string | null;
  /** 1 is the most urgent. */
  urgency: Generated<number>;
  state: Generated<ConcernState>;
  looking_by: number | null;
  looking_since: Timestamp | null;
  decision: ConcernDecision | null;
  decided_by: number | null;
  decided_at: Timestamp | null;
  closed_by: number | null;
  closed_at: Timestamp | null;
  /** The reason it is not a concern, or what came of it when it was closed. */
  outcome: string | null;
}

export interface SafeguardingHandoverTable {
  id: Generated<number>;
  concern_id: number;
  handed_to: string;
  handed_over_on: string;
  action_taken: string;
  recorded_by: number;
  recorded_at: Timestamp;
}

export interface SafeguardingPhraseTable {
  lang: string;
  phrase: string;
  category: string;
  /** Null for the phrases shipped in db/seed/safeguarding/. */
  added_by: number | null;
  added_at: Timestamp | null;
}

/** Mail written in the same transaction as what it reports, sent and retried by a worker. */
export interface OutboxTable {
  id: Generated<number>;
  kind: string;
  recipient: string;
  /** JSON; never an answer's words. */
  payload: string;
  created_at: Timestamp;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  claimed_until: Timestamp | null;
  sent_at: Timestamp | null;
  last_error: string | null;
}

export type UpdateChannel = "email" | "sms";

/** Someone who asked to be told what changed: the address or number is encrypted (app/updates/contact-crypto.server.ts). */
export interface UpdateContactTable {
  id: Generated<number>;
  response_id: number;
  channel: UpdateChannel;
  contact: string;
  lang: string;
  /** Unsubscribes, from the link in each message. */
  token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  /** Changes up to this moment have been told. */
  notified_until: Timestamp;
  last_sent_at: Timestamp | null;
}

/** One update sent: its token opens "Can you see what was done?". */
export interface UpdateMessageTable {
  id: Generated<number>;
  response_id: number;
  token: string;
  created_at: Timestamp;
}

export interface UpdateAnswerTable {
  response_id: number;
  answer: "yes" | "no";
  answered_at: Timestamp;
}

export interface QuoteTable {
  id: Generated<number>;
  answer_id: number;
  response_id: number;
  /** The redacted words; the original answer is kept unchanged in `answers`. */
  text: string;
  lang: string;
  created_by: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Set when enough people have approved: only then may the quote be published. */
  approved_at: Timestamp | null;
  /** English words beside a quote published in its original language. */
  translation: string | null;
}

export interface QuoteThemeTable {
  quote_id: number;
  theme_id: number;
}

export interface QuoteApprovalTable {
  quote_id: number;
  user_id: number;
  organisation: string;
  approved_at: Timestamp;
}

export type ActionStatus = "planned" | "in_progress" | "done" | "not_possible";
export type ActionPartner = "council" | "nhs" | "school" | "pcf" | "other";

export interface PeriodTable {
  id: Generated<number>;
  slug: string;
  /** Inclusive, YYYY-MM-DD. A period is public from its first day (London time). */
  starts_on: string;
  ends_on: string;
  /** Set when the period is closed: nothing new is added to it, and what is in it stays public. */
  closed_at: string | null;
}

export interface PeriodTranslationTable {
  period_id: number;
  lang: string;
  name: string;
}

export interface ActionTable {
  id: Generated<number>;
  owner: string;
  partner: ActionPartner;
  due_on: string;
  status: Generated<ActionStatus>;
  period_id: number | null;
  version: Generated<number>;
  created_by: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/**
 * An action's words in one language. English is complete; in a translation a blank title,
 * description or measure (and a null reason or impact) is not translated yet, and readers get the
 * English words (app/translations/local-text.ts).
 */
export interface ActionTextTable {
  action_id: number;
  lang: string;
  title: string;
  description: string;
  measure: string;
  status_reason: string | null;
  impact: string | null;
}

export interface ActionThemeTable {
  action_id: number;
  theme_id: number;
}

export interface ActionSurveyTable {
  action_id: number;
  survey_id: number;
}

export interface ActionUpdateTable {
  id: Generated<number>;
  action_id: number;
  lang: string;
  body: string;
  update_on: string;
  created_by: number;
  created_at: Timestamp;
}

/** A progress update's words in another language than the one it was written in. */
export interface ActionUpdateTextTable {
  update_id: number;
  lang: string;
  body: string;
}

export interface ActionStatusHistoryTable {
  id: Generated<number>;
  action_id: number;
  from_status: ActionStatus | null;
  to_status: ActionStatus;
  reason: string | null;
  changed_by: number;
  changed_at: Timestamp;
}

export interface StatementTable {
  id: Generated<number>;
  theme_id: number;
  period_id: number;
  version: Generated<number>;
  created_by: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StatementTextTable {
  statement_id: number;
  lang: string;
  summary: string;
}

export interface StatementQuoteTable {
  statement_id: number;
  quote_id: number;
}

export type PublishedEntity = "statement" | "action";

export interface PublicationTable {
  entity: PublishedEntity;
  entity_id: number;
  requested_by: number | null;
  requested_at: Timestamp | null;
  published_by: number | null;
  published_at: Timestamp | null;
  unpublished_at: Timestamp | null;
  unpublish_reason: string | null;
}

export interface CorrectionTable {
  id: Generated<number>;
  entity: PublishedEntity;
  entity_id: number;
  note: string;
  corrected_by: number;
  corrected_at: Timestamp;
}

export interface Database {
  settings: SettingTable;
  themes: ThemeTable;
  theme_translations: ThemeTranslationTable;
  surveys: SurveyTable;
  survey_translations: SurveyTranslationTable;
  survey_themes: SurveyThemeTable;
  survey_versions: SurveyVersionTable;
  questions: QuestionTable;
  question_translations: QuestionTranslationTable;
  question_options: QuestionOptionTable;
  option_translations: OptionTranslationTable;
  drafts: DraftTable;
  responses: ResponseTable;
  answers: AnswerTable;
  users: UserTable;
  sessions: SessionTable;
  recovery_codes: RecoveryCodeTable;
  password_resets: PasswordResetTable;
  response_themes: ResponseThemeTable;
  response_notes: ResponseNoteTable;
  erasure_requests: ErasureRequestTable;
  audit_log: AuditLogTable;
  safeguarding_concerns: SafeguardingConcernTable;
  safeguarding_concern_handovers: SafeguardingHandoverTable;
  safeguarding_phrases: SafeguardingPhraseTable;
  quotes: QuoteTable;
  quote_themes: QuoteThemeTable;
  quote_approvals: QuoteApprovalTable;
  periods: PeriodTable;
  period_translations: PeriodTranslationTable;
  actions: ActionTable;
  action_texts: ActionTextTable;
  action_themes: ActionThemeTable;
  action_surveys: ActionSurveyTable;
  action_updates: ActionUpdateTable;
  action_update_texts: ActionUpdateTextTable;
  action_status_history: ActionStatusHistoryTable;
  statements: StatementTable;
  statement_texts: StatementTextTable;
  statement_quotes: StatementQuoteTable;
  publications: PublicationTable;
  corrections: CorrectionTable;
  outbox: OutboxTable;
  update_contacts: UpdateContactTable;
  update_messages: UpdateMessageTable;
  update_answers: UpdateAnswerTable;
  rate_limits: RateLimitTable;
  known_devices: KnownDeviceTable;
  sign_in_failures: SignInFailureTable;
  revisions: RevisionTable;
  populations: PopulationTable;
  population_dimensions: PopulationDimensionTable;
  population_groups: PopulationGroupTable;
  population_uploads: PopulationUploadTable;
  population_upload_groups: PopulationUploadGroupTable;
  population_questions: PopulationQuestionTable;
  suggestion_terms: SuggestionTermTable;
  suggestion_docs: SuggestionDocTable;
  suggestion_languages: SuggestionLanguageTable;
  response_counts: ResponseCountTable;
  queue_counts: QueueCountTable;
  theme_counts: ThemeCountTable;
  queue_theme_counts: QueueThemeCountTable;
  answer_counts: AnswerCountTable;
  cache_generations: CacheGenerationTable;
  theme_merges: ThemeMergeTable;
  scheduled_jobs: ScheduledJobTable;
  outreach_links: OutreachLinkTable;
  outreach_counts: OutreachCountTable;
  spoken_answers: SpokenAnswerTable;
  spoken_audio: SpokenAudioTable;
}

export const outreachKinds = ["school", "family_hub", "clinic", "forum_event", "local_offer", "newsletter", "other"] as const;
export type OutreachKind = (typeof outreachKinds)[number];

/** A place a survey is shared, with the short code of its `/s/<code>` address (app/outreach/). */
export interface OutreachLinkTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: OutreachKind;
  survey_id: number;
  /** While set, the link still opens the survey but records nothing. */
  paused_at: Timestamp | null;
  created_by: number | null;
  created_at: CreatedAt;
}

/** Counted (not held) responses by the outreach link that brought them, day sent, audience and language. */
export interface OutreachCountTable {
  outreach_link_id: number;
  day: string;
  audience: Audience;
  lang: string;
  n: number;
}

/** A job of the scheduled work, shared by every instance (server/scheduled-jobs.ts). */
export interface ScheduledJobTable {
  name: string;
  /** The process running it, or that last ran it: `host:pid:random`. */
  holder: string;
  /** Until then nobody else may start it; renewed while it runs. */
  held_until: string;
  next_run_at: string;
  runs: Generated<number>;
  last_finished_at: string | null;
}

/** A theme merge under way (app/moderation/merges.server.ts): responses up to `through_response_id` count for `into_id`. */
export interface ThemeMergeTable {
  theme_id: number;
  into_id: number;
  through_response_id: Generated<number>;
  tags_moved: Generated<number>;
  started_by: number | null;
  started_at: Timestamp;
}

/** How many times what a process cache holds has changed (app/utils/cache.server.ts). */
export interface CacheGenerationTable {
  name: string;
  generation: number;
}

export type RevisionDecision = "approved" | "withdrawn" | "replaced";
export type RevisedEntity = PublishedEntity | "theme" | "quote";

/** A change to a published statement or action, or to a theme's name, waiting for a second person. */
export interface RevisionTable {
  id: Generated<number>;
  entity: RevisedEntity;
  entity_id: number;
  /** What kind of change: "details", "status" or "update". */
  kind: string;
  /** JSON of the change, as the form gave it. */
  payload: string;
  /** The correction note the public will read, or a short description of the change. */
  note: string;
  requested_by: number;
  requested_at: Timestamp;
  decision: RevisionDecision | null;
  decided_by: number | null;
  decided_at: Timestamp | null;
}

/** rate-limiter-flexible's SQL layout: points used in the window, which ends at `expire` (ms). */
export interface RateLimitTable {
  key: string;
  points: number;
  expire: number | null;
}

export interface KnownDeviceTable {
  token_hash: string;
  user_id: number;
  created_at: Timestamp;
  last_used_at: Timestamp;
}

export interface SignInFailureTable {
  /** The normalised email address of an existing account, or "unknown account". */
  account: string;
  /** The hour, as an ISO timestamp cut to the hour. */
  hour: string;
  failures: number;
  /** JSON array of the addresses the failures came from (at most 20 kept). */
  addresses: string;
}

export type Survey = Selectable<SurveyTable>;
export type NewSurvey = Insertable<SurveyTable>;
export type SurveyUpdate = Updateable<SurveyTable>;
export type Question = Selectable<QuestionTable>;
export type NewQuestion = Insertable<QuestionTable>;
export type Draft = Selectable<DraftTable>;
export type NewDraft = Insertable<DraftTable>;
export type DraftUpdate = Updateable<DraftTable>;
export type Response = Selectable<ResponseTable>;
export type NewResponse = Insertable<ResponseTable>;
export type NewAnswer = Insertable<AnswerTable>;
export type Theme = Selectable<ThemeTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;

/** Theme suggestions (app/moderation/suggestions.server.ts): tagged responses in a language with a term, by theme. */
export interface SuggestionTermTable {
  lang: string;
  term: string;
  theme_id: number;
  n: number;
}

/** Tagged responses in a language carrying a theme, and how many terms they have between them. */
export interface SuggestionDocTable {
  lang: string;
  theme_id: number;
  n: number;
  terms: number;
}

/** How many different terms a language's suggestion model knows. */
export interface SuggestionLanguageTable {
  lang: string;
  vocabulary: number;
}

/** The breakdowns of the local SEN population that "about you" answers are compared with (docs/population.md). */
export const populationDimensions = ["sen_provision", "primary_need", "phase", "ethnicity", "first_language", "age", "sex"] as const;
export type PopulationDimension = (typeof populationDimensions)[number];

/** A period's local population of pupils with SEN, for one local authority. */
export interface PopulationTable {
  id: Generated<number>;
  period_id: number;
  la_name: string;
  /** new_la_code ("E06000001") when the file gave it. */
  la_code: string | null;
  updated_by: number | null;
  updated_at: Timestamp;
}

/** One breakdown of a population, and the file and year it came from. */
export interface PopulationDimensionTable {
  population_id: number;
  dimension: PopulationDimension;
  file_name: string;
  /** As the file writes it: "202526" for 2025/26. */
  time_period: string;
  uploaded_by: number | null;
  uploaded_at: Timestamp;
}

export interface PopulationGroupTable {
  population_id: number;
  dimension: PopulationDimension;
  group_key: string;
  /** Null when the file did not publish the count (c, low, x, z). */
  pupil_count: number | null;
}

/** A file read but not stored yet: every local authority and year in it, until one is picked. */
export interface PopulationUploadTable {
  id: Generated<number>;
  period_id: number;
  file_name: string;
  rows_read: number;
  uploaded_by: number;
  uploaded_at: Timestamp;
}

export interface PopulationUploadGroupTable {
  upload_id: number;
  la_name: string;
  la_code: string | null;
  time_period: string;
  dimension: PopulationDimension;
  group_key: string;
  pupil_count: number | null;
}

/** An "about you" question whose answers are compared with a breakdown of the population. */
export interface PopulationQuestionTable {
  question_id: number;
  dimension: PopulationDimension;
}

/** A recording made for a free-text question: a draft's until it is sent, then its response's (issue 18). */
export interface SpokenAnswerTable {
  id: Generated<number>;
  draft_id: number | null;
  response_id: number | null;
  question_id: number;
  /** The wording of the question it answers, as the answer typed up from it will say. */
  question_version: number;
  /** What the content was found to be (from its bytes, never its name). */
  mime_type: string;
  byte_size: number;
  /** Read from the container where it says; null when it does not. */
  duration_ms: number | null;
  created_at: Timestamp;
  transcribed_by: number | null;
  transcribed_at: Timestamp | null;
  /** When its bytes were deleted: typed up, or the retention purge. */
  audio_removed_at: Timestamp | null;
}

/** The bytes of a recording, kept apart so deleting them leaves the small row. */
export interface SpokenAudioTable {
  spoken_answer_id: number;
  bytes: Buffer;
}
