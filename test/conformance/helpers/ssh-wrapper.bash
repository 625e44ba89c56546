#!/bin/bash
# Logging stand-in for ssh, used by test/conformance/chain.test.ts (copied into a temp bin dir
# that is put first on PATH). It never connects anywhere:
# - every process logs (JSON line to $JUMPCTL_WRAP_LOG) its depth, argv and what the real
#   `ssh -G <same args minus -W>` resolves for the host it was asked to reach;
# - if that host has a ProxyJump/ProxyCommand, it execs the real ssh with argv[0] = this wrapper,
#   so the next hop (implicit ProxyJump command uses argv[0]; `ProxyCommand ssh …` uses PATH)
#   comes back here one level deeper;
# - a host without a proxy is the innermost hop: log and exit 255 before any socket is opened;
# - at depth $JUMPCTL_WRAP_MAX (default 8) it stops as well, so a jump loop cannot run away.
real=${JUMPCTL_REAL_SSH:-/usr/bin/ssh}
log=${JUMPCTL_WRAP_LOG:?JUMPCTL_WRAP_LOG not set}
max=${JUMPCTL_WRAP_MAX:-8}
depth=${JUMPCTL_WRAP_DEPTH:-0}
export JUMPCTL_WRAP_DEPTH=$((depth + 1))

json() {
  local s=$1
  s=${s//\\/\\\\}; s=${s//\"/\\\"}; s=${s//$'\t'/\\t}; s=${s//$'\n'/\\n}; s=${s//$'\r'/\\r}
  printf '"%s"' "$s"
}
jarr() {
  local sep='' a
  printf '['
  for a in "$@"; do printf '%s' "$sep"; json "$a"; sep=','; done
  printf ']'
}

gargs=()
skip=0
for a in "$@"; do
  if [ "$skip" = 1 ]; then skip=0; continue; fi
  case $a in
    -W) skip=1; continue ;;
    -W*) continue ;;
  esac
  gargs+=("$a")
done

declare -A g=()
gerrf=$(mktemp)
gout=$("$real" -G "${gargs[@]}" 2>"$gerrf")
grc=$?
gerr=$(head -c 2000 "$gerrf")
rm -f "$gerrf"
while IFS= read -r line; do
  k=${line%% *}
  case $k in host | hostname | port | user | proxyjump | proxycommand) g[$k]=${line#* } ;; esac
done <<<"$gout"

if [ "$depth" -ge "$max" ]; then
  action=cap
elif [ "$grc" != 0 ]; then
  action=config-error
elif [ -n "${g[proxyjump]}${g[proxycommand]}" ]; then
  action=exec
else
  action=innermost
fi

{
  printf '{"depth":%d,"pid":%d,"action":"%s","grc":%d,"argv":' "$depth" "$$" "$action" "$grc"
  jarr "$@"
  printf ',"g":{'
  sep=''
  for k in host hostname port user proxyjump proxycommand; do
    if [ -n "${g[$k]+set}" ]; then printf '%s"%s":' "$sep" "$k"; json "${g[$k]}"; sep=','; fi
  done
  printf '},"gerr":'
  json "$gerr"
  printf '}\n'
} >>"$log"

if [ "$action" = exec ]; then
  exec -a "$0" "$real" "$@"
fi
exit 255
