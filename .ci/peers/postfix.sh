#!/usr/bin/env bash
# Starts Postfix as a receiving SMTP peer on 127.0.0.1:${POSTFIX_PORT:-2526}, with STARTTLS on a
# certificate for localhost/127.0.0.1 (written to $PEER_DIR/postfix-cert.pem for clients to trust),
# SMTPUTF8, and every message discarded. Needs root and the postfix package (see .ci/run).
set -euo pipefail
PEER_DIR=${PEER_DIR:-/tmp/mailwire-peers}
PORT=${POSTFIX_PORT:-2526}
mkdir -p "$PEER_DIR"
cert="$PEER_DIR/postfix-cert.pem"
key=/etc/postfix/mailwire-peer-key.pem
if [ ! -f "$cert" ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$key" -out "$cert" 2>/dev/null
  chmod 600 "$key"
fi
postconf -e \
  "myhostname = postfix.mailwire.test" \
  "mydestination =" \
  "inet_interfaces = loopback-only" \
  "inet_protocols = ipv4" \
  "mynetworks = 127.0.0.0/8" \
  "smtpd_relay_restrictions = permit_mynetworks, reject" \
  "default_transport = discard" \
  "relay_transport = discard" \
  "local_transport = discard" \
  "smtputf8_enable = yes" \
  "smtpd_tls_security_level = may" \
  "smtpd_tls_cert_file = $cert" \
  "smtpd_tls_key_file = $key" \
  "maillog_file = /var/log/postfix-mailwire.log"
# Our own listener beside the standard one; the standard port 25 is left alone.
if ! postconf -M "127.0.0.1:${PORT}/inet" >/dev/null 2>&1 || [ -z "$(postconf -M "127.0.0.1:${PORT}/inet" 2>/dev/null)" ]; then
  postconf -M "127.0.0.1:${PORT}/inet=127.0.0.1:${PORT} inet n - n - - smtpd"
fi
newaliases 2>/dev/null || true
if postfix status >/dev/null 2>&1; then postfix reload; else postfix start; fi
for _ in $(seq 50); do
  if (exec 3<>"/dev/tcp/127.0.0.1/${PORT}") 2>/dev/null; then echo "postfix listening on 127.0.0.1:${PORT}"; exit 0; fi
  sleep 0.2
done
echo "postfix did not start; see /var/log/postfix-mailwire.log" >&2
exit 1
