#!/usr/bin/env bash
# A real OpenStack Glance (Debian bookworm glance-api 2:25.x, OpenStack Zed; v2 API only) on loopback, seeded
# with a fixed set of images, for testing the project against the real thing instead of a mock.
#
#   scripts/real-glance.sh start  [--port N] [--trusted-headers | --keystone KDIR] [--dir DIR]
#   scripts/real-glance.sh stop   [--trusted-headers | --keystone KDIR] [--dir DIR]
#   scripts/real-glance.sh status [--trusted-headers | --keystone KDIR] [--dir DIR]
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
# Defaults: port 19292; DIR target/real-glance, or target/real-glance-trusted with --trusted-headers, or
# target/real-glance-keystone with --keystone (relative to the project root; a DIR or KDIR given on the command
# line is relative to the current directory).
# Modes: without --trusted-headers there is no authentication at all (every request is an admin without a
# project; the policy lets it publicize images). With --trusted-headers Glance trusts the headers
# X-Identity-Status: Confirmed, X-Project-Id, X-Roles (and X-User-Id) as if keystonemiddleware had set them,
# with the stock policy: a project sees public images and its own, other projects' private images are 404,
# X-Roles: admin sees everything; a request without X-Identity-Status: Confirmed gets 401.
# With --keystone KDIR (a Keystone started by scripts/real-keystone.sh start --dir KDIR; its KDIR/keystone.json)
# Glance runs the stock keystone pipeline of /etc/glance/glance-api-paste.ini: keystonemiddleware validates
# X-Auth-Token at that Keystone (as user glance of project service; tokens cached 5 s), the stock policy applies
# (project-scoped reader: public images and the project's own; other projects' private images are 404), no
# token or a bad one gets 401. The seeding authenticates as Keystone's admin; the images owned by p-owner in the
# other modes belong to project lookup (its id), private-other to project other. After seeding, this Glance's
# URL http://127.0.0.1:N is registered in that Keystone as service image's public, internal and admin endpoint
# in RegionOne unless already there (a second Glance with another --port and --dir adds a second set); seed.json
# then also has "keystone": {"auth_url","dir"}. Restarting the Keystone starts it from scratch (new project
# ids and passwords, only the --glance-url endpoints): restart this Glance afterwards.
# Seeded images (fixed ids 5eed000N-0000-4000-8000-00000000000N, owner p-owner unless said): 1 public (qcow2,
# active, kernel_id/ramdisk_id -> 4/5, non-ASCII description), 2 private-other (private, owner p-other),
# 3 bdm (block_device_mapping/mappings JSON strings, size 0), 4 kernel (aki), 5 ramdisk (ari), 6 queued (no
# data, no formats), 7 deactivated; with --keystone also 8 private-own (private, owner project lookup). Their
# exact JSON is in DIR/seed.json.
# Log: DIR/glance-api.log. Only /usr/bin/python3 and the Debian binaries are used (not a pyenv python).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEFAULT_PORT=19292
READY_TIMEOUT=60
STOP_TIMEOUT=20
SYS_PY=/usr/bin/python3
RS_NAME=real-glance
RS_PROCESS=glance-api
. "$ROOT/scripts/lib/real-server.sh"

# --- arguments --------------------------------------------------------------------------------------------
CMD="${1:-}"
[ $# -gt 0 ] && shift
PORT="$DEFAULT_PORT"
TRUSTED=false
KEYSTONE=false
KEYSTONE_DIR=""
DIR=""
while [ $# -gt 0 ]; do
  case "$1" in
    --trusted-headers) TRUSTED=true; shift ;;
    --keystone) KEYSTONE=true; KEYSTONE_DIR="${2:?--keystone needs the directory of real-keystone.sh}"; shift 2 ;;
    --keystone=*) KEYSTONE=true; KEYSTONE_DIR="${1#--keystone=}"; shift ;;
    *) common_arg "$@"; shift "$ARG_SHIFT" ;;
  esac
done
check_port
if $TRUSTED && $KEYSTONE; then die "--trusted-headers and --keystone exclude each other"; fi
MODE=no-auth
$TRUSTED && MODE=trusted-headers
$KEYSTONE && MODE=keystone
if [ -z "$DIR" ]; then
  case "$MODE" in
    trusted-headers) DIR="$ROOT/target/real-glance-trusted" ;;
    keystone) DIR="$ROOT/target/real-glance-keystone" ;;
    *) DIR="$ROOT/target/real-glance" ;;
  esac
fi
if $KEYSTONE; then
  [ -n "$KEYSTONE_DIR" ] || die "--keystone needs the directory of real-keystone.sh"
  abs_dir KEYSTONE_DIR
  KEYSTONE_JSON="$KEYSTONE_DIR/keystone.json"
fi
abs_dir DIR
PIDFILE="$DIR/glance-api.pid"
CONF="$DIR/glance-api.conf"
LOGFILE="$DIR/glance-api.log"

# --- process helpers (our_pid, do_stop, do_status: scripts/lib/real-server.sh) ----------------------------
# the glance-api started with this DIR's config
RS_CMDLINE=(glance-api "--config-file $CONF")

# the status line of the running glance-api PID
status_running() {
  local pid="$1" port url code
  port="$(sed -n 's/^bind_port *= *//p' "$CONF" | head -1)"
  url="http://127.0.0.1:$port"
  if grep -q '^flavor *= *keystone' "$CONF"; then
    code="$(curl -s -o /dev/null -m 5 --noproxy '*' -w '%{http_code}' "$url/v2/images" || true)"
    echo "running pid=$pid url=$url dir=$DIR mode=keystone GET /v2/images (no token) -> $code"
    return 0
  fi
  code="$(curl -s -o /dev/null -m 5 --noproxy '*' -w '%{http_code}' -H 'X-Identity-Status: Confirmed' -H 'X-Roles: admin' \
    -H 'X-Project-Id: p-owner' "$url/v2/images" || true)"
  echo "running pid=$pid url=$url dir=$DIR GET /v2/images -> $code"
}

# --- install (as_root, apt_install: scripts/lib/real-server.sh) ---------------------------------------------
install_glance() {
  if [ -x /usr/bin/glance-api ] && [ -x /usr/bin/glance-manage ]; then return 0; fi
  log "installing glance-api and python3-glanceclient with apt (about 35 s)"
  local t0=$SECONDS rc=0 aptlog="$DIR/apt-install.log"
  mkdir -p "$DIR"
  : > "$aptlog"
  # with a policy-rc.d that keeps the package from starting its own service (which would bind 0.0.0.0:9292)
  apt_install "$aptlog" glance-api python3-glanceclient || rc=$?
  [ $rc -eq 0 ] || { tail -20 "$aptlog" >&2; die "apt-get install glance-api python3-glanceclient failed ($rc); log: $aptlog"; }
  [ -x /usr/bin/glance-api ] || die "/usr/bin/glance-api still missing after install"
  log "installed in $((SECONDS - t0)) s"
}

# --- config -----------------------------------------------------------------------------------------------
write_config() {
  mkdir -p "$DIR"
  local context=unauthenticated-context
  $TRUSTED && context=context
  if $KEYSTONE; then
    # the stock /etc/glance/glance-api-paste.ini (pipeline glance-api-keystone) is used
    rm -f "$DIR/glance-api-paste.ini"
  else
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
  fi

  if $KEYSTONE; then
    # the stock policy; the seeding authenticates as Keystone's admin
    cat > "$DIR/policy.yaml" <<'EOF'
# written by scripts/real-glance.sh: keystone mode keeps Glance's default policy
{}
EOF
  elif $TRUSTED; then
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

  local flavor="" paste="$DIR/glance-api-paste.ini"
  if $KEYSTONE; then
    flavor=keystone
    paste=/etc/glance/glance-api-paste.ini
    # it holds the glance user's password
    : > "$CONF"
    chmod 600 "$CONF"
  fi
  cat > "$CONF" <<EOF
# written by scripts/real-glance.sh ($MODE mode)
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
flavor =${flavor:+ $flavor}
config_file = $paste

[wsgi]
python_interpreter = $SYS_PY
EOF
  if $KEYSTONE; then
    cat >> "$CONF" <<EOF

[keystone_authtoken]
# the Keystone of $KEYSTONE_DIR (scripts/real-keystone.sh)
www_authenticate_uri = $KS_AUTH_URL
auth_url = $KS_AUTH_URL
auth_type = password
project_name = service
username = $KS_GLANCE_USER
password = $KS_GLANCE_PASSWORD
user_domain_name = Default
project_domain_name = Default
region_name = RegionOne
# seconds a validated token is trusted without asking Keystone again (default 300; -1: no cache)
token_cache_time = 5
EOF
  fi
}

# --- keystone mode: what this Glance needs from real-keystone.sh's keystone.json --------------------------
read_keystone() {
  [ -r "$KEYSTONE_JSON" ] || die "no $KEYSTONE_JSON: start that Keystone first (scripts/real-keystone.sh start --dir $KEYSTONE_DIR)"
  local line
  line="$(env -u PYTHONPATH -u PYTHONHOME "$SYS_PY" -I -c '
import json, sys
k = json.load(open(sys.argv[1], encoding="utf-8"))
print("\t".join([k["auth_url"], k["glance"]["username"], k["glance"]["password"]]))' "$KEYSTONE_JSON")" \
    || die "cannot read $KEYSTONE_JSON"
  IFS=$'\t' read -r KS_AUTH_URL KS_GLANCE_USER KS_GLANCE_PASSWORD <<<"$line"
  [ -n "$KS_GLANCE_PASSWORD" ] || die "no glance password in $KEYSTONE_JSON"
  local code
  code="$(curl -s -o /dev/null -m 5 --noproxy '*' -w '%{http_code}' "$KS_AUTH_URL" || true)"
  [ "$code" = 200 ] || die "the Keystone of $KEYSTONE_DIR does not answer at $KS_AUTH_URL (GET -> ${code:-nothing}); start it with scripts/real-keystone.sh start --dir $KEYSTONE_DIR"
}

# real-keystone.sh holds this lock while it (re)starts; we hold it while we use keystone.json and register
lock_keystone() {
  lock 8 "$KEYSTONE_DIR/.real-keystone.lock" "$1" "real-keystone.sh is busy with $KEYSTONE_DIR (lock $KEYSTONE_DIR/.real-keystone.lock)"
}
unlock_keystone() { if $KEYSTONE; then flock -u 8 2>/dev/null || true; exec 8>&-; fi; }

# a fresh database: a copy of a pristine db_sync'ed one (cached per installed glance version)
fresh_db() { fresh_sqlite glance-common glance '' /usr/bin/glance-manage; }

# --- seeding (with /usr/bin/python3, stdlib only) ---------------------------------------------------------
seed() {
  env -u PYTHONPATH -u PYTHONHOME "$SYS_PY" -I - "$PORT" "$TRUSTED" "$DIR/seed.json" "$MODE" \
    "${KEYSTONE_JSON:-}" "${KEYSTONE_DIR:-}" <<'PYEOF'
import json, sys, urllib.request, urllib.error

port, trusted, out = int(sys.argv[1]), sys.argv[2] == "true", sys.argv[3]
mode = sys.argv[4] if len(sys.argv) > 4 else ("trusted-headers" if trusted else "no-auth")
base = "http://127.0.0.1:%d" % port
# never use a proxy, whatever the environment says
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

# the owners of the images: fixed project names without Keystone, Keystone's projects lookup and other with it
OWNER, OTHER = "p-owner", "p-other"
keystone = None
if mode == "keystone":
    with open(sys.argv[5], encoding="utf-8") as f:
        keystone = json.load(f)
    OWNER, OTHER = keystone["lookup"]["project_id"], keystone["other"]["project_id"]
auth = {"token": None}

def keystone_call(method, path, body=None, token=None):
    data = json.dumps(body).encode("utf-8") if body is not None else None
    h = {"Accept": "application/json"}
    if data is not None:
        h["Content-Type"] = "application/json"
    if token:
        h["X-Auth-Token"] = token
    req = urllib.request.Request(keystone["auth_url"] + path, data=data, method=method, headers=h)
    try:
        with opener.open(req, timeout=30) as r:
            return r.status, r.headers, json.loads(r.read().decode("utf-8") or "null")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, None

def admin_token():
    a = keystone["admin"]
    st, h, _ = keystone_call("POST", "/auth/tokens", {"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "name": a["username"], "domain": {"name": "Default"}, "password": a["password"]}}},
        "scope": {"project": {"name": a["project"], "domain": {"name": "Default"}}}}})
    if st != 201 or not h.get("X-Subject-Token"):
        sys.exit("seed: admin token from %s -> %d" % (keystone["auth_url"], st))
    auth["token"] = h["X-Subject-Token"]
    return auth["token"]

if keystone:
    admin_token()

IDS = {
    "public":        "5eed0001-0000-4000-8000-000000000001",
    "private-other": "5eed0002-0000-4000-8000-000000000002",
    "bdm":           "5eed0003-0000-4000-8000-000000000003",
    "kernel":        "5eed0004-0000-4000-8000-000000000004",
    "ramdisk":       "5eed0005-0000-4000-8000-000000000005",
    "queued":        "5eed0006-0000-4000-8000-000000000006",
    "deactivated":   "5eed0007-0000-4000-8000-000000000007",
    # keystone mode only: a private image of project lookup (the other modes keep their seven images)
    "private-own":   "5eed0008-0000-4000-8000-000000000008",
}

def headers(project, extra=None):
    if keystone:
        h = {"X-Auth-Token": auth["token"], "Accept": "application/json"}
    else:
        h = {"X-Identity-Status": "Confirmed", "X-Roles": "admin,member,reader",
             "X-Project-Id": project, "X-Tenant-Id": project, "X-User-Id": "u-seed",
             "Accept": "application/json"}
    h.update(extra or {})
    return h

def call(method, path, project=OWNER, body=None, ctype=None, expect=(200, 201, 204)):
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
    for attempt in (1, 2):
        req = urllib.request.Request(base + path, data=data, method=method, headers=headers(project, extra))
        try:
            with opener.open(req, timeout=30) as r:
                status, raw = r.status, r.read()
        except urllib.error.HTTPError as e:
            status, raw = e.code, e.read()
        # an expired admin token (real-keystone.sh --token-expiration can be short): once more with a new one
        if not (keystone and status == 401 and attempt == 1):
            break
        admin_token()
    if status not in expect:
        sys.exit("seed: %s %s -> %d %s" % (method, path, status, raw.decode("utf-8", "replace")[:2000]))
    return json.loads(raw.decode("utf-8")) if raw.strip() else None

def create(key, upload=None, **props):
    owner = props.pop("owner", OWNER)
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
                                 owner=OTHER, disk_format="raw", container_format="bare")
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
keys = ["public", "private-other", "bdm", "kernel", "ramdisk", "queued", "deactivated"]
if keystone:
    owners["private-own"] = create("private-own", upload=b"seed own private bytes\n", visibility="private",
                                   disk_format="raw", container_format="bare")
    keys.append("private-own")

expected_status = {"public": "active", "private-other": "active", "bdm": "active", "kernel": "active",
                   "ramdisk": "active", "queued": "queued", "deactivated": "deactivated", "private-own": "active"}
images = {}
for key in keys:
    g = call("GET", "/v2/images/" + IDS[key], owners[key], expect=(200,))
    if g.get("status") != expected_status[key]:
        sys.exit("seed: image %s has status %r, expected %r" % (key, g.get("status"), expected_status[key]))
    images[key] = {"id": g["id"], "name": g.get("name"), "visibility": g.get("visibility"),
                   "status": g.get("status"), "owner": g.get("owner"), "glance": g}

seed = {"port": port, "url": base, "trusted_headers": trusted, "images": images}

if keystone:
    # this Glance in the catalog: service image with a public, internal and admin endpoint in RegionOne
    def ks(method, path, body=None, expect=(200, 201)):
        st, _, doc = keystone_call(method, path, body, auth["token"])
        if st == 401:
            st, _, doc = keystone_call(method, path, body, admin_token())
        if st not in expect:
            sys.exit("seed: keystone %s %s -> %d" % (method, path, st))
        return doc
    services = ks("GET", "/services?type=image")["services"]
    if services:
        service_id = sorted(services, key=lambda s: s["id"])[0]["id"]
    else:
        service_id = ks("POST", "/services", {"service": {"type": "image", "name": "glance",
                                                          "description": "OpenStack Image"}})["service"]["id"]
    endpoints = ks("GET", "/endpoints?service_id=%s" % service_id)["endpoints"]
    added = []
    for iface in ("public", "internal", "admin"):
        if not any(e["interface"] == iface and e["url"].rstrip("/") == base and e.get("region_id") == "RegionOne"
                   for e in endpoints):
            ks("POST", "/endpoints", {"endpoint": {"service_id": service_id, "interface": iface, "url": base,
                                                   "region_id": "RegionOne", "enabled": True}})
            added.append(iface)
    print("real-glance: image endpoints of %s in the Keystone at %s: %s" % (
        base, keystone["auth_url"], ("added " + ", ".join(added)) if added else "already registered"),
        file=sys.stderr)
    seed["keystone"] = {"auth_url": keystone["auth_url"], "dir": sys.argv[6]}
tmp = out + ".tmp"
with open(tmp, "w", encoding="utf-8") as f:
    json.dump(seed, f, ensure_ascii=False, indent=2, sort_keys=False)
    f.write("\n")
import os
os.replace(tmp, out)
PYEOF
}

# --- start ------------------------------------------------------------------------------------------------
do_start() {
  local t0 tl
  t0="$(now_ms)"
  command -v curl >/dev/null || die "curl is needed"
  install_glance
  [ -x "$SYS_PY" ] || die "$SYS_PY missing"
  mkdir -p "$DIR"
  if $KEYSTONE; then
    [ -d "$KEYSTONE_DIR" ] || die "no directory $KEYSTONE_DIR: start a Keystone with scripts/real-keystone.sh start --dir $KEYSTONE_DIR"
    lock_keystone 180
    read_keystone
  fi
  stop_and_claim_port
  write_config
  rm -rf "$DIR/images" "$DIR/staging" "$DIR/image-cache" "$DIR/lock"
  rm -f "$DIR/seed.json" "$DIR/seed.json.tmp" "$DIR/healthcheck_disable"
  mkdir -p "$DIR/images" "$DIR/staging" "$DIR/image-cache" "$DIR/lock"
  fresh_db
  : > "$LOGFILE"
  tl="$(now_ms)"
  launch env -u PYTHONPATH -u PYTHONHOME /usr/bin/glance-api --config-file "$CONF"
  local pid="$SERVER_PID"
  log "glance-api pid $pid on http://127.0.0.1:$PORT ($MODE mode, dir $DIR$( $KEYSTONE && echo ", keystone $KS_AUTH_URL" ))"
  local ready=200
  $KEYSTONE && ready=401
  # with keystone, keystonemiddleware drops these headers: a request without a token gets 401 once Glance serves
  wait_ready "$pid" /v2/images "$ready" \
    -H 'X-Identity-Status: Confirmed' -H 'X-Roles: admin' -H 'X-Project-Id: p-owner' -H 'X-User-Id: u-seed'
  log "ready $(secs_since "$tl") s after launch; seeding"
  after_ready seed "seeding failed; log: $LOGFILE"
  unlock_keystone
  log "seeded: $DIR/seed.json ($(secs_since "$t0") s in all)"
}

lock_dir() { lock 9 "$DIR/.real-glance.lock" "$1" "another real-glance.sh is busy with $DIR"; }

run_command "$CMD"
