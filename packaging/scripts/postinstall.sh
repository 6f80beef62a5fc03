#!/bin/sh
# After install and upgrade: systemd learns of the unit; a service that is
# running is restarted on the new binary (it saves every session on
# SIGTERM). The service is never enabled or started here: IT does that
# once /etc/upskill is ready. /var/lib/upskill and /etc/upskill are kept.
set -e
if [ -d /run/systemd/system ]; then
  systemctl daemon-reload >/dev/null 2>&1 || true
  systemctl try-restart upskill-serve.service >/dev/null 2>&1 || true
fi
exit 0
