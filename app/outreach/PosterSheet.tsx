import type { Poster } from "./poster.server";

/** The QR code, named by the address it opens so a screen reader says what it is. */
function Qr({ poster, className }: { poster: Poster; className: string }) {
  return <div className={className} role="img" aria-label={poster.address.short} dangerouslySetInnerHTML={{ __html: poster.qr }} />;
}

/** An A4 poster: the survey's title, who it is for, how long it takes, the QR code and the short address in large type. */
export function PosterSheet({ poster }: { poster: Poster }) {
  return (
    <article className="app-poster" lang={poster.lang} dir={poster.dir} aria-labelledby="poster-title">
      <p className="app-poster__cta">{poster.cta}</p>
      <h2 className="app-poster__title" id="poster-title">
        {poster.title}
      </h2>
      <p className="app-poster__summary">{poster.summary}</p>
      <ul className="app-poster__facts">
        <li>{poster.forWhom}</li>
        <li>{poster.time}</li>
        <li>{poster.anonymous}</li>
      </ul>
      <div className="app-poster__how">
        <div>
          <p className="app-poster__step">{poster.scan}</p>
          <Qr poster={poster} className="app-poster__qr" />
        </div>
        <div>
          <p className="app-poster__step">{poster.type}</p>
          <p className="app-poster__address" dir="ltr">
            {poster.address.short}
          </p>
        </div>
      </div>
    </article>
  );
}

/** Pocket cards, eight to an A4 sheet for cutting out: the title, who it is for, the time, the QR code and the address. */
export function CardSheet({ poster }: { poster: Poster }) {
  return (
    <div className="app-cards" lang={poster.lang} dir={poster.dir}>
      <h2 className="govuk-visually-hidden">{poster.title}</h2>
      {Array.from({ length: 8 }, (_, index) => (
        <div className="app-card" key={index}>
          <div className="app-card__text">
            <p className="app-card__title">{poster.title}</p>
            <p className="app-card__facts">
              {poster.forWhom}
              <br />
              {poster.time}
            </p>
            <p className="app-card__address" dir="ltr">
              {poster.address.short}
            </p>
          </div>
          <Qr poster={poster} className="app-card__qr" />
        </div>
      ))}
    </div>
  );
}
