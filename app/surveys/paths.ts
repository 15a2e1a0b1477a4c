export const surveyPaths = (slug: string) => ({
  start: `/surveys/${slug}`,
  question: (key: string, returnToCheck = false) => `/surveys/${slug}/questions/${key}${returnToCheck ? "?return=check" : ""}`,
  check: `/surveys/${slug}/check`,
  consent: `/surveys/${slug}/consent`,
  confirmation: `/surveys/${slug}/confirmation`,
  saved: `/surveys/${slug}/saved`,
  exit: (key: string) => `/surveys/${slug}/exit/${key}`,
});
