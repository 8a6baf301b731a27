#!/usr/bin/env bash
# Starts Dovecot from a private config under $PEER_DIR/dovecot, as the unprivileged system user vmail:
#  - LMTP on 127.0.0.1:${DOVECOT_LMTP_PORT:-2424}: any user@mailwire.test is accepted and delivered to
#    $PEER_DIR/dovecot/home/<user>/Maildir;
#  - POP3 on 127.0.0.1:${DOVECOT_POP3_PORT:-2110} with STLS, for users in $PEER_DIR/dovecot/users
#    (alice and bob, password "<name>-password"), over the same Maildirs;
#  - IMAP on 127.0.0.1:${DOVECOT_IMAP_PORT:-2143} with STARTTLS and IMAPS on ${DOVECOT_IMAPS_PORT:-2993},
#    same users and Maildirs, with COMPRESS=DEFLATE (imap_zlib) and the SPECIAL-USE folders
#    Drafts, Sent, Trash and Junk auto-created.
# The TLS certificate (localhost, 127.0.0.1) is $PEER_DIR/dovecot-cert.pem. Needs root and
# dovecot-core, dovecot-lmtpd, dovecot-pop3d, dovecot-imapd (see .ci/run).
set -euo pipefail
PEER_DIR=${PEER_DIR:-/tmp/mailwire-peers}
PORT=${DOVECOT_LMTP_PORT:-2424}
POP3_PORT=${DOVECOT_POP3_PORT:-2110}
IMAP_PORT=${DOVECOT_IMAP_PORT:-2143}
IMAPS_PORT=${DOVECOT_IMAPS_PORT:-2993}
base="$PEER_DIR/dovecot"
id vmail >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin vmail
uid=$(id -u vmail); gid=$(id -g vmail)
mkdir -p "$base/run" "$base/state" "$base/home"
chown vmail:vmail "$base/home"
cert="$PEER_DIR/dovecot-cert.pem"
key="$base/key.pem"
if [ ! -f "$cert" ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$key" -out "$cert" 2>/dev/null
  chmod 600 "$key"
fi
printf 'alice:{PLAIN}alice-password\nbob:{PLAIN}bob-password\n' > "$base/users"
cat > "$base/dovecot.conf" <<CONF
protocols = lmtp pop3 imap
listen = 127.0.0.1
base_dir = $base/run
state_dir = $base/state
log_path = $base/dovecot.log
ssl = yes
ssl_cert = <$cert
ssl_key = <$key
disable_plaintext_auth = yes
auth_mechanisms = plain login scram-sha-256
pop3_uidl_format = %08Xu%08Xv
first_valid_uid = $uid
last_valid_uid = $uid
mail_location = maildir:~/Maildir
lmtp_rcpt_check_quota = no
namespace inbox {
  inbox = yes
  separator = /
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
  mailbox Junk {
    special_use = \\Junk
    auto = create
  }
}
protocol imap {
  mail_plugins = \$mail_plugins imap_zlib
}
userdb {
  driver = static
  args = uid=$uid gid=$gid home=$base/home/%n allow_all_users=yes
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%n $base/users
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $PORT
  }
}
service pop3-login {
  inet_listener pop3 {
    address = 127.0.0.1
    port = $POP3_PORT
  }
  inet_listener pop3s {
    port = 0
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $IMAPS_PORT
    ssl = yes
  }
}
CONF
if [ -f "$base/run/master.pid" ] && kill -0 "$(cat "$base/run/master.pid")" 2>/dev/null; then
  dovecot -c "$base/dovecot.conf" reload
else
  dovecot -c "$base/dovecot.conf"
fi
for _ in $(seq 50); do
  if (exec 3<>"/dev/tcp/127.0.0.1/${PORT}") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/${POP3_PORT}") 2>/dev/null \
      && (exec 3<>"/dev/tcp/127.0.0.1/${IMAP_PORT}") 2>/dev/null; then
    echo "dovecot listening on 127.0.0.1: lmtp ${PORT}, pop3 ${POP3_PORT}, imap ${IMAP_PORT}, imaps ${IMAPS_PORT}"; exit 0
  fi
  sleep 0.2
done
echo "dovecot did not start; see $base/dovecot.log" >&2
exit 1
