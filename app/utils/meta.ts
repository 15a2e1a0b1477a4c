import type { MetaDescriptor } from "@remix-run/node";

interface RootTitles {
  serviceName: string;
  errorPrefix: string;
}

type Match = { id: string; data: unknown };

/** "Title – You said, we did", with "Error: " in front when the form on the page has errors. */
export function pageTitle(matches: Match[], title: string | undefined): MetaDescriptor[] {
  const root = matches.find((match) => match.id === "root")?.data as { titles: RootTitles; formErrors: boolean } | undefined;
  if (!root) return [{ title: title ?? "" }];
  const full = title ? `${title} – ${root.titles.serviceName}` : root.titles.serviceName;
  return [{ title: root.formErrors ? `${root.titles.errorPrefix} ${full}` : full }];
}
