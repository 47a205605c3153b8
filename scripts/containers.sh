#!/usr/bin/env bash
# Provisions what the container tests need on a bare Debian machine, as root: Docker Engine (Debian's docker.io),
# a running daemon (started here when none answers), and the base image mproc-base:bookworm-jdk17-2 (JRE 17,
# procps, tini), built with
# debootstrap and `docker import` because no image registry is reachable. Idempotent; the image is built once.
# Prints nothing but progress on stderr; exits non-zero with a reason when containers cannot run here.
set -euo pipefail
IMAGE=${MPROC_BASE_IMAGE:-mproc-base:bookworm-jdk17-2}
log() { echo "containers: $*" >&2; }

if [ "$(id -u)" != 0 ]; then
  log "not root: cannot install or start Docker here"
  exit 3
fi
if ! command -v dockerd >/dev/null 2>&1 || ! command -v debootstrap >/dev/null 2>&1; then
  log "installing docker.io and debootstrap"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q --no-install-recommends docker.io debootstrap >&2
fi
if ! docker info >/dev/null 2>&1; then
  log "starting dockerd (no bridge, no iptables: containers run with network mode none)"
  nohup dockerd --iptables=false --bridge=none > /tmp/mproc-dockerd.log 2>&1 &
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    sleep 1
  done
  if ! docker info >/dev/null 2>&1; then
    log "dockerd did not come up; see /tmp/mproc-dockerd.log"
    exit 4
  fi
fi
if ! docker image inspect "$IMAGE" >/dev/null 2>&1; then
  root=$(mktemp -d /tmp/mproc-rootfs.XXXXXX)
  log "building $IMAGE with debootstrap (a few minutes, once)"
  debootstrap --variant=minbase --include=openjdk-17-jre-headless,procps,tini bookworm "$root" >&2
  tar -C "$root" -c . | docker import - "$IMAGE" >&2
  rm -rf "$root"
fi
log "ready: $(docker version --format '{{.Server.Version}}' 2>/dev/null), image $IMAGE"
