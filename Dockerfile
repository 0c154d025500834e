# vitrine in an image: compiled from source against musl (a static binary), then copied
# alone into a small Alpine runtime that adds only curl (which `vitrine check --external`
# uses) and the CA certificates. The entry point is vitrine itself:
#
#   docker build --build-arg VITRINE_COMMIT="$(git rev-parse --short=12 HEAD)" -t vitrine .
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/site" vitrine build
#
# .git is not sent to the build (see .dockerignore): VITRINE_COMMIT tells `vitrine
# --version` which commit it is; without it the version says "unknown commit".

FROM rust:1-alpine AS build
RUN apk add --no-cache musl-dev gcc
WORKDIR /src
COPY . .
ARG VITRINE_COMMIT=""
ENV VITRINE_COMMIT=${VITRINE_COMMIT} \
    CARGO_PROFILE_RELEASE_DEBUG=0 \
    CARGO_PROFILE_RELEASE_STRIP=symbols
RUN cargo build --release --locked && cp target/release/vitrine /usr/local/bin/vitrine

FROM alpine:3.20
RUN apk add --no-cache curl ca-certificates
COPY --from=build /usr/local/bin/vitrine /usr/local/bin/vitrine
WORKDIR /site
ENTRYPOINT ["vitrine"]
CMD ["--help"]
