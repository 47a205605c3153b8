#!/usr/bin/env bash
# Installs what building and testing mproc needs on a bare Debian machine (JDK 17, Maven), when missing.
# Idempotent and quiet when everything is there; needs root only when something must be installed.
set -euo pipefail
missing=()
command -v mvn >/dev/null 2>&1 || missing+=(maven)
if ! command -v javac >/dev/null 2>&1 || ! javac -version 2>&1 | grep -qE 'javac (1[7-9]|[2-9][0-9])\.'; then
  missing+=(openjdk-17-jdk-headless)
fi
command -v mkfifo >/dev/null 2>&1 || missing+=(coreutils)
if ((${#missing[@]})); then
  if [ "$(id -u)" != 0 ]; then
    echo "mproc needs: ${missing[*]} (run as root, or install them yourself)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
