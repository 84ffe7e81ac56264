#!/usr/bin/env bash
# The Pi agent tests run the real pi (pinned like PiAgentOptions.Version) against the Sandbox's scripted model.
# PiAgentStep installs it itself when missing; installing here keeps that ~25 s out of the test run. Both install from
# the same shipped lock (src/SpaceFactory.Phases/Agents/PiLock): npm ci, integrity hashes, install scripts off, and
# no secrets in npm's environment.
set -euo pipefail
lock="$(cd "$(dirname "$0")/../../src/SpaceFactory.Phases/Agents/PiLock" && pwd)"
package=@mariozechner/pi-coding-agent
version="$(node -e 'console.log(require(process.argv[1]).dependencies[process.argv[2]])' "$lock/package.json" "$package")"
root="${SPACE_FACTORY_PI_HOME:-$HOME/.cache/spacefactory/pi}/$version"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "pi.sh: Node.js >= 20.6 and npm are required (the Pi agent tests fail without them)" >&2
  exit 1
fi
node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<6)) { console.error("pi.sh: Node.js "+process.versions.node+" is older than 20.6"); process.exit(1) }'

if [ -x "$root/node_modules/.bin/pi" ] && grep -q "\"version\": \"$version\"" "$root/node_modules/$package/package.json" 2>/dev/null \
  && cmp -s "$lock/package-lock.json" "$root/package-lock.json"; then
  echo "pi $version already installed in $root from the shipped lock"
  exit 0
fi
mkdir -p "$root"
cp "$lock/package.json" "$lock/package-lock.json" "$root/"
env -i PATH="$PATH" HOME="$HOME" ${npm_config_registry:+npm_config_registry="$npm_config_registry"} \
  ${HTTPS_PROXY:+HTTPS_PROXY="$HTTPS_PROXY"} ${NODE_EXTRA_CA_CERTS:+NODE_EXTRA_CA_CERTS="$NODE_EXTRA_CA_CERTS"} \
  npm ci --prefix "$root" --ignore-scripts --no-audit --no-fund --loglevel=error
echo "pi $version installed in $root from the shipped lock"
