#!/usr/bin/env bash
# Stops the peers that postfix.sh and dovecot-lmtp.sh started.
PEER_DIR=${PEER_DIR:-/tmp/mailwire-peers}
postfix stop >/dev/null 2>&1 || true
if [ -f "$PEER_DIR/dovecot/run/master.pid" ]; then
  kill "$(cat "$PEER_DIR/dovecot/run/master.pid")" 2>/dev/null || true
fi
