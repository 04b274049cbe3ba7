#!/usr/bin/env bash
# slapd.sh start DIR [PORT]   a private OpenLDAP slapd on 127.0.0.1:PORT (default: a free port):
#                             generated DIR/slapd.conf, mdb database in DIR/data, suffix
#                             dc=example,dc=org, rootdn cn=admin,dc=example,dc=org; schemas core,
#                             cosine, inetorgperson, nis. Data survives stop/start with the same DIR.
#                             pid DIR/slapd.pid, log DIR/slapd.log. Prints ldap://HOST:PORT
#                             (also written to DIR/slapd.url).
# slapd.sh stop DIR           stops it (by the recorded pid only); the data is kept.
# slapd.sh status DIR         exit 0 if it runs, printing its URL.
#
# Env: SLAPD_ROOTPW (admin-secret) the rootdn's password. Needs Debian's slapd package
# (apt-get install slapd ldap-utils). Never touches the system-wide slapd service or /etc/ldap.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=../reference-keystone/lib.sh
source "$HERE/../reference-keystone/lib.sh"
usage() { sed -n '2,12p' "$0" >&2; exit 2; }
[ $# -ge 2 ] || usage
CMD=$1; mkdir -p "$2"; DIR=$(cd "$2" && pwd -P)
BIN=/usr/sbin/slapd
SUFFIX=dc=example,dc=org
ROOTDN=cn=admin,$SUFFIX

write_conf() {
  mkdir -p "$DIR/data"
  # The rootdn may do anything; users bind (auth) and read; nobody else sees passwords.
  cat >"$DIR/slapd.conf" <<EOF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
pidfile $DIR/slapd.run.pid
argsfile $DIR/slapd.args
modulepath /usr/lib/ldap
moduleload back_mdb
sizelimit 500
database mdb
maxsize 67108864
suffix "$SUFFIX"
rootdn "$ROOTDN"
rootpw ${SLAPD_ROOTPW:-admin-secret}
directory $DIR/data
index objectClass eq
access to attrs=userPassword
  by anonymous auth
  by self read
  by * none
access to *
  by * read
EOF
}

seed_base() {
  # The suffix entry, added offline so the first start already has a tree.
  cat >"$DIR/base.ldif" <<EOF
dn: $SUFFIX
objectClass: dcObject
objectClass: organization
dc: example
o: Example
EOF
  /usr/sbin/slapadd -q -f "$DIR/slapd.conf" -l "$DIR/base.ldif" >>"$DIR/slapd.log" 2>&1
}

case "$CMD" in
start)
  [ -x "$BIN" ] || { echo "slapd.sh: slapd not installed (apt-get install slapd ldap-utils)" >&2; exit 1; }
  if [ -s "$DIR/slapd.pid" ] && pid_is "$(cat "$DIR/slapd.pid")" slapd; then
    echo "slapd.sh: already running for $DIR ($(cat "$DIR/slapd.url"))" >&2; exit 1
  fi
  PORT=${3:-$(free_port)}
  if port_in_use "$PORT"; then echo "slapd.sh: port $PORT already in use" >&2; exit 1; fi
  write_conf
  [ -s "$DIR/data/data.mdb" ] || seed_base
  # -d 0: stay in the foreground (no fork), so the recorded pid is slapd's own.
  setsid "$BIN" -f "$DIR/slapd.conf" -h "ldap://127.0.0.1:$PORT/" -d 0 >>"$DIR/slapd.log" 2>&1 </dev/null &
  echo $! >"$DIR/slapd.pid"
  for _ in $(seq 200); do port_in_use "$PORT" && break; sleep 0.05; done
  if ! port_in_use "$PORT"; then
    echo "slapd.sh: slapd did not listen on 127.0.0.1:$PORT" >&2; tail -20 "$DIR/slapd.log" >&2 || true
    stop_pidfile "$DIR/slapd.pid" slapd; exit 1
  fi
  echo "ldap://127.0.0.1:$PORT" | tee "$DIR/slapd.url"
  ;;
stop)
  stop_pidfile "$DIR/slapd.pid" slapd
  rm -f "$DIR/slapd.url"
  ;;
status)
  [ -s "$DIR/slapd.pid" ] && pid_is "$(cat "$DIR/slapd.pid")" slapd && cat "$DIR/slapd.url"
  ;;
*) usage ;;
esac
