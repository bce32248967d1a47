#!/bin/sh
# Entrypoint of the local test stand-ins for the official hashicorp/vault and openbao/openbao
# images (built by scripts/build-test-images.sh). It keeps the contract the course relies on, as
# the official entrypoints state it:
#   - $<P>_LOCAL_CONFIG (JSON) is written to <config dir>/local.json before the server starts;
#   - `server …` becomes `<bin> server -config=<config dir> -dev-root-token-id=$<P>_DEV_ROOT_TOKEN_ID
#     -dev-listen-address=${<P>_DEV_LISTEN_ADDRESS:-0.0.0.0:8200} …`;
#   - arguments starting with `-`, and `version`, go to the binary; anything else is run as is.
# P, the config dir and the binary come from the image: VAULT, /vault/config, vault for the
# hashicorp flavour; BAO, /openbao/config, bao for the OpenBao one. No setcap, chown or su-exec:
# the stand-in runs as root in a scratch image (SKIP_SETCAP/SKIP_CHOWN are accepted and moot).
set -e

prefix="$STAND_IN_PREFIX"
config_dir="$STAND_IN_CONFIG_DIR"
binary="$STAND_IN_BINARY"

local_config=$(eval "printf '%s' \"\${${prefix}_LOCAL_CONFIG}\"")
if [ -n "$local_config" ]; then
  printf '%s\n' "$local_config" > "$config_dir/local.json"
fi

case "$1" in
  -*) set -- "$binary" "$@" ;;
esac

if [ "$1" = 'server' ]; then
  shift
  root_token=$(eval "printf '%s' \"\${${prefix}_DEV_ROOT_TOKEN_ID}\"")
  listen=$(eval "printf '%s' \"\${${prefix}_DEV_LISTEN_ADDRESS:-0.0.0.0:8200}\"")
  set -- "$binary" server -config="$config_dir" -dev-root-token-id="$root_token" -dev-listen-address="$listen" "$@"
elif [ "$1" = 'version' ]; then
  set -- "$binary" "$@"
fi

exec "$@"
