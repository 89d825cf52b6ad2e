#!/usr/bin/env bash
# A real OpenStack Keystone (Debian bookworm keystone 2:22.x, OpenStack Zed; identity v3, fernet tokens) on
# loopback, with the users, projects and application credential the project's Keystone tests need.
#
#   scripts/real-keystone.sh start  [--port N] [--dir DIR] [--token-expiration SECONDS] [--glance-url URL]...
#   scripts/real-keystone.sh stop   [--dir DIR]
#   scripts/real-keystone.sh resume [--dir DIR]
#   scripts/real-keystone.sh status [--dir DIR]
#
# start   installs keystone (it brings python3-openstackclient) and uwsgi-core + uwsgi-plugin-python3 with apt
#         when missing (needs root or sudo), (re)writes DIR/keystone.conf, stops a Keystone this script started
#         earlier from DIR, sets up a FRESH sqlite database (a copy of one db_sync'ed once per keystone version
#         in DIR/cache; WAL journal), fernet and credential key repositories and the bootstrap admin (generated
#         password, region RegionOne, endpoints http://127.0.0.1:N/v3), starts Keystone on 127.0.0.1:N (uwsgi, 1 process x 8 threads; wsgiref, one
#         thread, when uwsgi is not available), waits until GET /v3 answers (max 60 s), then creates with
#         /usr/bin/openstack:
#           project service, role service, user glance (role service on service) for keystonemiddleware;
#           project lookup and user lookup-svc (role reader on lookup): the glance-lookup service's identity,
#           and an application credential of lookup-svc (no expiry, created as lookup-svc);
#           project other and user other-user (role reader on other): "another project";
#           with --glance-url (repeatable): service image (name glance) and for each URL a public, internal
#           and admin endpoint in RegionOne (scripts/real-glance.sh start --keystone DIR adds its own).
#         and writes DIR/keystone.json (mode 0600): {"port","auth_url","token_expiration",
#         "admin":{"username","password","project"},"glance":{"username","password"},"lookup":{"username",
#         "password","project","user_domain","project_domain","project_id","user_id",
#         "application_credential_id","application_credential_secret"},"other":{"username","password",
#         "project","project_id"}}. Every start begins from scratch (new ids, new passwords): restart the
#         Glances that use this Keystone (scripts/real-glance.sh start --keystone DIR) after restarting it
#         (a resume keeps everything as it was).
# stop    stops only the process recorded in DIR/keystone.pid (checked to be the Keystone of DIR's config);
#         does nothing, successfully, when nothing is running.
# resume  starts the Keystone of DIR again after a stop, as it was: its port, database, keys, users, passwords
#         and catalog (keystone.json stays right; the Glances that use it need no restart); waits until ready.
#         Does nothing when it runs; fails when DIR holds no Keystone that a start set up.
# status  prints whether it runs (exit 0) or not (exit 3).
#
# Defaults: port 15000; DIR target/real-keystone (relative to the project root; a DIR given with --dir is
# relative to the current directory); token expiration 3600 s ([token] expiration; e.g. 20 to test renewal).
# Passwords and secrets are generated and written only to DIR/keystone.json, never printed. For speed, bcrypt
# runs with its minimum cost ([identity] password_hash_rounds = 4; default 12): a password token takes 15-20 ms.
# Environment: REAL_KEYSTONE_SERVER=wsgiref serves with keystone-wsgi-public's wsgiref even when uwsgi is there.
# uwsgi's http-socket answers with Connection: close (a connection per request, like wsgiref; its keep-alive
# mode would close idle connections after 4 s, under a client that may reuse them).
# Log: DIR/keystone.log (keystone-manage, Keystone and uwsgi's request lines). Only /usr/bin/python3 and the
# Debian binaries are used (not a pyenv python). While a start runs it holds DIR/.real-keystone.lock;
# scripts/real-glance.sh takes the same lock while it reads keystone.json and registers its endpoints.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEFAULT_PORT=15000
DEFAULT_EXPIRATION=3600
READY_TIMEOUT=60
STOP_TIMEOUT=20
UWSGI_THREADS=8
SYS_PY=/usr/bin/python3
UWSGI_BIN=/usr/bin/uwsgi-core
UWSGI_PLUGIN=/usr/lib/uwsgi/plugins/python3_plugin.so
RS_NAME=real-keystone
RS_PROCESS=keystone
. "$ROOT/scripts/lib/real-server.sh"

# --- arguments --------------------------------------------------------------------------------------------
CMD="${1:-}"
[ $# -gt 0 ] && shift
PORT="$DEFAULT_PORT"
EXPIRATION="$DEFAULT_EXPIRATION"
DIR=""
GLANCE_URLS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --token-expiration) EXPIRATION="${2:?--token-expiration needs a value}"; shift 2 ;;
    --token-expiration=*) EXPIRATION="${1#--token-expiration=}"; shift ;;
    --glance-url) u="${2:?--glance-url needs a value}"; GLANCE_URLS+=("${u%/}"); shift 2 ;;
    --glance-url=*) u="${1#--glance-url=}"; GLANCE_URLS+=("${u%/}"); shift ;;
    *) common_arg "$@"; shift "$ARG_SHIFT" ;;
  esac
done
check_port
case "$EXPIRATION" in ''|*[!0-9]*) die "bad --token-expiration: $EXPIRATION (seconds)" ;; esac
[ "$EXPIRATION" -ge 1 ] || die "bad --token-expiration: $EXPIRATION (seconds)"
for u in ${GLANCE_URLS[@]+"${GLANCE_URLS[@]}"}; do
  case "$u" in http://?*|https://?*) ;; *) die "bad --glance-url: $u (http://HOST:PORT)" ;; esac
  case "$u" in *[[:space:]\"\'\\]*) die "bad --glance-url: $u" ;; esac
done
[ -n "$DIR" ] || DIR="$ROOT/target/real-keystone"
abs_dir DIR
PIDFILE="$DIR/keystone.pid"
CONF="$DIR/keystone.conf"
UWSGI_INI="$DIR/keystone-uwsgi.ini"
LOGFILE="$DIR/keystone.log"
JSONFILE="$DIR/keystone.json"
URL="http://127.0.0.1:$PORT/v3"

# --- process helpers (our_pid, do_stop, do_status: scripts/lib/real-server.sh) ----------------------------
# the Keystone started with this DIR's config
RS_CMDLINE=(uwsgi "--ini $UWSGI_INI" keystone-wsgi-public "--config-file $CONF")

conf_port() { sed -n 's|^public_endpoint *= *http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$CONF" 2>/dev/null | head -1; }

# the status line of the running Keystone PID
status_running() {
  local pid="$1" port code server=wsgiref
  port="$(conf_port)"
  case "$(tr '\0' ' ' < "/proc/$pid/cmdline")" in *uwsgi*) server=uwsgi ;; esac
  code="$(curl -s -o /dev/null -m 5 --noproxy '*' -w '%{http_code}' "http://127.0.0.1:$port/v3" || true)"
  echo "running pid=$pid url=http://127.0.0.1:$port/v3 server=$server dir=$DIR GET /v3 -> $code"
}

# --- install (as_root, apt_install: scripts/lib/real-server.sh) ---------------------------------------------
have_keystone() { [ -x /usr/bin/keystone-manage ] && [ -x /usr/bin/keystone-wsgi-public ] && [ -x /usr/bin/openstack ]; }
have_uwsgi() { [ -x "$UWSGI_BIN" ] && [ -f "$UWSGI_PLUGIN" ]; }

install_keystone() {
  local aptlog="$DIR/apt-install.log" t0=$SECONDS rc=0
  if ! have_keystone; then
    log "installing keystone with apt (about 15 s when glance-api is installed already)"
    : > "$aptlog"
    apt_install "$aptlog" keystone python3-openstackclient || rc=$?
    [ $rc -eq 0 ] || { tail -20 "$aptlog" >&2; die "apt-get install keystone python3-openstackclient failed ($rc); log: $aptlog"; }
    have_keystone || die "keystone-manage, keystone-wsgi-public or openstack still missing after install"
    log "installed in $((SECONDS - t0)) s"
  fi
  if ! have_uwsgi; then
    log "installing uwsgi-core and uwsgi-plugin-python3 with apt"
    : > "$aptlog"
    rc=0
    apt_install "$aptlog" uwsgi-core uwsgi-plugin-python3 || rc=$?
    if [ $rc -ne 0 ] || ! have_uwsgi; then
      log "WARNING: no uwsgi ($rc; log $aptlog): Keystone runs on wsgiref (one thread, HTTP/1.0, a connection per request)"
    fi
  fi
}

# --- config -----------------------------------------------------------------------------------------------
write_config() {
  mkdir -p "$DIR"
  cat > "$CONF" <<EOF
# written by scripts/real-keystone.sh
[DEFAULT]
debug = false
use_stderr = false
log_file = $LOGFILE
public_endpoint = http://127.0.0.1:$PORT

[database]
connection = sqlite:///$DIR/keystone.sqlite

[token]
provider = fernet
expiration = $EXPIRATION

[fernet_tokens]
key_repository = $DIR/fernet-keys

[fernet_receipts]
key_repository = $DIR/fernet-keys

[credential]
key_repository = $DIR/credential-keys

[cache]
# without the cache (or without WAL) concurrent writes fail with "database is locked" after 5 s
enabled = true
backend = dogpile.cache.memory

[identity]
# bcrypt's minimum cost (default 12, 256 times the work, for every password and application credential check)
password_hash_rounds = 4
# bcrypt uses 72 bytes at most (with the default 4096 every password check logs a warning)
max_password_length = 72
EOF
  cat > "$UWSGI_INI" <<EOF
# written by scripts/real-keystone.sh
[uwsgi]
plugins-dir = ${UWSGI_PLUGIN%/*}
plugin = python3
http-socket = 127.0.0.1:$PORT
wsgi-file = /usr/bin/keystone-wsgi-public
env = OS_KEYSTONE_CONFIG_FILES=$CONF
master = true
processes = 1
threads = $UWSGI_THREADS
lazy-apps = true
need-app = true
die-on-term = true
buffer-size = 65535
# http-socket closes the connection after each answer: say so, so that HTTP/1.1 clients do not reuse it
add-header = Connection: close
EOF
}

# a fresh database: a copy of a pristine db_sync'ed one (cached per installed keystone version), WAL journal
fresh_db() {
  fresh_sqlite python3-keystone keystone $'[DEFAULT]\nuse_stderr = true\n' /usr/bin/keystone-manage
  env -u PYTHONPATH -u PYTHONHOME "$SYS_PY" -I -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
mode = c.execute("PRAGMA journal_mode=WAL").fetchone()[0]
c.close()
sys.exit(0 if mode == "wal" else "journal_mode is %s, not wal" % mode)' "$DIR/keystone.sqlite"
}

keystone_manage() { env -u PYTHONPATH -u PYTHONHOME /usr/bin/keystone-manage "$@"; }

# 32 letters and digits from /dev/urandom
gen_secret() { head -c 64 /dev/urandom | base64 -w0 | tr -dc 'A-Za-z0-9' | cut -c1-32; }

# --- objects (with /usr/bin/openstack, driven by /usr/bin/python3, stdlib only) ---------------------------
# one openstack process runs all the admin commands (cliff's batch mode reads them from stdin, so that no
# password is on a command line; it strips quotes: no argument may contain a space), a second one creates the application credential as lookup-svc; every
# result is checked, then tokens are requested once to prove keystone.json right.
make_objects() {
  KS_ADMIN_PASSWORD="$ADMIN_PASSWORD" env -u PYTHONPATH -u PYTHONHOME "$SYS_PY" -I - \
    "$PORT" "$EXPIRATION" "$JSONFILE" "$DIR/openstack.log" ${GLANCE_URLS[@]+"${GLANCE_URLS[@]}"} <<'PYEOF'
import json, os, re, secrets, string, subprocess, sys, urllib.request, urllib.error

port, expiration, out, oslog = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
glance_urls = [u.rstrip("/") for u in sys.argv[5:]]
auth_url = "http://127.0.0.1:%d/v3" % port
admin_password = os.environ.pop("KS_ADMIN_PASSWORD")
REGION = "RegionOne"

def secret():
    return "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))

def osc_env(username, password, project):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("OS_", "PYTHON")) and k.lower() not in ("http_proxy", "https_proxy", "all_proxy")}
    env.update({"OS_AUTH_URL": auth_url, "OS_IDENTITY_API_VERSION": "3", "OS_AUTH_TYPE": "password",
                "OS_USERNAME": username, "OS_PASSWORD": password, "OS_PROJECT_NAME": project,
                "OS_USER_DOMAIN_NAME": "Default", "OS_PROJECT_DOMAIN_NAME": "Default",
                "OS_REGION_NAME": REGION, "OS_INTERFACE": "public", "NO_PROXY": "127.0.0.1,localhost",
                "no_proxy": "127.0.0.1,localhost"})
    return env

def osc_batch(env, commands, what):
    """runs the commands in one `openstack` process; returns the JSON values it printed, in order"""
    p = subprocess.run(["/usr/bin/openstack"], input="\n".join(commands) + "\n", env=env,
                       capture_output=True, text=True, timeout=300)
    with open(oslog, "a", encoding="utf-8") as f:  # without the application credential's secret
        f.write("== %s: exit %d\n-- stdout\n%s\n-- stderr\n%s\n" % (
            what, p.returncode, re.sub(r'("secret": )"[^"]*"', r'\1"(in keystone.json)"', p.stdout), p.stderr))
    values, dec, s, i = [], json.JSONDecoder(), p.stdout, 0
    while True:
        while i < len(s) and s[i].isspace():
            i += 1
        if i >= len(s):
            break
        try:
            v, i = dec.raw_decode(s, i)
        except ValueError:
            sys.exit("real-keystone: ERROR: %s: unexpected output from openstack (see %s): %s"
                     % (what, oslog, s[i:i + 300]))
        values.append(v)
    if p.returncode != 0:
        sys.exit("real-keystone: ERROR: %s failed (exit %d; see %s): %s"
                 % (what, p.returncode, oslog, p.stderr.strip()[-1500:]))
    return values

def expect(values, n, what):
    if len(values) != n:
        sys.exit("real-keystone: ERROR: %s: %d results from openstack, expected %d (see %s)"
                 % (what, len(values), n, oslog))

creds = {"glance": secret(), "lookup-svc": secret(), "other-user": secret()}
# (command, kind, name) of the commands that print one JSON object
cmds = [
    ("project create --domain default -f json service", "project", "service"),
    ("role create -f json service", "role", "service"),
    ("user create --domain default --password %s -f json glance" % creds["glance"], "user", "glance"),
    ("role add --project service --user glance service", None, None),
    ("project create --domain default -f json lookup", "project", "lookup"),
    ("user create --domain default --password %s -f json lookup-svc" % creds["lookup-svc"], "user", "lookup-svc"),
    ("role add --project lookup --user lookup-svc reader", None, None),
    ("project create --domain default -f json other", "project", "other"),
    ("user create --domain default --password %s -f json other-user" % creds["other-user"], "user", "other-user"),
    ("role add --project other --user other-user reader", None, None),
]
if glance_urls:
    cmds.append(("service create --name glance -f json image", "service", "image"))
    for url in glance_urls:
        for iface in ("public", "internal", "admin"):
            cmds.append(("endpoint create --region %s -f json image %s %s" % (REGION, iface, url), "endpoint",
                         (iface, url)))
cmds.append(("role assignment list --names -f json", "assignments", None))
admin_env = osc_env("admin", admin_password, "admin")
values = osc_batch(admin_env, [c for c, _, _ in cmds], "admin commands")
printing = [(kind, name) for _, kind, name in cmds if kind]
expect(values, len(printing), "admin commands")
ids = {}
for (kind, name), v in zip(printing, values):
    if kind == "assignments":
        have = {(a.get("Role"), a.get("User"), a.get("Project")) for a in v}
        for want in [("service", "glance@Default", "service@Default"), ("reader", "lookup-svc@Default", "lookup@Default"),
                     ("reader", "other-user@Default", "other@Default")]:
            if want not in have:
                sys.exit("real-keystone: ERROR: role assignment %s missing (see %s)" % (want, oslog))
    elif kind == "endpoint":
        if (v.get("interface"), v.get("url"), v.get("region")) != (name[0], name[1], REGION):
            sys.exit("real-keystone: ERROR: unexpected endpoint %s" % v)
    else:
        if v.get("name") != name and v.get("type") != name or not v.get("id"):
            sys.exit("real-keystone: ERROR: %s %s: unexpected result %s" % (kind, name, v))
        ids[(kind, name)] = v["id"]

# the application credential, created by its owner (scoped to project lookup, roles: reader)
appcred_secret = secret()
values = osc_batch(osc_env("lookup-svc", creds["lookup-svc"], "lookup"),
                   ["application credential create --secret %s -f json lookup-svc-appcred" % appcred_secret], "application credential create")
expect(values, 1, "application credential create")
appcred_id = values[0].get("id") or values[0].get("ID")
if not appcred_id or values[0].get("project_id") != ids[("project", "lookup")]:
    sys.exit("real-keystone: ERROR: unexpected application credential %s"
             % {k: v for k, v in values[0].items() if k != "secret"})

# prove the result: one token by password, one by application credential
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
def token(auth):
    req = urllib.request.Request(auth_url + "/auth/tokens", data=json.dumps({"auth": auth}).encode(),
                                 method="POST", headers={"Content-Type": "application/json"})
    try:
        with opener.open(req, timeout=30) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, None
user = lambda n, pw: {"identity": {"methods": ["password"], "password": {"user": {
    "name": n, "domain": {"name": "Default"}, "password": pw}}}}
st, body = token(dict(user("lookup-svc", creds["lookup-svc"]),
                      scope={"project": {"name": "lookup", "domain": {"name": "Default"}}}))
if st != 201 or body["token"]["project"]["id"] != ids[("project", "lookup")]:
    sys.exit("real-keystone: ERROR: lookup-svc password token -> %d" % st)
st, body = token({"identity": {"methods": ["application_credential"],
                               "application_credential": {"id": appcred_id, "secret": appcred_secret}}})
if st != 201 or [r["name"] for r in body["token"]["roles"]] != ["reader"]:
    sys.exit("real-keystone: ERROR: application credential token -> %d" % st)

doc = {
    "port": port,
    "auth_url": auth_url,
    "token_expiration": expiration,
    "admin": {"username": "admin", "password": admin_password, "project": "admin"},
    "glance": {"username": "glance", "password": creds["glance"]},
    "lookup": {"username": "lookup-svc", "password": creds["lookup-svc"], "project": "lookup",
               "user_domain": "Default", "project_domain": "Default",
               "project_id": ids[("project", "lookup")], "user_id": ids[("user", "lookup-svc")],
               "application_credential_id": appcred_id, "application_credential_secret": appcred_secret},
    "other": {"username": "other-user", "password": creds["other-user"], "project": "other",
              "project_id": ids[("project", "other")]},
}
tmp = out + ".tmp"
fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
with os.fdopen(fd, "w", encoding="utf-8") as f:
    json.dump(doc, f, indent=2)
    f.write("\n")
os.chmod(tmp, 0o600)
os.replace(tmp, out)
PYEOF
}

# --- start ------------------------------------------------------------------------------------------------
# launches Keystone on DIR's config and waits until GET /v3 answers
launch_keystone() {
  local server=wsgiref
  local cmd=(/usr/bin/keystone-wsgi-public --host 127.0.0.1 --port "$PORT" -- --config-file "$CONF")
  if have_uwsgi && [ "${REAL_KEYSTONE_SERVER:-uwsgi}" != wsgiref ]; then
    server=uwsgi
    cmd=("$UWSGI_BIN" --ini "$UWSGI_INI")
  fi
  launch env -u PYTHONPATH -u PYTHONHOME OS_KEYSTONE_CONFIG_FILES="$CONF" "${cmd[@]}"
  log "keystone pid $SERVER_PID on $URL ($server, dir $DIR)"
  wait_ready "$SERVER_PID" /v3 200
}

do_resume() {
  local t0 pid
  t0="$(now_ms)"
  [ -s "$JSONFILE" ] && [ -f "$CONF" ] && [ -d "$DIR/fernet-keys" ] \
    || die "no Keystone to resume in $DIR: set one up with scripts/real-keystone.sh start --dir $DIR"
  PORT="$(conf_port)"
  URL="http://127.0.0.1:$PORT/v3"
  if pid="$(our_pid)"; then
    log "already running: pid $pid on $URL"
    return 0
  fi
  port_busy "$PORT" && die "port $PORT of $DIR's Keystone is in use by another process"
  launch_keystone
  trap - INT TERM
  log "resumed: $URL as it was stopped ($(secs_since "$t0") s)"
}

do_start() {
  local t0 tl ts
  t0="$(now_ms)"
  command -v curl >/dev/null || die "curl is needed"
  mkdir -p "$DIR"
  install_keystone
  [ -x "$SYS_PY" ] || die "$SYS_PY missing"
  stop_and_claim_port
  umask 077
  rm -f "$JSONFILE" "$JSONFILE.tmp" "$DIR/openstack.log"
  rm -rf "$DIR/fernet-keys" "$DIR/credential-keys"
  write_config
  : > "$LOGFILE"
  ts="$(now_ms)"
  fresh_db
  local user group
  user="$(id -un)"; group="$(id -gn)"
  ADMIN_PASSWORD="$(gen_secret)"
  [ ${#ADMIN_PASSWORD} -ge 20 ] || die "could not generate a password"
  # three independent keystone-manage runs (about 2-3 s each, mostly imports) side by side
  local p_fernet p_cred p_boot failed=""
  keystone_manage --config-file "$CONF" fernet_setup --keystone-user "$user" --keystone-group "$group" \
    >>"$LOGFILE" 2>&1 & p_fernet=$!
  keystone_manage --config-file "$CONF" credential_setup --keystone-user "$user" --keystone-group "$group" \
    >>"$LOGFILE" 2>&1 & p_cred=$!
  # the password goes through the environment, not the command line
  OS_BOOTSTRAP_PASSWORD="$ADMIN_PASSWORD" keystone_manage --config-file "$CONF" bootstrap \
    --bootstrap-username admin --bootstrap-project-name admin --bootstrap-role-name admin \
    --bootstrap-service-name keystone --bootstrap-region-id RegionOne \
    --bootstrap-admin-url "$URL" --bootstrap-internal-url "$URL" --bootstrap-public-url "$URL" \
    >>"$LOGFILE" 2>&1 & p_boot=$!
  wait "$p_fernet" || failed="$failed fernet_setup"
  wait "$p_cred" || failed="$failed credential_setup"
  wait "$p_boot" || failed="$failed bootstrap"
  [ -z "$failed" ] || { tail -20 "$LOGFILE" >&2; die "keystone-manage$failed failed; log: $LOGFILE"; }
  log "database, keys and admin ready in $(secs_since "$ts") s"

  tl="$(now_ms)"
  launch_keystone
  log "ready $(secs_since "$tl") s after launch; creating projects, users, application credential"
  ts="$(now_ms)"
  after_ready make_objects "setting up the objects failed; logs: $DIR/openstack.log $LOGFILE"
  log "objects created in $(secs_since "$ts") s"
  log "ready: $URL, $JSONFILE (token expiration ${EXPIRATION}s$( [ ${#GLANCE_URLS[@]} -gt 0 ] && echo ", image endpoints: ${GLANCE_URLS[*]}" ); $(secs_since "$t0") s in all)"
}

lock_dir() { lock 9 "$DIR/.real-keystone.lock" "$1" "another script is busy with $DIR (lock $DIR/.real-keystone.lock)"; }

case "$CMD" in
  resume) mkdir -p "$DIR"; lock_dir 120; do_resume ;;
  *) run_command "$CMD" ;;
esac
