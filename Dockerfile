# Kairyluu in a container: one static-ish binary on Debian slim, SQLite by default.
# Build:  docker build -t kairyluu .
# Run:    docker run -e TELOXIDE_TOKEN=… -e DATABASE_URL=postgres://… kairyluu
# (long polling: run one container per bot token). No Docker engine runs on the development
# machines, so this file is not built in CI.
FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked -p kairyluu

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --home-dir /data kairyluu
COPY --from=build /src/target/release/kairyluu /usr/local/bin/kairyluu
USER kairyluu
WORKDIR /data
ENV DATABASE_URL=sqlite:///data/kairyluu.db
ENTRYPOINT ["kairyluu"]
CMD ["serve"]
