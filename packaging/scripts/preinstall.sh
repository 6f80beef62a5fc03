#!/bin/sh
# Before install and upgrade: the upskill system account the service runs
# as (no login shell; its home is the service's state folder, which
# systemd makes on first start). An existing account is left as it is.
set -e
if ! getent group upskill >/dev/null 2>&1; then
  groupadd --system upskill
fi
if ! getent passwd upskill >/dev/null 2>&1; then
  useradd --system --gid upskill --home-dir /var/lib/upskill --no-create-home \
    --shell /usr/sbin/nologin --comment "Upskill server" upskill
fi
exit 0
