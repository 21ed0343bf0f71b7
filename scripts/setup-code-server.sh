#!/bin/sh
# Installs code-server (VS Code's workbench and extension host, from npm) and Debian's
# Chromium for the end-to-end tests in test/e2e. code-server goes into a cache folder
# outside the repository, keyed by version, and is reused when present.
# Prints the code-server install folder on its last line.
set -eu

CODE_SERVER_VERSION=4.139.1
NODE_MAJOR=24
CACHE_ROOT=${DRIFTLESS_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/driftless-e2e}
NODE_DIR=$CACHE_ROOT/node-$NODE_MAJOR
CODE_SERVER_DIR=$CACHE_ROOT/code-server-$CODE_SERVER_VERSION
COMPLETE_MARK=.driftless-complete

missing_packages() {
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || printf '%s ' "$package"
  done
}

install_apt_packages() {
  missing=$(missing_packages libkrb5-dev chromium)
  [ -z "$missing" ] && return 0
  echo "setup-code-server: apt-get install $missing"
  # shellcheck disable=SC2086
  flock /tmp/driftless-apt.lock sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing"
}

node24_bin() {
  echo "$NODE_DIR/node_modules/node/bin/node"
}

install_node() {
  [ -f "$NODE_DIR/$COMPLETE_MARK" ] && return 0
  echo "setup-code-server: installing Node $NODE_MAJOR into $NODE_DIR"
  rm -rf "$NODE_DIR"
  mkdir -p "$NODE_DIR"
  (cd "$NODE_DIR" && clear_calling_npm_environment && npm init -y >/dev/null && npm install --no-audit --no-fund "node@$NODE_MAJOR")
  "$(node24_bin)" --version | grep -q "^v$NODE_MAJOR\." || { echo "setup-code-server: Node $NODE_MAJOR not runnable from $NODE_DIR" >&2; exit 1; }
  touch "$NODE_DIR/$COMPLETE_MARK"
}

node24_headers() {
  # node-gyp's nodedir wants the folder that holds include/node
  headers=$(find "$NODE_DIR/node_modules" -path '*/include/node/node_version.h' -print -quit)
  [ -n "$headers" ] || { echo "setup-code-server: no Node $NODE_MAJOR headers under $NODE_DIR" >&2; exit 1; }
  dirname "$(dirname "$(dirname "$headers")")"
}

# `npm run` hands its scripts its own configuration as npm_config_* (npm_config_user_agent names the
# outer npm's Node, which code-server's postinstall reads as the Node it runs under), plus NODE and
# INIT_CWD. The nested installs must see only the Node put first on PATH and the user's npmrc.
clear_calling_npm_environment() {
  for name in $(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p'); do
    unset "$name"
  done
  unset NODE INIT_CWD
}

install_code_server() {
  [ -f "$CODE_SERVER_DIR/$COMPLETE_MARK" ] && return 0
  echo "setup-code-server: installing code-server@$CODE_SERVER_VERSION into $CODE_SERVER_DIR (about 4 minutes)"
  rm -rf "$CODE_SERVER_DIR"
  mkdir -p "$CODE_SERVER_DIR"
  node_bin_dir=$(dirname "$(readlink -f "$(node24_bin)")")
  nodedir=$(node24_headers)
  (
    cd "$CODE_SERVER_DIR"
    clear_calling_npm_environment
    export PATH="$node_bin_dir:$PATH"
    export npm_config_nodedir="$nodedir"
    npm init -y >/dev/null
    npm install --no-audit --no-fund "code-server@$CODE_SERVER_VERSION"
  )
  touch "$CODE_SERVER_DIR/$COMPLETE_MARK"
}

install_apt_packages
install_node
install_code_server
echo "$CODE_SERVER_DIR"
