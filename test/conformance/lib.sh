# shellcheck shell=bash
# lib.sh — helpers for tempest-run.sh (sourced, not executed): the tempest.conf
# written for a server under test, the test selection, the per-area table.
#
# Everything runs with Debian's python (/usr/bin/python3): a pyenv/venv python
# that may come first in PATH lacks tempest/stestr/subunit.

HARNESS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export PATH="/usr/bin:/bin:/usr/sbin:/sbin:$PATH"
# stestr spawns "${PYTHON:-sys.executable} -m subunit.run ..." for its workers.
export PYTHON=/usr/bin/python3
unset PYTHONPATH PYTHONHOME VIRTUAL_ENV
unset OS_CLOUD OS_AUTH_URL OS_TOKEN OS_USERNAME OS_PASSWORD OS_PROJECT_NAME \
      TEMPEST_CONFIG TEMPEST_CONFIG_DIR

TEMPEST_BIN=/usr/bin/tempest
PY=/usr/bin/python3

# ---- knobs (environment) ---------------------------------------------------
: "${TEMPEST_CONCURRENCY:=2}"
: "${TEMPEST_ADMIN_USER:=admin}"
: "${TEMPEST_ADMIN_PASSWORD:=admin-secret}"
: "${TEMPEST_ADMIN_PROJECT:=admin}"
: "${TEMPEST_ADMIN_DOMAIN:=Default}"
: "${TEMPEST_REGION:=RegionOne}"
# Keystone's [security_compliance] settings are server-side config; tempest
# cannot discover them.  Set TEMPEST_SECURITY_COMPLIANCE=1 only when the server
# runs with lockout_failure_attempts / lockout_duration /
# unique_last_password_count matching the three values below.
: "${TEMPEST_SECURITY_COMPLIANCE:=0}"
: "${TEMPEST_LOCKOUT_ATTEMPTS:=2}"
: "${TEMPEST_LOCKOUT_DURATION:=5}"
: "${TEMPEST_UNIQUE_LAST_PASSWORD_COUNT:=2}"
# Tests selected: tempest's identity API tests + keystone plugin API tests.
# (keystone_tempest_plugin.tests.scenario = federation/k2k with an external
# IdP, and .tests.rbac = scope/persona tests that need enforce_scope, are not
# selected.)
: "${TEMPEST_BASE_REGEX:=^(tempest\.api\.identity|keystone_tempest_plugin\.tests\.api\.identity)\.}"
# Identity v2.0 was removed from keystone in Queens: those modules would only
# be reported as skipped (api_v2=false), so they are left out of the list.
: "${TEMPEST_EXCLUDE_REGEX:=^tempest\.api\.identity\.(admin\.)?v2\.}"

to_bool() { case "${1,,}" in 1|true|yes|on) echo true ;; *) echo false ;; esac; }

# write_tempest_conf WORKSPACE URL
write_tempest_conf() {
    local ws="$1" url="$2"
    local sc; sc="$(to_bool "$TEMPEST_SECURITY_COMPLIANCE")"
    cat > "$ws/etc/tempest.conf" <<EOF
[DEFAULT]
log_file = tempest.log
log_dir = $ws/logs
debug = true
use_stderr = false

[oslo_concurrency]
lock_path = $ws/tempest_lock

[auth]
use_dynamic_credentials = true
admin_username = $TEMPEST_ADMIN_USER
admin_password = $TEMPEST_ADMIN_PASSWORD
admin_project_name = $TEMPEST_ADMIN_PROJECT
admin_domain_name = $TEMPEST_ADMIN_DOMAIN
admin_user_domain_name = $TEMPEST_ADMIN_DOMAIN
admin_project_domain_name = $TEMPEST_ADMIN_DOMAIN
default_credentials_domain_name = $TEMPEST_ADMIN_DOMAIN
create_isolated_networks = false

[identity]
uri_v3 = $url/v3
auth_version = v3
region = $TEMPEST_REGION
# After authenticating at uri_v3, tempest's identity clients call the
# identity endpoint found in the token's catalog (type=identity, this region,
# this interface).  'public' is the one every keystone bootstrap registers.
v3_endpoint_type = public
catalog_type = identity
admin_role = admin
default_domain_id = default
admin_domain_scope = false
user_lockout_failure_attempts = $TEMPEST_LOCKOUT_ATTEMPTS
user_lockout_duration = $TEMPEST_LOCKOUT_DURATION
user_unique_last_password_count = $TEMPEST_UNIQUE_LAST_PASSWORD_COUNT

[identity-feature-enabled]
api_v2 = false
api_v2_admin = false
api_v3 = true
api_extensions = all
trust = true
domain_specific_drivers = false
security_compliance = $sc
project_tags = true
application_credentials = true
access_rules = true
immutable_user_source = false
# keystone_tempest_plugin options
federation = false
external_idp = false
enforce_scope = false

[enforce_scope]
keystone = false

[service_available]
cinder = false
neutron = false
glance = false
swift = false
nova = false
horizon = false

[validation]
run_validation = false

[service-clients]
http_timeout = 60
EOF
}

# make_workspace DIR URL   -> fresh tempest workspace in DIR
make_workspace() {
    local ws="$1" url="$2"
    rm -rf "$ws"
    mkdir -p "$(dirname "$ws")"
    # --workspace-path keeps ~/.tempest/workspace.yaml untouched; run from the
    # parent dir because `tempest init` writes its tempest.log into the cwd.
    ( cd "$(dirname "$ws")" && "$TEMPEST_BIN" init --workspace-path "$ws.workspace.yaml" "$ws" \
          >/dev/null 2>&1 ) || { echo "tempest init failed in $ws" >&2; return 1; }
    rm -f "$ws.workspace.yaml"
    write_tempest_conf "$ws" "$url"
}

# list_tests WORKSPACE [FILTER_REGEX]  -> test ids on stdout (sorted)
list_tests() {
    local ws="$1" filter="${2:-}"
    ( cd "$ws" && "$TEMPEST_BIN" run --config-file "$ws/etc/tempest.conf" \
          --list-tests --regex "$TEMPEST_BASE_REGEX" \
          --exclude-regex "$TEMPEST_EXCLUDE_REGEX" 2>"$ws/list.err" ) \
      | "$PY" -c '
import re, sys
filt = sys.argv[1]
rx = re.compile(filt) if filt else None
ids = set()
for line in sys.stdin:
    line = line.strip()
    if not re.match(r"^[A-Za-z_][\w.]*\.test_\w+(\[.*\])?$", line):
        continue
    if rx is None or rx.search(line):
        ids.add(line)
for t in sorted(ids):
    print(t)
' "$filter"
}

# area_table TESTS_FILE [RESULTS_CSV]  -> per-area counts
area_table() {
    "$PY" "$HARNESS_DIR/summarize.py" areas "$@"
}
