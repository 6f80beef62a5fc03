#!/bin/sh
# Before removal (not before an upgrade): stop and disable the service.
# deb passes "remove" (or "upgrade"); rpm passes 0 on erase, 1 on upgrade.
set -e
case "$1" in
  remove|0)
    if [ -d /run/systemd/system ]; then
      systemctl disable --now upskill-serve.service >/dev/null 2>&1 || true
    fi
    ;;
esac
exit 0
