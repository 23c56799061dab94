#!/usr/bin/env bash
# Makes a container engine available to Testcontainers and prints the environment to use it.
# Docker, when an engine answers, is used as it is. Otherwise podman is installed and
# configured as ENVIRONMENT.md describes: a Debian base image made with debootstrap, a
# stand-in for postgres:15 built on it, and podman's Docker-compatible API on a socket.
# Usage: eval "$(scripts/container-engine/ensure.sh)"   (progress goes to stderr)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
say() { echo "[container-engine] $*" >&2; }

if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  say "a Docker engine answers; Testcontainers uses it"
  exit 0
fi

state=${SIGNET_PODMAN_STATE:-/var/tmp/signet-podman}
mkdir -p "$state"
export CONTAINERS_CONF="$here/containers.conf"

missing=()
# podman-compose: ContainerSmokeIT starts the multi-instance set-up of deploy/compose with it
for tool in podman runc debootstrap podman-compose; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  say "no Docker engine; installing podman (${missing[*]} missing) with apt-get"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman runc debootstrap podman-compose >&2
fi

if ! podman image exists localhost/debian:bookworm; then
  say "building the base image localhost/debian:bookworm with debootstrap (about 30 s)"
  rootfs=$(mktemp -d)
  debootstrap --variant=minbase bookworm "$rootfs" >&2
  tar -C "$rootfs" -c . | podman import - localhost/debian:bookworm >&2
  rm -rf "$rootfs"
fi

postgres_image=docker.io/library/postgres:15
fingerprint=$(cat "$here/postgres.Containerfile" "$here/postgres-entrypoint.sh" | sha256sum | cut -c1-16)
if [ "$(podman image inspect --format '{{ index .Labels "signet.fingerprint" }}' "$postgres_image" 2>/dev/null)" != "$fingerprint" ]; then
  say "building the PostgreSQL 15 stand-in image $postgres_image from Debian packages (about 30 s)"
  podman build --network=host --label "signet.fingerprint=$fingerprint" -t "$postgres_image" \
    -f "$here/postgres.Containerfile" "$here" >&2
fi

socket="$state/podman.sock"
answers() { curl -sf --unix-socket "$socket" http://d/_ping >/dev/null 2>&1; }
wait_for_answer() {
  for _ in $(seq 1 50); do answers && return 0; sleep 0.2; done
  return 1
}
if ! answers; then
  # One service per socket: a second one started on the socket of a busy first one made container
  # starts fail ("write child: broken pipe"). A service that is there gets time to answer; one that
  # still does not is stopped before a new one starts.
  running=$(pgrep -f "podman system service --time=0 unix://$socket" || true)
  if [ -n "$running" ] && ! wait_for_answer; then
    say "podman's API on $socket does not answer; stopping it (pid $running)"
    kill $running 2>/dev/null || true
    sleep 1
    running=
  fi
  if [ -z "$running" ]; then
    say "starting podman's Docker-compatible API on $socket"
    rm -f "$socket"
    nohup podman system service --time=0 "unix://$socket" >"$state/service.log" 2>&1 &
    wait_for_answer || { say "podman API did not come up; see $state/service.log"; exit 1; }
  fi
fi
# Containers left by a JVM that was killed: they would only hold ports and memory.
podman ps -aq --filter label=org.testcontainers=true | xargs -r podman rm -f -v >/dev/null 2>&1 || true

echo "export CONTAINERS_CONF='$CONTAINERS_CONF'"
echo "export DOCKER_HOST='unix://$socket'"
echo "export TESTCONTAINERS_RYUK_DISABLED=true"
echo "export TESTCONTAINERS_HOST_OVERRIDE=localhost"
