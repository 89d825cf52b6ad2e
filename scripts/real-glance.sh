#!/usr/bin/env bash
# A real OpenStack Glance (Debian bookworm glance-api 2:25.x, OpenStack Zed; v2 API only) on loopback, seeded
# with a fixed set of images, for testing the project against the real thing instead of a mock.
#
#   scripts/real-glance.sh start  [--port N] [--trusted-headers] [--dir DIR]
#   scripts/real-glance.sh stop   [--trusted-headers] [--dir DIR]
#   scripts/real-glance.sh status [--trusted-headers] [--dir DIR]
#
# start   installs glance-api + python3-glanceclient with apt if /usr/bin/glance-api is missing (needs root or
#         sudo), (re)writes the config in DIR, stops a server this script started earlier from DIR, starts
#         glance-api on 127.0.0.1:N with a FRESH sqlite database and image store (deleted image ids cannot be
#         reused, so every start begins from scratch), waits until GET /v2/images answers (max 60 s), seeds
#         the images and writes DIR/seed.json ({"port","url","trusted_headers","images":{name:{"id",
#         "visibility","status","owner","glance":<GET /v2/images/{id}>}}}). Running it again simply restarts.
# stop    stops only the process recorded in DIR/glance-api.pid (checked to be glance-api with DIR's config);
#         does nothing, successfully, when nothing is running.
# status  prints whether it runs (exit 0) or not (exit 3).
#
# Defaults: port 19292; DIR target/real-glance, or target/real-glance-trusted with --trusted-headers (relative
# to the project root; a DIR given with --dir is relative to the current directory).
# Modes: without --trusted-headers there is no authentication at all (every request is an admin without a
# project; the policy lets it publicize images). With --trusted-headers Glance trusts the headers
# X-Identity-Status: Confirmed, X-Project-Id, X-Roles (and X-User-Id) as if keystonemiddleware had set them,
# with the stock policy: a project sees public images and its own, other projects' private images are 404,
# X-Roles: admin sees everything; a request without X-Identity-Status: Confirmed gets 401.
# Seeded images (fixed ids 5eed000N-0000-4000-8000-00000000000N, owner p-owner unless said): 1 public (qcow2,
# active, kernel_id/ramdisk_id -> 4/5, non-ASCII description), 2 private-other (private, owner p-other),
# 3 bdm (block_device_mapping/mappings JSON strings, size 0), 4 kernel (aki), 5 ramdisk (ari), 6 queued (no
# data, no formats), 7 deactivated. Their exact JSON is in DIR/seed.json.
# Log: DIR/glance-api.log. Only /usr/bin/python3 and the Debian binaries are used (not a pyenv python).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEFAULT_PORT=19292
READY_TIMEOUT=60
STOP_TIMEOUT=20
SYS_PY=/usr/bin/python3

usage() { sed -n '2,/^[^#]/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2; }
log() { printf 'real-glance: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# --- arguments --------------------------------------------------------------------------------------------
CMD="${1:-}"
[ $# -gt 0 ] && shift
PORT="$DEFAULT_PORT"
TRUSTED=false
DIR=""
while [ $# -gt 0 ]; do
  case "$1" in
    --port) PORT="${2:?--port needs a value}"; shift 2 ;;
    --port=*) PORT="${1#--port=}"; shift ;;
    --trusted-headers) TRUSTED=true; shift ;;
    --dir) DIR="${2:?--dir needs a value}"; shift 2 ;;
    --dir=*) DIR="${1#--dir=}"; shift ;;
    -h|--help) usage ;;
    *) log "unknown argument: $1"; usage ;;
  esac
done
case "$PORT" in ''|*[!0-9]*) die "bad port: $PORT" ;; esac
[ "$PORT" -ge 1 ] && [ "$PORT" -le 65535 ] || die "bad port: $PORT"
if [ -z "$DIR" ]; then
  if $TRUSTED; then DIR="$ROOT/target/real-glance-trusted"; else DIR="$ROOT/target/real-glance"; fi
fi
case "$DIR" in /*) ;; *) DIR="$PWD/$DIR" ;; esac
DIR="${DIR%/}"
PIDFILE="$DIR/glance-api.pid"
CONF="$DIR/glance-api.conf"
LOGFILE="$DIR/glance-api.log"

# --- process helpers --------------------------------------------------------------------------------------
# the pid from the pid file if that process is alive and is the glance-api started with this DIR's config
our_pid() {
  [ -f "$PIDFILE" ] || return 1
  local pid
  pid="$(tr -dc '0-9' < "$PIDFILE")"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  local cmdline
  cmdline="$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null)" || return 1
  case "$cmdline" in
    *glance-api*"--config-file $CONF"*) ;;
    *) return 1 ;;
  esac
  # a zombie is not running
  [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != "Z" ] || return 1
  echo "$pid"
}

alive() { [ -d "/proc/$1" ] && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != "Z" ]; }

# pids of the other processes of a session we created with setsid (session id == our pid)
session_members() {
  local sid="$1" p
  for p in /proc/[0-9]*; do
    p="${p#/proc/}"
    [ "$p" = "$sid" ] && continue
    [ "$(awk '{print $6}' "/proc/$p/stat" 2>/dev/null)" = "$sid" ] && echo "$p"
  done
  return 0
}

do_stop() {
  local pid
  if ! pid="$(our_pid)"; then
    if [ -f "$PIDFILE" ]; then log "removing stale pid file $PIDFILE"; rm -f "$PIDFILE"; fi
    log "not running (dir $DIR)"
    return 0
  fi
  log "stopping glance-api pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  local i=0
  while alive "$pid" && [ $i -lt $((STOP_TIMEOUT * 10)) ]; do sleep 0.1; i=$((i + 1)); done
  if alive "$pid"; then
    log "pid $pid did not stop within ${STOP_TIMEOUT}s, killing it"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.2
  fi
  # leftovers of its session (there should be none with workers = 0); a session id is not reused while in use
  local m
  for m in $(session_members "$pid"); do
    alive "$m" && kill -KILL "$m" 2>/dev/null || true
  done
  rm -f "$PIDFILE"
  log "stopped"
}

do_status() {
  local pid
  if pid="$(our_pid)"; then
    local port url code
    port="$(sed -n 's/^bind_port *= *//p' "$CONF" | head -1)"
    url="http://127.0.0.1:$port"
    code="$(curl -s -o /dev/null -m 5 --noproxy '*' -w '%{http_code}' -H 'X-Identity-Status: Confirmed' -H 'X-Roles: admin' \
      -H 'X-Project-Id: p-owner' "$url/v2/images" || true)"
    echo "running pid=$pid url=$url dir=$DIR GET /v2/images -> $code"
    return 0
  fi
  echo "not running (dir $DIR)"
  return 3
}

# --- install ----------------------------------------------------------------------------------------------
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

POLICY_RC=/usr/sbin/policy-rc.d
POLICY_RC_BACKUP=""
POLICY_RC_CREATED=false
restore_policy_rc() {
  if [ -n "$POLICY_RC_BACKUP" ]; then
    as_root mv -f "$POLICY_RC_BACKUP" "$POLICY_RC" || log "WARNING: could not restore $POLICY_RC from $POLICY_RC_BACKUP"
    POLICY_RC_BACKUP=""
  elif $POLICY_RC_CREATED; then
    as_root rm -f "$POLICY_RC" || log "WARNING: could not remove $POLICY_RC"
    POLICY_RC_CREATED=false
  fi
}

install_glance() {
  if [ -x /usr/bin/glance-api ] && [ -x /usr/bin/glance-manage ]; then return 0; fi
  log "installing glance-api and python3-glanceclient with apt (about 35 s)"
  local t0=$SECONDS
  # keep the package from starting its own service (which would bind 0.0.0.0:9292)
  if [ -e "$POLICY_RC" ] || [ -L "$POLICY_RC" ]; then
    POLICY_RC_BACKUP="$POLICY_RC.real-glance-backup.$$"
    as_root cp -a "$POLICY_RC" "$POLICY_RC_BACKUP"
  else
    POLICY_RC_CREATED=true
  fi
  trap 'restore_policy_rc' EXIT
  trap 'restore_policy_rc; exit 130' INT TERM HUP
  printf '#!/bin/sh\n# written by real-glance.sh during apt-get install\nexit 101\n' | as_root tee "$POLICY_RC.tmp.$$" >/dev/null
  as_root chmod 755 "$POLICY_RC.tmp.$$"
  as_root mv -f "$POLICY_RC.tmp.$$" "$POLICY_RC"
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -q -y --no-install-recommends)
  local rc=0 aptlog="$DIR/apt-install.log"
  mkdir -p "$DIR"
  : > "$aptlog"
  if [ -z "$(apt-cache policy glance-api 2>/dev/null | sed -n 's/^ *Candidate: *//p' | grep -v '(none)')" ]; then
    log "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -q update >>"$aptlog" 2>&1 || true
  fi
  as_root "${apt[@]}" install glance-api python3-glanceclient >>"$aptlog" 2>&1 || rc=$?
  if [ $rc -ne 0 ]; then
    log "apt-get install failed ($rc), retrying after apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -q update >>"$aptlog" 2>&1 || true
    rc=0
    as_root "${apt[@]}" install glance-api python3-glanceclient >>"$aptlog" 2>&1 || rc=$?
  fi
  restore_policy_rc
  trap - EXIT INT TERM HUP
  [ $rc -eq 0 ] || { tail -20 "$aptlog" >&2; die "apt-get install glance-api python3-glanceclient failed ($rc); log: $aptlog"; }
  [ -x /usr/bin/glance-api ] || die "/usr/bin/glance-api still missing after install"
  log "installed in $((SECONDS - t0)) s"
}

# --- config -----------------------------------------------------------------------------------------------
write_config() {
  mkdir -p "$DIR"
  local context=unauthenticated-context
  $TRUSTED && context=context
  cat > "$DIR/glance-api-paste.ini" <<EOF
# written by scripts/real-glance.sh (from /usr/share/glance-common/glance-api-paste.ini: v2 only, no keystone)
[pipeline:glance-api]
pipeline = cors healthcheck http_proxy_to_wsgi versionnegotiation osprofiler $context rootapp

[composite:rootapp]
paste.composite_factory = glance.api:root_app_factory
/: apiversions
/v2: apiv2app

[app:apiversions]
paste.app_factory = glance.api.versions:create_resource

[app:apiv2app]
paste.app_factory = glance.api.v2.router:API.factory

[filter:healthcheck]
paste.filter_factory = oslo_middleware:Healthcheck.factory
backends = disable_by_file
disable_by_file_path = $DIR/healthcheck_disable

[filter:versionnegotiation]
paste.filter_factory = glance.api.middleware.version_negotiation:VersionNegotiationFilter.factory

[filter:context]
paste.filter_factory = glance.api.middleware.context:ContextMiddleware.factory

[filter:unauthenticated-context]
paste.filter_factory = glance.api.middleware.context:UnauthenticatedContextMiddleware.factory

[filter:osprofiler]
paste.filter_factory = osprofiler.web:WsgiMiddleware.factory

[filter:cors]
paste.filter_factory = oslo_middleware.cors:filter_factory
oslo_config_project = glance
oslo_config_program = glance-api

[filter:http_proxy_to_wsgi]
paste.filter_factory = oslo_middleware:HTTPProxyToWSGI.factory
EOF

  if $TRUSTED; then
    # the stock policy (as with keystone); the seeding requests carry X-Roles: admin
    cat > "$DIR/policy.yaml" <<'EOF'
# written by scripts/real-glance.sh: trusted-headers mode keeps Glance's default policy
{}
EOF
  else
    # no roles at all without auth: allow what role:admin-only rules would refuse
    cat > "$DIR/policy.yaml" <<'EOF'
# written by scripts/real-glance.sh: no-auth mode, requests carry no roles
"publicize_image": ""
"communitize_image": ""
"deactivate": ""
"reactivate": ""
"delete_image_location": ""
"copy_image": ""
"manage_image_cache": ""
EOF
  fi

  cat > "$CONF" <<EOF
# written by scripts/real-glance.sh ($( $TRUSTED && echo trusted-headers || echo no-auth ) mode)
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $PORT
workers = 0
debug = false
# oslo.log colours its stream handlers; a log file has none (stdout/stderr go to the same file)
use_stderr = false
log_file = $LOGFILE
image_cache_dir = $DIR/image-cache
node_staging_uri = file://$DIR/staging
show_image_direct_url = false

[database]
connection = sqlite:///$DIR/glance.sqlite

[glance_store]
stores = file,http
default_store = file
filesystem_store_datadir = $DIR/images

[oslo_concurrency]
lock_path = $DIR/lock

[oslo_policy]
policy_file = $DIR/policy.yaml
enforce_new_defaults = false
enforce_scope = false

[oslo_messaging_notifications]
driver = noop

[paste_deploy]
flavor =
config_file = $DIR/glance-api-paste.ini

[wsgi]
python_interpreter = $SYS_PY
EOF
}

# a fresh database: a copy of a pristine db_sync'ed one (cached per installed glance version)
fresh_db() {
  local version cache tmpconf
  version="$(dpkg-query -W -f '${Version}' glance-common 2>/dev/null | tr -c 'A-Za-z0-9.+~-' '_')" || version=unknown
  cache="$DIR/cache/glance-$version.sqlite"
  rm -f "$DIR/glance.sqlite" "$DIR/glance.sqlite-journal" "$DIR/glance.sqlite-wal" "$DIR/glance.sqlite-shm"
  if [ ! -s "$cache" ]; then
    mkdir -p "$DIR/cache"
    rm -f "$cache.tmp"
    tmpconf="$DIR/cache/db_sync.conf"
    printf '[database]\nconnection = sqlite:///%s\n' "$cache.tmp" > "$tmpconf"
    env -u PYTHONPATH -u PYTHONHOME /usr/bin/glance-manage --config-file "$tmpconf" db_sync \
      > "$DIR/cache/db_sync.log" 2>&1 || { tail -20 "$DIR/cache/db_sync.log" >&2; die "glance-manage db_sync failed"; }
    mv -f "$cache.tmp" "$cache"
  fi
  cp "$cache" "$DIR/glance.sqlite"
}

# --- seeding (with /usr/bin/python3, stdlib only) ---------------------------------------------------------
seed() {
  env -u PYTHONPATH -u PYTHONHOME "$SYS_PY" -I - "$PORT" "$TRUSTED" "$DIR/seed.json" <<'PYEOF'
import json, sys, urllib.request, urllib.error

port, trusted, out = int(sys.argv[1]), sys.argv[2] == "true", sys.argv[3]
base = "http://127.0.0.1:%d" % port
# never use a proxy, whatever the environment says
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

IDS = {
    "public":        "5eed0001-0000-4000-8000-000000000001",
    "private-other": "5eed0002-0000-4000-8000-000000000002",
    "bdm":           "5eed0003-0000-4000-8000-000000000003",
    "kernel":        "5eed0004-0000-4000-8000-000000000004",
    "ramdisk":       "5eed0005-0000-4000-8000-000000000005",
    "queued":        "5eed0006-0000-4000-8000-000000000006",
    "deactivated":   "5eed0007-0000-4000-8000-000000000007",
}

def headers(project, extra=None):
    h = {"X-Identity-Status": "Confirmed", "X-Roles": "admin,member,reader",
         "X-Project-Id": project, "X-Tenant-Id": project, "X-User-Id": "u-seed",
         "Accept": "application/json"}
    h.update(extra or {})
    return h

def call(method, path, project="p-owner", body=None, ctype=None, expect=(200, 201, 204)):
    data = None
    extra = {}
    if body is not None:
        if isinstance(body, (bytes, bytearray)):
            data = bytes(body)
            extra["Content-Type"] = ctype or "application/octet-stream"
        else:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            extra["Content-Type"] = ctype or "application/json"
    elif method in ("PUT", "POST"):
        data = b""
        if ctype:
            extra["Content-Type"] = ctype
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers(project, extra))
    try:
        with opener.open(req, timeout=30) as r:
            status, raw = r.status, r.read()
    except urllib.error.HTTPError as e:
        status, raw = e.code, e.read()
    if status not in expect:
        sys.exit("seed: %s %s -> %d %s" % (method, path, status, raw.decode("utf-8", "replace")[:2000]))
    return json.loads(raw.decode("utf-8")) if raw.strip() else None

def create(key, upload=None, **props):
    owner = props.pop("owner", "p-owner")
    body = {"id": IDS[key], "name": "seed-" + key, "owner": owner}
    body.update(props)
    call("POST", "/v2/images", owner, body, expect=(201,))
    if upload is not None:
        call("PUT", "/v2/images/%s/file" % IDS[key], owner, upload, expect=(204,))
    return owner

owners = {}
owners["kernel"] = create("kernel", upload=b"seed kernel bytes\n", visibility="public",
                          disk_format="aki", container_format="aki")
owners["ramdisk"] = create("ramdisk", upload=b"seed ramdisk bytes\n", visibility="public",
                           disk_format="ari", container_format="ari")
owners["public"] = create("public", upload=b"seed image bytes: not a real qcow2\n", visibility="public",
                          disk_format="qcow2", container_format="bare", min_ram=512, min_disk=1,
                          kernel_id=IDS["kernel"], ramdisk_id=IDS["ramdisk"], os_distro="ubuntu",
                          os_version="22.04", hw_machine_type="q35", architecture="x86_64",
                          description="Ünïcødé ✓ 日本", tags=["seed", "ünïcødé"])
owners["private-other"] = create("private-other", upload=b"seed private bytes\n", visibility="private",
                                 owner="p-other", disk_format="raw", container_format="bare")
# like a snapshot of a volume-backed server made by nova: no data of its own (size 0), block device mapping
owners["bdm"] = create("bdm", upload=b"", visibility="public", disk_format="raw", container_format="bare",
                       bdm_v2="True", root_device_name="/dev/vda",
                       block_device_mapping=json.dumps([{"device_name": "vda", "boot_index": 0}]),
                       mappings=json.dumps([{"virtual": "root", "device": "/dev/vda"},
                                            {"virtual": "ephemeral0", "device": "/dev/vdb"}]))
owners["queued"] = create("queued", visibility="public")
owners["deactivated"] = create("deactivated", upload=b"seed deactivated bytes\n", visibility="public",
                               disk_format="qcow2", container_format="bare")
call("POST", "/v2/images/%s/actions/deactivate" % IDS["deactivated"], owners["deactivated"], expect=(204,))

expected_status = {"public": "active", "private-other": "active", "bdm": "active", "kernel": "active",
                   "ramdisk": "active", "queued": "queued", "deactivated": "deactivated"}
images = {}
for key in ["public", "private-other", "bdm", "kernel", "ramdisk", "queued", "deactivated"]:
    g = call("GET", "/v2/images/" + IDS[key], owners[key], expect=(200,))
    if g.get("status") != expected_status[key]:
        sys.exit("seed: image %s has status %r, expected %r" % (key, g.get("status"), expected_status[key]))
    images[key] = {"id": g["id"], "name": g.get("name"), "visibility": g.get("visibility"),
                   "status": g.get("status"), "owner": g.get("owner"), "glance": g}

seed = {"port": port, "url": base, "trusted_headers": trusted, "images": images}
tmp = out + ".tmp"
with open(tmp, "w", encoding="utf-8") as f:
    json.dump(seed, f, ensure_ascii=False, indent=2, sort_keys=False)
    f.write("\n")
import os
os.replace(tmp, out)
PYEOF
}

# --- start ------------------------------------------------------------------------------------------------
http_code() {
  curl -s -o /dev/null -m 3 --noproxy '*' -w '%{http_code}' \
    -H 'X-Identity-Status: Confirmed' -H 'X-Roles: admin' -H 'X-Project-Id: p-owner' -H 'X-User-Id: u-seed' \
    "http://127.0.0.1:$PORT$1" 2>/dev/null || true
}

port_busy() { [ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]; }

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
secs_since() { local d=$(( $(now_ms) - $1 )); printf '%d.%01d' $((d / 1000)) $(((d % 1000) / 100)); }

do_start() {
  local t0 tl
  t0="$(now_ms)"
  command -v curl >/dev/null || die "curl is needed"
  install_glance
  [ -x "$SYS_PY" ] || die "$SYS_PY missing"
  mkdir -p "$DIR"
  do_stop
  if port_busy "$PORT"; then
    ss -Hltnp "sport = :$PORT" >&2 || true
    die "port $PORT is already in use by another process (not started from $DIR); pick another with --port"
  fi
  write_config
  rm -rf "$DIR/images" "$DIR/staging" "$DIR/image-cache" "$DIR/lock"
  rm -f "$DIR/seed.json" "$DIR/seed.json.tmp" "$DIR/healthcheck_disable"
  mkdir -p "$DIR/images" "$DIR/staging" "$DIR/image-cache" "$DIR/lock"
  fresh_db
  : > "$LOGFILE"
  # own session (not killed with the caller's process group), no terminal, no inherited stdio or lock fd;
  # the process writes its own pid (setsid forks when it happens to be a process group leader)
  rm -f "$PIDFILE"
  tl="$(now_ms)"
  ( cd "$DIR" || exit 1
    # close every inherited descriptor but stdio (lock fd, callers' pipes: a caller must see EOF when we return)
    for fd in /proc/$BASHPID/fd/*; do
      fd="${fd##*/}"
      case "$fd" in 0|1|2) ;; *) eval "exec $fd>&-" 2>/dev/null || true ;; esac
    done
    exec setsid /bin/sh -c 'echo $$ > "$1"; shift; exec "$@"' real-glance "$PIDFILE" \
      env -u PYTHONPATH -u PYTHONHOME /usr/bin/glance-api --config-file "$CONF" \
      </dev/null >>"$LOGFILE" 2>&1 ) &
  local pid="" i=0
  while [ $i -lt 100 ]; do
    [ -s "$PIDFILE" ] && pid="$(our_pid)" && break
    sleep 0.05; i=$((i + 1))
  done
  [ -n "$pid" ] || { tail -30 "$LOGFILE" >&2; rm -f "$PIDFILE"; die "glance-api did not start"; }
  log "glance-api pid $pid on http://127.0.0.1:$PORT ($( $TRUSTED && echo trusted-headers || echo no-auth ) mode, dir $DIR)"
  trap 'log "interrupted"; do_stop; exit 130' INT TERM
  local deadline=$((SECONDS + READY_TIMEOUT)) code=""
  while :; do
    if ! alive "$pid"; then
      tail -40 "$LOGFILE" >&2
      rm -f "$PIDFILE"
      die "glance-api exited before it was ready; log: $LOGFILE"
    fi
    code="$(http_code /v2/images)"
    [ "$code" = 200 ] && break
    if [ $SECONDS -ge $deadline ]; then
      tail -40 "$LOGFILE" >&2
      do_stop
      die "glance-api not ready after ${READY_TIMEOUT}s (last GET /v2/images -> ${code:-no answer}); log: $LOGFILE"
    fi
    sleep 0.2
  done
  log "ready $(secs_since "$tl") s after launch; seeding"
  if ! seed; then
    tail -20 "$LOGFILE" >&2
    do_stop
    die "seeding failed; log: $LOGFILE"
  fi
  trap - INT TERM
  log "seeded: $DIR/seed.json ($(secs_since "$t0") s in all)"
}

lock_dir() {
  exec 9>>"$DIR/.real-glance.lock"
  flock -w "$1" 9 || die "another real-glance.sh is busy with $DIR"
}

case "$CMD" in
  start) mkdir -p "$DIR"; lock_dir 120; do_start ;;
  stop) if [ -d "$DIR" ]; then lock_dir 60; fi; do_stop ;;
  status) do_status ;;
  *) usage ;;
esac
