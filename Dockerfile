# Builds the server and the CLI, then ships them with the migrations on a slim runtime.
FROM swift:6.1-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libpq-dev pkg-config && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
COPY bench ./bench
RUN swift build -c release --product unionhall && swift build -c release --product unionctl \
    && mkdir -p /app/bin && cp "$(swift build -c release --show-bin-path)"/unionhall "$(swift build -c release --show-bin-path)"/unionctl /app/bin/

FROM swift:6.1-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /app unionhall
COPY --from=build /app/bin /app/bin
COPY sql /app/sql
ENV PATH=/app/bin:$PATH UNIONHALL_MIGRATIONS=/app/sql/migrations UNIONHALL_HOST=0.0.0.0 UNIONHALL_PORT=8080
USER unionhall
EXPOSE 8080
# Migrations are idempotent and take an advisory lock, so every start may run them.
CMD ["sh", "-c", "unionctl migrate && exec unionhall serve"]
