# The explorer binary with native Graphviz (PNG/PDF rendering).
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o /out/explorer ./cmd/explorer

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends graphviz ca-certificates wget \
    && rm -rf /var/lib/apt/lists/* && useradd --system --uid 10001 explorer
COPY --from=build /out/explorer /usr/local/bin/explorer
COPY seed.cypher /srv/seed.cypher
USER explorer
EXPOSE 8080
ENTRYPOINT ["explorer"]
CMD ["serve", "--addr", "0.0.0.0:8080", "--public"]
