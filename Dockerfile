# syntax=docker/dockerfile:1
# Standpoint as a container: a cached Rust build, then the binary alone on a distroless runtime.
#
#   docker build -t standpoint .
#   docker run --rm -p 8080:8080 standpoint                       # the seed articles
#   docker run --rm -p 8080:8080 -v "$PWD/articles:/articles:ro" \
#     -e STANDPOINT_CORPUS=/articles standpoint                     # your own articles

ARG RUST_VERSION=1.95

# --- dependency recipe: changes only when Cargo.toml or Cargo.lock change -------------------
FROM rust:${RUST_VERSION}-slim-bookworm AS chef
RUN cargo install cargo-chef --locked --version 0.1.78
WORKDIR /build

FROM chef AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json

# --- build: dependencies from the recipe (cached layer), then the crate ----------------------
FROM chef AS builder
COPY --from=planner /build/recipe.json recipe.json
RUN cargo chef cook --release --bin standpoint --recipe-path recipe.json
COPY . .
RUN cargo build --release --locked --bin standpoint \
    && install -D -m 0755 target/release/standpoint /out/standpoint

# --- runtime: glibc and libgcc only, no shell, no package manager, no curl -------------------
FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=builder /out/standpoint /usr/local/bin/standpoint
COPY --chown=0:0 seeds /srv/seeds
# The seeds are the default corpus; mount your own folder read-only and point STANDPOINT_CORPUS
# at it (compose.yaml mounts ./articles on /articles).
ENV STANDPOINT_CORPUS=/srv/seeds \
    PORT=8080 \
    STANDPOINT_LOG_FORMAT=json \
    RUST_LOG=info
VOLUME ["/articles"]
WORKDIR /srv
# 65532 is distroless's "nonroot" user; numeric so that runtimes can verify it is not root.
USER 65532:65532
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["/usr/local/bin/standpoint", "healthcheck", "--timeout", "3"]
ENTRYPOINT ["/usr/local/bin/standpoint"]
CMD ["serve"]
