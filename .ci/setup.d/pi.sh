#!/usr/bin/env bash
# The Pi agent tests run the real pi (pinned like PiAgentOptions.Version) against the Sandbox's scripted model.
# PiAgentStep installs it itself when missing; installing here keeps that ~25 s out of the test run.
set -euo pipefail
version=0.73.1
package=@mariozechner/pi-coding-agent
root="${SPACE_FACTORY_PI_HOME:-$HOME/.cache/spacefactory/pi}/$version"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "pi.sh: Node.js >= 20.6 and npm are required (the Pi agent tests fail without them)" >&2
  exit 1
fi
node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<6)) { console.error("pi.sh: Node.js "+process.versions.node+" is older than 20.6"); process.exit(1) }'

if [ -x "$root/node_modules/.bin/pi" ] && grep -q "\"version\": \"$version\"" "$root/node_modules/$package/package.json" 2>/dev/null; then
  echo "pi $version already installed in $root"
  exit 0
fi
mkdir -p "$root"
npm install --prefix "$root" --no-audit --no-fund --loglevel=error "$package@$version"
echo "pi $version installed in $root"
