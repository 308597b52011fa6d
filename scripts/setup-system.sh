#!/usr/bin/env bash
# Installs the system packages the browser tests and benchmarks drive: Debian's
# chromium (never a browser download). Idempotent; used by `npm test` set-up and CI.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
echo "Installing Debian chromium for the browser tests..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-liberation >/dev/null
command -v chromium >/dev/null || { echo "chromium is still missing after apt-get install" >&2; exit 1; }
