# The production install in a container: the same steps as the tested path
# (scripts/production-check.ts, README « Deploy »): the repository's files, `npm ci --omit=dev`
# (its postinstall generates the Prisma client offline, scripts/prisma.sh, and compiles the app into
# dist/main.js, scripts/build.mjs), `node --enable-source-maps dist/main.js` as a non-root user. Configuration from the environment (README « Configuration »).
FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY . .
# As root, so the code and dependencies stay read-only for the app's user.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# The `node` user of the official image; it only needs to write PGlite's directory (pilots without DATABASE_URL).
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# HTTP mode serves /healthz and /readyz on PORT (Socket Mode: set HEALTH_PORT and probe it instead).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# node itself (not npm) receives SIGTERM and stops cleanly.
CMD ["node", "--enable-source-maps", "dist/main.js"]
