# shellcheck shell=bash
# What scripts/real-glance.sh and scripts/real-keystone.sh share: a server of Debian binaries on loopback,
# started in its own session from a directory DIR that holds its config, pid file and log.
#
# Sourced (`. "$ROOT/scripts/lib/real-server.sh"`); it only defines functions (no shell options, nothing runs).
# The sourcing script sets, before it calls them:
#   RS_NAME      log prefix and the name of the lock and policy-rc.d backup files (real-glance, real-keystone)
#   RS_PROCESS   what the messages call the server (glance-api, keystone)
#   RS_CMDLINE   pairs of program and argument string: the pid file's process is ours when its command line
#                has a program and, after it, its argument string (e.g. (glance-api "--config-file $CONF"))
#   DIR PIDFILE LOGFILE PORT STOP_TIMEOUT READY_TIMEOUT
# and defines usage's text as its comment header and lock_dir SECONDS (used by run_command).

usage() { sed -n '2,/^[^#]/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2; }
log() { printf '%s: %s\n' "$RS_NAME" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# --- arguments --------------------------------------------------------------------------------------------
# common_arg ARG...: takes --port, --dir, -h/--help (anything else: usage) from the front; sets ARG_SHIFT
common_arg() {
  case "$1" in
    --port) PORT="${2:?--port needs a value}"; ARG_SHIFT=2 ;;
    --port=*) PORT="${1#--port=}"; ARG_SHIFT=1 ;;
    --dir) DIR="${2:?--dir needs a value}"; ARG_SHIFT=2 ;;
    --dir=*) DIR="${1#--dir=}"; ARG_SHIFT=1 ;;
    -h|--help) usage ;;
    *) log "unknown argument: $1"; usage ;;
  esac
}

check_port() {
  case "$PORT" in ''|*[!0-9]*) die "bad port: $PORT" ;; esac
  [ "$PORT" -ge 1 ] && [ "$PORT" -le 65535 ] || die "bad port: $PORT"
}

# abs_dir VAR: makes the directory in VAR absolute (relative to the current directory), without a trailing /
abs_dir() {
  local rs_d="${!1}"
  case "$rs_d" in /*) ;; *) rs_d="$PWD/$rs_d" ;; esac
  printf -v "$1" '%s' "${rs_d%/}"
}

# --- process helpers --------------------------------------------------------------------------------------
# the pid from the pid file if that process is alive and is the server started with this DIR's config
our_pid() {
  [ -f "$PIDFILE" ] || return 1
  local pid
  pid="$(tr -dc '0-9' < "$PIDFILE")"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  local cmdline i ok=false
  cmdline="$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null)" || return 1
  for ((i = 0; i + 1 < ${#RS_CMDLINE[@]}; i += 2)); do
    case "$cmdline" in *"${RS_CMDLINE[i]}"*"${RS_CMDLINE[i + 1]}"*) ok=true; break ;; esac
  done
  $ok || return 1
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
  log "stopping $RS_PROCESS pid $pid"
  # (uwsgi runs with die-on-term: SIGTERM stops the master and its worker; without it SIGTERM means reload)
  kill -TERM "$pid" 2>/dev/null || true
  local i=0
  while alive "$pid" && [ $i -lt $((STOP_TIMEOUT * 10)) ]; do sleep 0.1; i=$((i + 1)); done
  if alive "$pid"; then
    log "pid $pid did not stop within ${STOP_TIMEOUT}s, killing it"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.2
  fi
  # leftovers of its session (a uwsgi worker whose master was killed; none from glance-api with workers = 0);
  # a session id is not reused while in use
  local m
  for m in $(session_members "$pid"); do
    alive "$m" && kill -KILL "$m" 2>/dev/null || true
  done
  rm -f "$PIDFILE"
  log "stopped"
}

# do_status: with status_running PID (the script's) for the line of a running server
do_status() {
  local pid
  if pid="$(our_pid)"; then
    status_running "$pid"
    return 0
  fi
  echo "not running (dir $DIR)"
  return 3
}

# --- install ----------------------------------------------------------------------------------------------
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

restore_policy_rc() {
  if [ -n "${POLICY_RC_BACKUP:-}" ]; then
    as_root mv -f "$POLICY_RC_BACKUP" "$POLICY_RC" || log "WARNING: could not restore $POLICY_RC from $POLICY_RC_BACKUP"
    POLICY_RC_BACKUP=""
  elif ${POLICY_RC_CREATED:-false}; then
    as_root rm -f "$POLICY_RC" || log "WARNING: could not remove $POLICY_RC"
    POLICY_RC_CREATED=false
  fi
}

# apt_install LOG PKG...: install with a policy-rc.d that keeps packages from starting their services (glance's
# would bind 0.0.0.0:9292, keystone's 0.0.0.0:5000); one retry after apt-get update
apt_install() {
  local aptlog="$1"; shift
  POLICY_RC=/usr/sbin/policy-rc.d
  POLICY_RC_BACKUP=""
  POLICY_RC_CREATED=false
  if [ -e "$POLICY_RC" ] || [ -L "$POLICY_RC" ]; then
    POLICY_RC_BACKUP="$POLICY_RC.$RS_NAME-backup.$$"
    as_root cp -a "$POLICY_RC" "$POLICY_RC_BACKUP"
  else
    POLICY_RC_CREATED=true
  fi
  trap 'restore_policy_rc' EXIT
  trap 'restore_policy_rc; exit 130' INT TERM HUP
  printf '#!/bin/sh\n# written by %s.sh during apt-get install\nexit 101\n' "$RS_NAME" | as_root tee "$POLICY_RC.tmp.$$" >/dev/null
  as_root chmod 755 "$POLICY_RC.tmp.$$"
  as_root mv -f "$POLICY_RC.tmp.$$" "$POLICY_RC"
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -q -y --no-install-recommends)
  local rc=0
  if [ -z "$(apt-cache policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: *//p' | grep -v '(none)')" ]; then
    log "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -q update >>"$aptlog" 2>&1 || true
  fi
  as_root "${apt[@]}" install "$@" >>"$aptlog" 2>&1 || rc=$?
  if [ $rc -ne 0 ]; then
    log "apt-get install failed ($rc), retrying after apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -q update >>"$aptlog" 2>&1 || true
    rc=0
    as_root "${apt[@]}" install "$@" >>"$aptlog" 2>&1 || rc=$?
  fi
  restore_policy_rc
  trap - EXIT INT TERM HUP
  return $rc
}

# --- database ---------------------------------------------------------------------------------------------
# fresh_sqlite PACKAGE NAME CONF_HEAD MANAGE: a fresh DIR/NAME.sqlite, a copy of a pristine one that
# "MANAGE db_sync" made once per installed version of PACKAGE in DIR/cache (CONF_HEAD: its config before
# [database])
fresh_sqlite() {
  local pkg="$1" name="$2" head="$3" manage="$4" version cache tmpconf
  version="$(dpkg-query -W -f '${Version}' "$pkg" 2>/dev/null | tr -c 'A-Za-z0-9.+~-' '_')" || version=unknown
  cache="$DIR/cache/$name-$version.sqlite"
  rm -f "$DIR/$name.sqlite" "$DIR/$name.sqlite-journal" "$DIR/$name.sqlite-wal" "$DIR/$name.sqlite-shm"
  if [ ! -s "$cache" ]; then
    mkdir -p "$DIR/cache"
    rm -f "$cache.tmp"
    tmpconf="$DIR/cache/db_sync.conf"
    printf '%s[database]\nconnection = sqlite:///%s\n' "$head" "$cache.tmp" > "$tmpconf"
    env -u PYTHONPATH -u PYTHONHOME "$manage" --config-file "$tmpconf" db_sync > "$DIR/cache/db_sync.log" 2>&1 \
      || { tail -20 "$DIR/cache/db_sync.log" >&2; die "${manage##*/} db_sync failed"; }
    mv -f "$cache.tmp" "$cache"
  fi
  cp "$cache" "$DIR/$name.sqlite"
}

# --- start ------------------------------------------------------------------------------------------------
port_busy() { [ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]; }

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
secs_since() { local d=$(( $(now_ms) - $1 )); printf '%d.%01d' $((d / 1000)) $(((d % 1000) / 100)); }

# stops what this script started from DIR; dies when another process listens on PORT
stop_and_claim_port() {
  do_stop
  if port_busy "$PORT"; then
    ss -Hltnp "sport = :$PORT" >&2 || true
    die "port $PORT is already in use by another process (not started from $DIR); pick another with --port"
  fi
}

# http_code PATH [CURL_ARG...]: the status of GET http://127.0.0.1:PORT/PATH (3 s at most; empty: no answer)
http_code() {
  local path="$1"; shift
  curl -s -o /dev/null -m 3 --noproxy '*' -w '%{http_code}' "$@" "http://127.0.0.1:$PORT$path" 2>/dev/null || true
}

# launch COMMAND...: runs COMMAND in DIR in its own session (not killed with the caller's process group), no
# terminal, stdout/stderr to LOGFILE, no inherited lock fd or callers' pipes (a caller must see EOF when we
# return); the process writes its own pid (setsid forks when it happens to be a process group leader, and a
# subshell's $! would be the wrong pid). Sets SERVER_PID, or dies.
launch() {
  rm -f "$PIDFILE"
  ( cd "$DIR" || exit 1
    for fd in /proc/$BASHPID/fd/*; do
      fd="${fd##*/}"
      case "$fd" in 0|1|2) ;; *) eval "exec $fd>&-" 2>/dev/null || true ;; esac
    done
    exec setsid /bin/sh -c 'echo $$ > "$1"; shift; exec "$@"' "$RS_NAME" "$PIDFILE" "$@" \
      </dev/null >>"$LOGFILE" 2>&1 ) &
  local pid="" i=0
  while [ $i -lt 100 ]; do
    [ -s "$PIDFILE" ] && pid="$(our_pid)" && break
    sleep 0.05; i=$((i + 1))
  done
  [ -n "$pid" ] || { tail -30 "$LOGFILE" >&2; rm -f "$PIDFILE"; die "$RS_PROCESS did not start"; }
  SERVER_PID="$pid"
}

# wait_ready PID PATH CODE [CURL_ARG...]: waits (READY_TIMEOUT at most) until GET PATH answers CODE; stops
# the server and dies when it exits or does not get there. Until after_ready, INT and TERM stop it.
wait_ready() {
  local pid="$1" path="$2" ready="$3"; shift 3
  trap 'log "interrupted"; do_stop; exit 130' INT TERM
  local deadline=$((SECONDS + READY_TIMEOUT)) code=""
  while :; do
    if ! alive "$pid"; then
      tail -40 "$LOGFILE" >&2
      rm -f "$PIDFILE"
      die "$RS_PROCESS exited before it was ready; log: $LOGFILE"
    fi
    code="$(http_code "$path" "$@")"
    [ "$code" = "$ready" ] && break
    if [ $SECONDS -ge $deadline ]; then
      tail -40 "$LOGFILE" >&2
      do_stop
      die "$RS_PROCESS not ready after ${READY_TIMEOUT}s (last GET $path -> ${code:-no answer}); log: $LOGFILE"
    fi
    sleep 0.2
  done
}

# after_ready FUNCTION MESSAGE: runs FUNCTION; when it fails, stops the server and dies with MESSAGE
after_ready() {
  if ! "$1"; then
    tail -20 "$LOGFILE" >&2
    do_stop
    die "$2"
  fi
  trap - INT TERM
}

# --- commands ---------------------------------------------------------------------------------------------
# lock FD FILE SECONDS MESSAGE: holds an flock on FILE, opened for appending on FD; dies with MESSAGE if busy
lock() {
  eval "exec $1>>\"\$2\""
  flock -w "$3" "$1" || die "$4"
}

# run_command CMD: start, stop or status (anything else: usage)
run_command() {
  case "$1" in
    start) mkdir -p "$DIR"; lock_dir 120; do_start ;;
    stop) if [ -d "$DIR" ]; then lock_dir 60; fi; do_stop ;;
    status) do_status ;;
    *) usage ;;
  esac
}
