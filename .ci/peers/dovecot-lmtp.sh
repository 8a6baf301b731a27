#!/usr/bin/env bash
# Starts Dovecot's LMTP server on 127.0.0.1:${DOVECOT_LMTP_PORT:-2424} from a private config under
# $PEER_DIR/dovecot: any user@mailwire.test is accepted and delivered to $PEER_DIR/dovecot/home/<user>/Maildir
# as the unprivileged system user vmail. Needs root and dovecot-lmtpd (see .ci/run).
set -euo pipefail
PEER_DIR=${PEER_DIR:-/tmp/mailwire-peers}
PORT=${DOVECOT_LMTP_PORT:-2424}
base="$PEER_DIR/dovecot"
id vmail >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin vmail
uid=$(id -u vmail); gid=$(id -g vmail)
mkdir -p "$base/run" "$base/state" "$base/home"
chown vmail:vmail "$base/home"
cat > "$base/dovecot.conf" <<CONF
protocols = lmtp
listen = 127.0.0.1
base_dir = $base/run
state_dir = $base/state
log_path = $base/dovecot.log
ssl = no
first_valid_uid = $uid
last_valid_uid = $uid
mail_location = maildir:~/Maildir
lmtp_rcpt_check_quota = no
userdb {
  driver = static
  args = uid=$uid gid=$gid home=$base/home/%n allow_all_users=yes
}
passdb {
  driver = static
  args = nopassword=y
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $PORT
  }
}
CONF
if [ -f "$base/run/master.pid" ] && kill -0 "$(cat "$base/run/master.pid")" 2>/dev/null; then
  dovecot -c "$base/dovecot.conf" reload
else
  dovecot -c "$base/dovecot.conf"
fi
for _ in $(seq 50); do
  if (exec 3<>"/dev/tcp/127.0.0.1/${PORT}") 2>/dev/null; then echo "dovecot lmtp listening on 127.0.0.1:${PORT}"; exit 0; fi
  sleep 0.2
done
echo "dovecot did not start; see $base/dovecot.log" >&2
exit 1
