#!/usr/bin/env bash
# kdc.sh start DIR [PORT]    a throw-away MIT Kerberos realm inside DIR: KDC database,
#                            stash, krb5.conf/kdc.conf, krb5kdc on 127.0.0.1:PORT (default:
#                            a free port), the service principal's keytab DIR/service.keytab.
#                            Prints the environment to use (also written to DIR/env).
# kdc.sh user DIR NAME       adds principal NAME (password NAME-pw) and its keytab DIR/NAME.keytab.
# kdc.sh stop DIR            stops krb5kdc (by its recorded pid only).
# kdc.sh status DIR          exit 0 if it runs.
#
# Env: KDC_REALM (KEYSTONE.TEST), KDC_SERVICE (HTTP/keystone.test). Installs Debian's
# krb5-kdc, krb5-admin-server and krb5-user with apt-get when missing (root). Never
# touches /etc/krb5.conf or a system KDC: everything goes through KRB5_CONFIG and
# KRB5_KDC_PROFILE pointing into DIR.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=../reference-keystone/lib.sh
source "$HERE/../reference-keystone/lib.sh"
usage() { sed -n '2,14p' "$0" >&2; exit 2; }
[ $# -ge 2 ] || usage
CMD=$1; mkdir -p "$2"; DIR=$(cd "$2" && pwd -P)
REALM=${KDC_REALM:-KEYSTONE.TEST}
SERVICE=${KDC_SERVICE:-HTTP/keystone.test}
export KRB5_CONFIG="$DIR/krb5.conf" KRB5_KDC_PROFILE="$DIR/kdc.conf"
KRB5KDC=/usr/sbin/krb5kdc

ensure_installed() {
  [ -x "$KRB5KDC" ] && [ -x /usr/sbin/kadmin.local ] && command -v kinit >/dev/null && return
  [ "$(id -u)" = 0 ] || { echo "kdc.sh: MIT Kerberos missing (apt-get install krb5-kdc krb5-admin-server krb5-user)" >&2; exit 1; }
  # The packages try to start system services; policy-rc.d (or their absence) keeps them down.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq krb5-kdc krb5-admin-server krb5-user >/dev/null 2>&1 \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq krb5-kdc krb5-admin-server krb5-user >/dev/null; }
}

write_config() {
  local port=$1
  cat >"$DIR/krb5.conf" <<EOF
[libdefaults]
  default_realm = $REALM
  dns_lookup_realm = false
  dns_lookup_kdc = false
  dns_canonicalize_hostname = false
  rdns = false
  udp_preference_limit = 1
  ticket_lifetime = 1h
[realms]
  $REALM = {
    kdc = 127.0.0.1:$port
  }
[domain_realm]
  .keystone.test = $REALM
  keystone.test = $REALM
EOF
  cat >"$DIR/kdc.conf" <<EOF
[kdcdefaults]
  kdc_listen = 127.0.0.1:$port
  kdc_tcp_listen = 127.0.0.1:$port
[realms]
  $REALM = {
    database_name = $DIR/principal
    key_stash_file = $DIR/stash
    acl_file = $DIR/kadm5.acl
    max_life = 1h
    supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal
  }
[logging]
  kdc = FILE:$DIR/kdc.log
EOF
  : >"$DIR/kadm5.acl"
}

kadmin() { /usr/sbin/kadmin.local -r "$REALM" -q "$1" >>"$DIR/kadmin.log" 2>&1; }

case "$CMD" in
start)
  ensure_installed
  if [ -s "$DIR/krb5kdc.pid" ] && pid_is "$(cat "$DIR/krb5kdc.pid")" krb5kdc; then
    echo "kdc.sh: already running for $DIR" >&2; exit 1
  fi
  PORT=${3:-$(free_port)}
  if port_in_use "$PORT"; then echo "kdc.sh: port $PORT already in use" >&2; exit 1; fi
  write_config "$PORT"
  if [ ! -e "$DIR/principal" ]; then
    /usr/sbin/kdb5_util -r "$REALM" create -s -P "kdc-master-$$-$RANDOM" >"$DIR/kdb5_util.log" 2>&1 \
      || { echo "kdc.sh: kdb5_util create failed" >&2; cat "$DIR/kdb5_util.log" >&2; exit 1; }
    kadmin "addprinc -randkey $SERVICE@$REALM" && kadmin "ktadd -k $DIR/service.keytab $SERVICE@$REALM" \
      || { echo "kdc.sh: could not create $SERVICE" >&2; cat "$DIR/kadmin.log" >&2; exit 1; }
  fi
  # Daemonizes and records its pid; its log says why when it does not come up.
  "$KRB5KDC" -r "$REALM" -P "$DIR/krb5kdc.pid" >>"$DIR/kdc.log" 2>&1 </dev/null \
    || { echo "kdc.sh: krb5kdc failed to start" >&2; cat "$DIR/kdc.log" >&2; exit 1; }
  for _ in $(seq 100); do port_in_use "$PORT" && break; sleep 0.05; done
  if ! port_in_use "$PORT"; then
    echo "kdc.sh: krb5kdc did not listen on 127.0.0.1:$PORT" >&2; cat "$DIR/kdc.log" >&2
    stop_pidfile "$DIR/krb5kdc.pid" krb5kdc; exit 1
  fi
  cat >"$DIR/env" <<EOF
KRB5_CONFIG=$DIR/krb5.conf
KRB5_KDC_PROFILE=$DIR/kdc.conf
KDC_REALM=$REALM
KDC_PORT=$PORT
KDC_SERVICE=$SERVICE
KDC_SERVICE_KEYTAB=$DIR/service.keytab
EOF
  cat "$DIR/env"
  ;;
user)
  [ $# -ge 3 ] || usage
  [ -e "$DIR/principal" ] || { echo "kdc.sh: no realm in $DIR (run start first)" >&2; exit 1; }
  kadmin "addprinc -pw $3-pw $3@$REALM" && kadmin "ktadd -k $DIR/$3.keytab -norandkey $3@$REALM" \
    || { echo "kdc.sh: could not add $3" >&2; tail -5 "$DIR/kadmin.log" >&2; exit 1; }
  echo "$DIR/$3.keytab"
  ;;
stop)
  stop_pidfile "$DIR/krb5kdc.pid" krb5kdc
  ;;
status)
  [ -s "$DIR/krb5kdc.pid" ] && pid_is "$(cat "$DIR/krb5kdc.pid")" krb5kdc
  ;;
*) usage ;;
esac
