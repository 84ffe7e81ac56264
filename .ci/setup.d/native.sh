#!/usr/bin/env bash
# Debian's clang and zlib1g-dev: NativeAOT on Linux links the CLI's native binary with clang against zlib
# (`.ci/run` publishes the CLI as NativeAOT and smoke-runs it; docs/native.md).
set -euo pipefail
if command -v clang >/dev/null && [ -e /usr/include/zlib.h ]; then
  echo "clang, zlib1g-dev: present ($(clang --version | head -1))"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends clang zlib1g-dev
clang --version | head -1
