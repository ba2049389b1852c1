# Loa on Node in a container: the production bundle (dist/node, no TypeScript compiled at run
# time), run as the unprivileged `node` user, the database and its backups on the /data volume,
# health from GET /healthz.
#   docker build -t loa .
#   docker run -d --name loa -p 127.0.0.1:8787:8787 --env-file .env -v loa-data:/data loa
# Operator scripts in the running container: docker exec loa node dist/node/db-backup.js
# (also migrate.js, db-restore.js, officials.js, zalo-token.js, telegram-webhook.js).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY . .
RUN node scripts/build.mjs

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8787 \
    DATABASE_URL=file:/data/loa.db \
    BACKUP_DIR=/data/backups
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/node ./dist/node
RUN mkdir -p /data/backups && chown -R node:node /data
VOLUME ["/data"]
USER node
EXPOSE 8787
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8787) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "dist/node/server.js"]
