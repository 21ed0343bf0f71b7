#!/usr/bin/env bash
# Installs the system components the tests use (as root on Debian). Idempotent: packages already
# installed are skipped, and apt-get runs only when something is missing.
set -euo pipefail

# Debian packages: a real registry for the digest tests, htpasswd and openssl (certificates for its
# token auth and TLS) for its auth, git (its http-backend serves the git client's tests), neovim as a
# second LSP client, chromium and libkrb5-dev for the browser end-to-end tests; yamllint, which
# bench/yaml.bench.ts times the CLI against (no test needs it).
APT_PACKAGES=(docker-registry apache2-utils openssl git neovim chromium libkrb5-dev yamllint)

missing=()
for package in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} > 0)); then
  echo "setup-system: installing ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup-system: must run as root to apt-get install ${missing[*]}" >&2
    exit 1
  fi
  flock /tmp/driftless-apt.lock sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${missing[*]}"
else
  echo "setup-system: Debian packages present (${APT_PACKAGES[*]})"
fi

# code-server (VS Code's workbench, from npm) for the end-to-end tests, cached outside the repo
"$(dirname "$0")/setup-code-server.sh"
