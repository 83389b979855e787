# syntax=docker/dockerfile:1
# The service's image for those who build their own with Docker or Podman (`docker build -t todo:0.1.0-SNAPSHOT .`).
# The project's own image is built without a container engine by `./mvnw -Pimage package` (Jib, todo-image/); this
# one is the same in substance: the distribution archive (a jlink runtime, the jars, an AOT cache, bin/todo) run as
# user 10001, on Debian instead of an empty base. See docs/operations.md and docs/adr/0032.

# 1. The distribution archive, built from this source tree with a JDK 25 (tests are the CI's job, not the image's).
#    The AOT training run starts the embedded PostgreSQL; as root without a user namespace it runs as nobody.
FROM eclipse-temurin:25-jdk AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl util-linux \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -Pdist -DskipTests package \
 && mkdir /opt/todo \
 && tar -xzf todo-app/target/todo-*-linux-x64.tar.gz -C /opt/todo --strip-components=1 \
 && test -s /opt/todo/todo.aot

# 2. The runtime: glibc and a shell from Debian, the archive in /opt/todo, a user of its own, no JDK.
FROM debian:bookworm-slim
RUN groupadd --gid 10001 todo \
 && useradd --uid 10001 --gid 10001 --home-dir /home/todo --create-home --shell /usr/sbin/nologin todo \
 && mkdir -p /data \
 && chown 10001:10001 /data
COPY --from=build /opt/todo /opt/todo
ENV PATH=/opt/todo/bin:$PATH \
    LANG=C.UTF-8 \
    TODO_DATA_DIR=/data/postgres
USER 10001:10001
WORKDIR /home/todo
VOLUME /data
EXPOSE 8080
# `todo health` asks the service on PORT for GET /health: 0 for 200, else 1 (the image has no curl).
HEALTHCHECK --interval=30s --timeout=10s --start-period=90s --retries=3 CMD ["/opt/todo/bin/todo", "health"]
ENTRYPOINT ["/opt/todo/bin/todo"]
