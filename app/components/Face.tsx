const mouths: Record<string, string> = {
  really_good: "M13 27 Q24 40 35 27",
  good: "M15 29 Q24 35 33 29",
  okay: "M15 31 L33 31",
  bad: "M15 33 Q24 27 33 33",
  really_bad: "M13 35 Q24 24 35 35",
};

/** A simple face for the smiley scale. Decorative: the text label beside it says the same thing. */
export function Face({ mood }: { mood: string }) {
  return (
    <svg className={`app-face app-face--${mood}`} viewBox="0 0 48 48" width="48" height="48" aria-hidden="true" focusable="false">
      <circle cx="24" cy="24" r="21" className="app-face__head" />
      <circle cx="17" cy="19" r="2.6" className="app-face__feature" />
      <circle cx="31" cy="19" r="2.6" className="app-face__feature" />
      <path d={mouths[mood] ?? mouths.okay} className="app-face__mouth" />
    </svg>
  );
}
