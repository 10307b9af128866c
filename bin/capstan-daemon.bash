# shellcheck shell=bash
# The client side of the opt-in Capstan daemon, sourced by bin/capstan when CAPSTAN_DAEMON=1 (or for
# `capstan daemon status|start|stop`). A JVM costs ~0.15 s of CPU before main() and Capstan ~0.5 s more
# to set itself up, every run; a resident server (io.capstan.cli.daemon.DaemonServer) pays that once.
# This side must not start a JVM: it speaks to the server through bash's /dev/tcp, and on the warm path
# starts no process at all except `head` for long output.
#
# State: ${XDG_RUNTIME_DIR:-$HOME/.capstan}/daemon/ (0700), one state file per jar path (0600, written
# by the server: pid, port, token, jar, jar stamp, start time). Protocol (see DaemonRequest and
# FrameOutputStream): the token line, then NUL-terminated fields; the answer is frames "<kind> <n>\n"
# + n bytes, kinds o/O stdout, e/E stderr, then "x <exit code>" (or "s 0": the jar changed, the server
# is stale and exits; a new one is started; or "b 0": the server is running another command, and this
# one runs in a JVM of its own). While the command runs, "r 0" asks for one line of standard input
# (an approval prompt), answered "l <n>\n" + n bytes, or "z" at end of input; Ctrl-C and SIGTERM are
# forwarded as "i" (the first stops the run gracefully, the second aborts it, as in a JVM run; a
# third gives up waiting). A client that dies counts as an interrupt on the server's side.
# Commands served: validate, fmt (not `fmt -`, which reads stdin), graph, version, and the engine's
# init, plan, apply, destroy, refresh, import, output, show, taint, untaint, workspace, state
# list|show|pull|mv|rm|push|replace-provider, and console when its input is not a terminal.
# Everything else returns to bin/capstan, which runs a normal JVM (console at a terminal: JLine's line
# editing needs the terminal). TF_CLI_ARGS* travel with the environment and apply in the server.
# Ctrl-C during a command that does not handle it (output, state ...) ends it with 130 as SIGINT ends
# a JVM run; the server halts with it, as it does after a second Ctrl-C, and the next client starts one.

# Normalises an absolute path without starting a process (no symlinks resolved): sets cd_norm.
_cd_normalize() {
  local IFS=/ p out=() parts
  set -f
  # shellcheck disable=SC2206
  parts=($1)
  set +f
  for p in "${parts[@]}"; do
    case $p in
      ''|.) ;;
      ..) [ ${#out[@]} -gt 0 ] && unset 'out[${#out[@]}-1]' ;;
      *) out+=("$p") ;;
    esac
  done
  cd_norm="/${out[*]}"
}

# Sets cd_jar, cd_dir, cd_state, cd_log for the jar beside this script.
_cd_paths() {
  local src=${BASH_SOURCE[0]} d key
  case $src in */*) d=${src%/*} ;; *) d=. ;; esac
  [[ $d == /* ]] || d=$PWD/$d
  _cd_normalize "$d/../cli/target/capstan.jar"
  cd_jar=$cd_norm
  cd_dir=${XDG_RUNTIME_DIR:-${HOME:?}/.capstan}/daemon
  key=${cd_jar//\//_}
  [ ${#key} -le 200 ] || key=${key: -200}
  cd_state=$cd_dir/$key.state
  cd_log=$cd_dir/$key.log
}

# Reads the state file into cd_pid, cd_port, cd_token; fails when absent, malformed, for another jar,
# or naming a process that is gone.
_cd_read_state() {
  local sjar
  cd_pid='' cd_port='' cd_token=''
  [ -r "$cd_state" ] || return 1
  { read -r cd_pid && read -r cd_port && read -r cd_token && read -r sjar; } <"$cd_state" || return 1
  [[ $cd_pid =~ ^[0-9]+$ && $cd_port =~ ^[0-9]+$ && $sjar == "$cd_jar" ]] || return 1
  kill -0 "$cd_pid" 2>/dev/null
}

# Opens cd_fd to the server and sends the token line.
_cd_connect() {
  { exec {cd_fd}<>"/dev/tcp/127.0.0.1/$cd_port"; } 2>/dev/null || return 1
  printf '%s\n' "$cd_token" >&"$cd_fd"
}

_cd_close() {
  [ -z "${cd_fd:-}" ] || exec {cd_fd}>&-
  cd_fd=''
}

# Ctrl-C or SIGTERM while the server runs the command: forwarded, as the JVM would receive it.
_cd_interrupt() {
  cd_interrupts=$((cd_interrupts + 1))
  # before the whole request is sent an "i" would be read as part of it: sent right after it instead
  if [ "${cd_sent:-0}" != 1 ]; then cd_early=1; return; fi
  if [ "$cd_interrupts" -ge 3 ]; then
    # the server did not end the run after two: stop waiting for it (it sees the connection end)
    exit 130
  fi
  [ -z "${cd_fd:-}" ] || printf 'i\n' >&"$cd_fd" 2>/dev/null || true
}

# Answers an input request with one line of standard input, or "z" at its end.
# bash runs a trap only between commands, so a read blocked on standard input would hold a Ctrl-C
# (its forwarding to the server) until a line came: the read polls each second instead, and an
# interrupt that came while it waited ends the input ("z"), as a closed input would; not for the
# commands that ignore Ctrl-C as terraform's do (cd_ignores_int: a piped console reads on).
_cd_input() {
  local line= part rc seen=${cd_interrupts:-0}
  while :; do
    part=
    IFS= read -r -t 1 part; rc=$?
    line+=$part
    [ "$rc" -gt 128 ] || break
    if [ "${cd_interrupts:-0}" -gt "$seen" ] && [ -z "${cd_ignores_int:-}" ]; then line=; rc=1; break; fi
  done
  if [ "$rc" = 0 ]; then
    printf 'l %d\n%s\n' "$((${#line} + 1))" "$line" >&"$cd_fd"
  elif [ -n "$line" ]; then
    printf 'l %d\n%sz\n' "${#line}" "$line" >&"$cd_fd"
  else
    printf 'z\n' >&"$cd_fd"
  fi
}

# Reads the answer frames: copies output to fd 1/2 and sets cd_code. Returns 0 when the exit code came,
# 1 when nothing came, 2 when the server is stale, 3 when the connection broke after some output,
# 4 when the server is busy with another command.
_cd_response() {
  local kind n data got=0 LC_ALL=C
  while IFS=' ' read -r -u "$cd_fd" kind n; do
    got=1
    case $kind in
      o) IFS= read -r -N "$n" -u "$cd_fd" data; printf '%s' "$data" ;;
      e) IFS= read -r -N "$n" -u "$cd_fd" data; printf '%s' "$data" >&2 ;;
      # head would die of a terminal's Ctrl-C (sent to the whole foreground group) mid-frame: it ignores it
      O) (trap '' INT; exec head -c "$n") <&"$cd_fd" ;;
      E) (trap '' INT; exec head -c "$n") <&"$cd_fd" >&2 ;;
      r) _cd_input ;;
      x) cd_code=$n; return 0 ;;
      s) return 2 ;;
      b) return 4 ;;
      *) break ;;
    esac
  done
  [ "$got" = 1 ] && return 3
  return 1
}

# Sends one request (verb and, for run, the command) and reads its answer; see _cd_response.
_cd_request() {
  local verb=$1; shift
  if [ "$verb" != run ]; then
    printf '%s\0' capstan-daemon-1 "$verb" >&"$cd_fd"
  else
    local console=0 cs lc=${LC_ALL:-${LC_CTYPE:-${LANG:-}}} v envs=()
    [ -t 0 ] && [ -t 1 ] && console=1
    # The charset a JVM started here would print with: its locale's codeset (ASCII when the locale
    # is not installed), as `locale charmap` reports it; the common cases without starting it.
    case $lc in
      ''|C|POSIX) cs=US-ASCII ;;
      C.UTF-8|C.utf8) cs=UTF-8 ;;
      *) cs=$(locale charmap 2>/dev/null) || cs=UTF-8 ;;
    esac
    # The whole exported environment, as a JVM started here would get it: Capstan reads TF_* and
    # CAPSTAN_*, and the programs a run starts (provider plugins, local-exec, Graphviz) read the rest
    # (AWS_*, PATH, HOME ...). compgen is a builtin: no process started.
    for v in $(compgen -e); do
      [[ -v $v ]] && envs+=("$v=${!v}")
    done
    printf '%s\0' capstan-daemon-1 run "$PWD" "$console" "$cs" "$#" "$@" "${#envs[@]}" "${envs[@]}" >&"$cd_fd"
    cd_sent=1
    if [ "${cd_early:-0}" = 1 ]; then printf 'i\n' >&"$cd_fd" 2>/dev/null || true; fi
  fi
  _cd_response
}

# Starts a server for this jar unless another client just did; sets the state variables.
_cd_start() {
  local lock pid i jsa cds=() opts keep=() v
  mkdir -p "$cd_dir" && chmod 700 "$cd_dir" || return 1
  (umask 077 && : >>"$cd_state.lock") || return 1
  exec {lock}>"$cd_state.lock"
  flock -w 300 "$lock" || { exec {lock}>&-; return 1; }
  if _cd_read_state && _cd_connect; then   # another client started one meanwhile
    _cd_close
    exec {lock}>&-
    return 0
  fi
  rm -f "$cd_state"
  # The lean archive when bin/capstan has made it (see there): the server maps it for its whole
  # life, and the provider-plugin classes it leaves out are loaded from the jar once per server, by
  # the first run that starts a plugin, instead of mapping the full archive for good.
  jsa=${cd_jar%/*}/capstan-lean.jsa
  if [ ! -f "$jsa" ] || [ "$cd_jar" -nt "$jsa" ]; then jsa=${cd_jar%/*}/capstan.jsa; fi
  if [ -f "$jsa" ] && [ ! "$cd_jar" -nt "$jsa" ]; then
    cds=("-XX:SharedArchiveFile=$jsa" -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0
         -Xlog:cds=off -Xlog:cds+dynamic=off)
  fi
  # C1 only (-XX:TieredStopAtLevel=1), as bin/capstan's runs: C2 (session 4's choice, "compiles the
  # hot paths after a few requests") did not pay for itself within the runs measured. A warm server
  # running plan/apply/plan/destroy of count 1,000 twice (load 12-17 on 2 cores, same flags but
  # this one): with C2 its CPU per step was 0.65/1.74/0.80/1.23 s, then 0.33/1.47/0.42/1.03 s, and
  # its peak RSS ratcheted 88 -> 118 MiB (code cache 13 MB, the compilers' malloc arenas); C1 only
  # 0.35/0.68/0.46/0.40 s, then 0.17/0.53/0.24/0.40 s, peak 77 -> 82 MiB.
  # The server collects fully after each run (DaemonServer); a small initial heap (-Xms8m; a heap
  # never shrinks below -Xms) and the free ratios let that collection shrink the heap to near its
  # live set (8-9 MB after a run of 1,000 resources), so the RSS does not ratchet up with each plan.
  # -XX:TrimNativeHeapInterval (JDK 17.0.9 on; -XX:+IgnoreUnrecognizedVMOptions keeps an older 17
  # starting) returns the C library's free memory to the system every second (glibc keeps it
  # otherwise; Java has no malloc_trim). C1 only, peak over the 8 steps: -Xmn8m -Xms24m 81-86 MiB,
  # -Xmn4m -Xms8m 77-85 MiB, and with the trimming 77-82 MiB.
  opts=${CAPSTAN_DAEMON_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmn4m -Xms8m -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 -XX:+IgnoreUnrecognizedVMOptions -XX:TrimNativeHeapInterval=1000 -Xshare:auto}
  # A clean environment: each run gets its client's environment, and the processes a run starts
  # (provider plugins, local-exec) get the run's on top of the server's, so the server keeps only what
  # it needs itself (the locale fixes the JVM's charset for file names).
  for v in PATH HOME LANG LC_ALL LC_CTYPE CAPSTAN_DAEMON_IDLE; do
    [[ -v $v ]] && keep+=("$v=${!v}")
  done
  # shellcheck disable=SC2086
  (cd / && umask 077 && exec setsid env -i "${keep[@]}" java $opts "${cds[@]}" -cp "$cd_jar" io.capstan.cli.daemon.DaemonServer \
      "$cd_state" "$cd_jar" </dev/null >>"$cd_log" 2>&1) &
  pid=$!
  for ((i = 0; i < 3000; i++)); do
    if _cd_read_state; then break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  exec {lock}>&-
  if ! _cd_read_state; then
    echo "capstan: the Capstan daemon did not start (log: $cd_log)" >&2
    return 1
  fi
  echo "capstan: started a Capstan daemon (pid $cd_pid) for $cd_jar; it exits after ${CAPSTAN_DAEMON_IDLE:-3h} idle, or stop it with: capstan daemon stop" >&2
}

# `capstan daemon status|start|stop`.
_cd_admin() {
  _cd_paths
  case ${1:-} in
    status)
      if _cd_read_state && _cd_connect && _cd_request status; then
        echo "state: $cd_state"
        exit 0
      fi
      echo "No Capstan daemon is running for $cd_jar."
      exit 1 ;;
    start)
      _cd_read_state || _cd_start || exit 1
      echo "Capstan daemon running (pid $cd_pid)."
      exit 0 ;;
    stop)
      if _cd_read_state && _cd_connect && _cd_request stop; then
        local i
        for ((i = 0; i < 600; i++)); do
          kill -0 "$cd_pid" 2>/dev/null || break
          sleep 0.05
        done
        if kill -0 "$cd_pid" 2>/dev/null; then
          echo "capstan: the Capstan daemon (pid $cd_pid) did not exit" >&2
          exit 1
        fi
        echo "Stopped the Capstan daemon (pid $cd_pid)."
        exit 0
      fi
      rm -f "$cd_state"
      echo "No Capstan daemon is running for $cd_jar."
      exit 0 ;;
    *)
      echo "Usage: capstan daemon status|start|stop" >&2
      echo "  The daemon serves validate, fmt, graph and version when CAPSTAN_DAEMON=1 is set." >&2
      exit 1 ;;
  esac
}

# Runs the command through the daemon and exits with its code; returns (for bin/capstan to run a
# normal JVM) when the command is not one the daemon serves or no daemon can be started.
capstan_daemon_main() {
  if [ "${1:-}" = daemon ]; then
    _cd_admin "${2:-}"
  fi
  local cmd=${1:-} sub=${2:-} a attempt rc
  case $cmd in -chdir=*) cmd=${2:-} sub=${3:-} ;; esac
  case $cmd in
    validate|graph|version|-version|--version|-v) ;;
    plan|apply|destroy|refresh|output|show|import|taint|untaint|init|workspace) ;;
    # console reads its lines through the client when they are piped; at a terminal it needs the
    # terminal itself (line editing, history), which a server does not have: a JVM of its own.
    console) [ -t 0 ] && return 0 ;;
    state) case $sub in list|show|pull|mv|rm|push|replace-provider) ;; *) return 0 ;; esac ;;
    fmt) for a in "$@"; do [ "$a" != - ] || return 0; done ;;
    *) return 0 ;;
  esac
  # commands that ignore Ctrl-C as terraform's do (the server ignores it for them: Interrupts.ignoredBy)
  case $cmd in output|show|state|workspace|console) cd_ignores_int=1 ;; *) cd_ignores_int= ;; esac
  cd -P . 2>/dev/null || true   # the physical directory, as a JVM's user.dir is
  _cd_paths
  [ -f "$cd_jar" ] || return 0
  for attempt in 1 2; do
    if _cd_read_state && _cd_connect; then
      rc=0
      cd_interrupts=0
      cd_sent=0 cd_early=0
      trap _cd_interrupt INT TERM
      _cd_request run "$@" || rc=$?
      trap - INT TERM
      _cd_close
      case $rc in
        0) exit "$cd_code" ;;
        4) return 0 ;;   # busy with another command: this one runs in a JVM of its own
        3) echo "capstan: lost the connection to the Capstan daemon" >&2; exit 1 ;;
        2) for ((a = 0; a < 100; a++)); do kill -0 "$cd_pid" 2>/dev/null || break; sleep 0.05; done ;;
      esac
    fi
    [ "$attempt" = 2 ] || _cd_start || break
  done
  echo "capstan: running without the Capstan daemon" >&2
  return 0
}
