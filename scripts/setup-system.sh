#!/usr/bin/env bash
# Installs the system packages the checks drive, from Debian: chromium for the browser
# tests and benchmarks (never a browser download), and a Java runtime for Salesforce Code
# Analyzer's PMD engine. Idempotent; run by `npm test` and CI.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium fonts-liberation)
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
echo "Installing Debian packages: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
command -v chromium >/dev/null || { echo "chromium is still missing after apt-get install" >&2; exit 1; }
command -v java >/dev/null || { echo "java is still missing after apt-get install" >&2; exit 1; }
