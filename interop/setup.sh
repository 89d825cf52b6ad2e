#!/usr/bin/env bash
# Installs what the interop suite needs from Debian, if missing: the reference implementation
# (python3-nova, python3-glanceclient) for the differential corpus. (scripts/real-glance.sh installs
# glance-api itself.) Idempotent; needs root, as on this project's machines.
set -euo pipefail
missing=()
for pkg in python3-nova python3-glanceclient; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}"
  created_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && created_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
    || { apt-get update >/dev/null && apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
  [ "$created_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
fi
/usr/bin/python3 -c 'import nova.image.glance, glanceclient.v1.images' >/dev/null
