# Darkroom in a container: build the web app and native modules in one stage, run as a non-root user
# in a slim one. Data (SQLite + images) lives on the /data volume; migrations run at every start.
#   docker build -t darkroom .
#   docker run -d -p 8787:8787 -v darkroom-data:/data -e APP_PASSWORD=... -e PIXAZO_API_KEY_FILE=/run/secrets/pixazo darkroom
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx vite build && npm prune --omit=dev

FROM node:20-bookworm-slim
# Fonts for the text of exported comparison grids.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/* \
  && useradd --system --uid 10001 --home /app darkroom && mkdir -p /data && chown darkroom /data
WORKDIR /app
COPY --from=build --chown=darkroom /app /app
USER darkroom
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8787 DATA_DIR=/data
VOLUME /data
EXPOSE 8787
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s CMD node -e "fetch('http://127.0.0.1:8787/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--import", "tsx", "server/index.ts"]
