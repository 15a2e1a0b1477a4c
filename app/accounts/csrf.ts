/** The hidden field every state-changing staff form carries (checked by requireCsrf). */
export const CSRF_FIELD = "csrf";
