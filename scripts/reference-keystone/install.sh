#!/usr/bin/env bash
# install.sh — installs the reference Keystone 22 (Zed, Debian bookworm's `keystone`
# package) and the tools the conformance and benchmark scripts use beside it:
# uWSGI (+ python3 plugin), wrk, memcached, PostgreSQL, Tempest +
# keystone-tempest-plugin and the `openstack` CLI.
#
# Idempotent: installs only what is missing (checked with dpkg), runs
# `apt-get update` only when something is. Needs root.
set -euo pipefail
need=(keystone uwsgi uwsgi-plugin-python3 wrk memcached postgresql python3-psycopg2
      tempest keystone-tempest-plugin python3-openstackclient)
missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install.sh: all present (${need[*]})"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "install.sh: missing ${missing[*]}; run as root to install them" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
echo "install.sh: installing ${missing[*]}"
apt-get update -qq
# policy-rc.d: the packages' postinst scripts would start the Debian-wide
# services (keystone on :5000, memcached on :11211, a postgres cluster on
# :5432); nothing here uses those, every script starts private instances.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
apt-get install -y -qq "${missing[@]}" >/dev/null
echo "install.sh: installed ${missing[*]}"
