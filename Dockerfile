# syntax=docker/dockerfile:1
# The portal's image (docs/deploy.md). Build: docker build -t you-said-we-did .
# One image serves requests (the default command), runs the migrations (npm run db:migrate) and
# takes backups (npm run backup, with pg_dump on PostgreSQL).

# ---- build: every dependency, then the production build ----
FROM node:20-bookworm-slim AS build
# better-sqlite3 compiles itself when no prebuilt binary fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# `npm install`, not `npm ci`: the lockfile lists no optional packages for other platforms (.ci/run).
# It keeps to the versions in package-lock.json.
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
# The build; then only the production dependencies stay, and no download cache (vnu-jar, a test tool, fetches a Java runtime into it).
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf node_modules/.cache

# ---- run: production dependencies only, as a user who cannot change the code ----
FROM node:20-bookworm-slim AS run
# pg_dump must be at least as new as the PostgreSQL server it backs up, and Debian bookworm's own is
# 15: the client comes from the PostgreSQL project's apt repository. 17 backs up servers 14 to 17.
ARG POSTGRES_CLIENT_VERSION=17
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && install -d /usr/share/postgresql-common/pgdg \
 && curl -fsSL -o /usr/share/postgresql-common/pgdg/apt.postgresql.org.asc https://www.postgresql.org/media/keys/ACCC4CF8.asc \
 && echo "deb [signed-by=/usr/share/postgresql-common/pgdg/apt.postgresql.org.asc] https://apt.postgresql.org/pub/repos/apt bookworm-pgdg main" \
    > /etc/apt/sources.list.d/pgdg.list \
 && apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client-${POSTGRES_CLIENT_VERSION} \
 && apt-get purge -y --auto-remove curl \
 && rm -rf /var/lib/apt/lists/*

ENV NODE_ENV=production
WORKDIR /app
# What the server reads at run time: its build, public/ (the browser's assets, fonts, pictures) and
# locales/. app/, db/ and tsconfig.json are for the command line (db/cli.ts runs through tsx, a
# dependency): migrations, backups, user:create. The files stay root's: the server only reads them.
COPY --from=build /app/package.json /app/package-lock.json /app/tsconfig.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/build ./build
COPY --from=build /app/public ./public
COPY --from=build /app/locales ./locales
COPY --from=build /app/app ./app
COPY --from=build /app/db ./db
# The one folder the portal writes to: the SQLite file when there is no DATABASE_URL, and BACKUP_DIR.
RUN mkdir -p data/backups && chown -R node:node data

# `node` (uid 1000) comes with the base image.
USER node
EXPOSE 3000
# /healthz answers 200 when this process answers and can query its database.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "build/server.js"]
