#!/usr/bin/env bash
# The benchmark: tests/bench/bench.sh path/to/djaz
# (or: cmake --build build --target bench)
#
# Times `djaz check` and measures its peak memory on the example spec and
# on generated specs of 1k, 10k and 100k lines (specs which djaz binds,
# resolves in four environments, lints and builds in memory), next to two
# JSON parsers reading the same documents as JSON (`jq empty` and
# Python's json.load), and prints the figures as a table.  Then times
# `djaz build` of the example as a whole process next to jsonnet
# rendering the same ARM template.  Last, tests/bench/serve.sh serves the
# example with the generated startup.sh and with gunicorn's defaults and
# prints wrk's requests/s and p99 latency for both.  See
# tests/bench/README.md.
#
# A benchmark, not a test: no figure makes it fail.  It fails (exit 1)
# when a required tool is missing or a measured command fails, since the
# figures would then mean nothing; djaz check must also print nothing.
#
# Environment: BENCH_NO_HYPERFINE=1 times with the shell loop even when
# hyperfine is installed; GEN_SPEC_CAP goes to gen_spec.sh (the most
# settings in one body; 0: no cap, see tests/bench/README.md).
set -uo pipefail
export LC_ALL=C

die() { echo "bench: $*" >&2; exit 1; }
(($# == 1)) || { echo "usage: bench.sh path/to/djaz" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
example=$root/examples/django-on-azure/app.djaz

# ---- tools ---------------------------------------------------------------
DJAZ=$1
[[ -f $DJAZ && -x $DJAZ ]] || die "djaz not found or not executable: $DJAZ (build it first)"
DJAZ=$(cd "$(dirname "$DJAZ")" && pwd)/$(basename "$DJAZ")
TIME=/usr/bin/time
PY=/usr/bin/python3
[[ -x $TIME ]] || die "$TIME not found: install GNU time (Debian package \`time\`)"
"$TIME" -f %M -o /dev/null true 2>/dev/null ||
  die "$TIME is not GNU time (no -f/-o): install Debian package \`time\`"
command -v jq >/dev/null || die "jq not found: install Debian package \`jq\`"
JQ=$(command -v jq)
[[ -x $PY ]] || die "$PY not found: install Debian package \`python3\`"
[[ -r $example ]] || die "example spec not found: $example"
hyperfine=
if [[ ${BENCH_NO_HYPERFINE:-} != 1 ]] && command -v hyperfine >/dev/null; then
  hyperfine=$(command -v hyperfine)
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/djaz-bench.XXXXXX") || die "cannot create a temporary directory"
trap 'rm -rf "$work"' EXIT

# ---- inputs --------------------------------------------------------------
# NAME.djaz and its twin NAME.json.  `minimal` is the smallest clean
# spec (an app with what it requires and one env: the file
# tests/diagnostics/cases/sema-valid-minimal.djaz): its figures are what
# starting each program costs, for djaz with the stdlib it loads and
# binds before any spec.  Timing runs per input: many on small inputs,
# fewer on large ones.
names=(minimal example gen-1k gen-10k gen-100k)
runs=(40 40 40 30 15)
cp "$root/tests/diagnostics/cases/sema-valid-minimal.djaz" "$work/minimal.djaz" ||
  die "tests/diagnostics/cases/sema-valid-minimal.djaz not found"
cp "$example" "$work/example.djaz"
for n in 1000 10000 100000; do
  bash "$here/gen_spec.sh" "$n" "$work/gen-$((n / 1000))k.djaz" ||
    die "gen_spec.sh $n failed"
done
for name in "${names[@]}"; do
  bash "$here/gen_json.sh" "$work/$name.djaz" "$work/$name.json" ||
    die "gen_json.sh failed on $name.djaz"
done

# The three commands on one input: tool label, then the command.
PYCODE='import json,sys; json.load(open(sys.argv[1]))'
cmd() { # tool name -> sets argv array c
  case $1 in
    djaz) c=("$DJAZ" check "$work/$2.djaz") ;;
    jq) c=("$JQ" empty "$work/$2.json") ;;
    python) c=("$PY" -c "$PYCODE" "$work/$2.json") ;;
  esac
}
tools=(djaz jq python)

# Every command must succeed once before it is timed; djaz must print
# nothing (a diagnostic on a generated spec is a bug of the generator or
# of djaz, and would make the figure meaningless) -- except ARM's limits:
# `check` builds the template in memory, and a spec of 10k lines or more
# has more resources, parameters or bytes than ARM takes (DJZ4001-4003),
# which djaz reports after doing all the work.  Those runs exit 1.
arm_limits_only() { # the output holds errors, and only ARM's limits
  # grep -c, not a pipe into grep -q, which under pipefail can fail on
  # the first grep's SIGPIPE when the output is long.
  grep -q 'error\[DJZ400[123]\]' "$1" &&
    [[ $(grep -v 'error\[DJZ400[123]\]' "$1" | grep -c 'error\[\|warning\[') == 0 ]]
}
declare -A limited
for name in "${names[@]}"; do
  for t in "${tools[@]}"; do
    cmd "$t" "$name"
    if ! "${c[@]}" >"$work/out" 2>&1; then
      if [[ $t == djaz ]] && arm_limits_only "$work/out"; then
        limited[$name]=1
        continue
      fi
      cat "$work/out" >&2
      die "$t failed on $name: ${c[*]}"
    fi
    if [[ $t == djaz && -s $work/out ]]; then
      head -n 20 "$work/out" >&2
      die "djaz check reported diagnostics on $name.djaz"
    fi
  done
done

# ---- measuring -----------------------------------------------------------
# median wall time in ms of a command, with the shell loop; the clock is
# read without a subshell where bash has $EPOCHREALTIME (microseconds,
# always six digits after the separator)
now_us() {
  if [[ -n ${EPOCHREALTIME:-} ]]; then
    now=${EPOCHREALTIME//[!0-9]/}
  else
    now=$(($(date +%s%N) / 1000))
  fi
}
# (exit status 1 allowed when $ok1 is set: ARM's limits, checked above)
loop_median() { # n warmup command... ($fresh: a directory removed before each run)
  local n=$1 warmup=$2 i t0 now
  shift 2
  for ((i = 0; i < warmup; i++)); do "$@" >/dev/null 2>&1 || ok_status || return 1; done
  : >"$work/times"
  for ((i = 0; i < n; i++)); do
    [[ -z ${fresh:-} ]] || rm -rf "$fresh"
    now_us
    t0=$now
    "$@" >/dev/null 2>&1 || ok_status || return 1
    now_us
    echo $((now - t0)) >>"$work/times"
  done
  sort -n "$work/times" | awk '{ a[NR] = $1 } END {
    m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
    printf "%.2f\n", m / 1000 }'
}

ok_status() { local s=$?; [[ -n ${ok1:-} && $s == 1 ]]; }

# median peak RSS in KiB over three runs
rss_median() {
  local i
  : >"$work/rss"
  for i in 1 2 3; do
    "$TIME" -f %M -o "$work/rss1" "$@" >/dev/null 2>&1 || ok_status || return 1
    tail -n 1 "$work/rss1" >>"$work/rss"
  done
  sort -n "$work/rss" | sed -n 2p
}

declare -A ms kib bms
for k in "${!names[@]}"; do
  name=${names[$k]}
  r=${runs[$k]}
  printf 'bench: measuring %s (%s runs each)...\n' "$name" "$r" >&2
  if [[ -n $hyperfine ]]; then
    hargs=()
    for t in "${tools[@]}"; do
      cmd "$t" "$name"
      hargs+=(-n "$t" "$(printf '%q ' "${c[@]}")")
    done
    ignore=()
    [[ -n ${limited[$name]:-} ]] && ignore=(--ignore-failure)
    "$hyperfine" -N --style none --warmup 3 --runs "$r" "${ignore[@]}" \
      --export-json "$work/$name.hf.json" "${hargs[@]}" >"$work/out" 2>&1 ||
      { cat "$work/out" >&2; die "hyperfine failed on $name"; }
    for t in "${tools[@]}"; do
      # shellcheck disable=SC2016 # $t is jq's
      ms[$t,$name]=$("$JQ" -r --arg t "$t" \
        '.results[] | select(.command == $t) | .median * 1000 | . * 100 | round / 100' \
        "$work/$name.hf.json") || die "cannot read hyperfine's results"
    done
  else
    for t in "${tools[@]}"; do
      cmd "$t" "$name"
      ok1=${limited[$name]:+$([[ $t == djaz ]] && echo 1)}
      ms[$t,$name]=$(loop_median "$r" 3 "${c[@]}") || die "$t failed on $name: ${c[*]}"
    done
  fi
  for t in "${tools[@]}"; do
    cmd "$t" "$name"
    ok1=${limited[$name]:+$([[ $t == djaz ]] && echo 1)}
    kib[$t,$name]=$(rss_median "${c[@]}") || die "$t failed on $name: ${c[*]}"
  done
  ok1=
done

# ---- report --------------------------------------------------------------
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
echo
echo "djaz check vs. JSON parsers on the same documents"
echo "  djaz:    $("$DJAZ" --version 2>&1 | head -n 1)  ($DJAZ)"
echo "  jq:      $("$JQ" --version 2>&1 | head -n 1)  (jq empty FILE.json)"
echo "  python:  $("$PY" --version 2>&1 | head -n 1)  ($PY -c '$PYCODE' FILE.json)"
if [[ -n $hyperfine ]]; then
  echo "  timing:  $("$hyperfine" --version), median wall time, 3 warmup runs, no shell"
else
  echo "  timing:  shell loop (hyperfine not used), median wall time, 3 warmup runs"
fi
echo "  memory:  GNU time %M (peak RSS), median of 3 runs"
echo "  specs:   gen_spec.sh with GEN_SPEC_CAP=${GEN_SPEC_CAP:-0 (no cap, the default)}"
echo "  machine: $(uname -sm), $(nproc 2>/dev/null || echo '?') CPUs, load average $load"
echo
{
  echo "input lines bytes json_bytes djaz_ms djaz_MiB jq_ms jq_MiB jq/djaz py_ms py_MiB py/djaz"
  for name in "${names[@]}"; do
    echo "$name $(wc -l <"$work/$name.djaz") $(wc -c <"$work/$name.djaz")" \
      "$(wc -c <"$work/$name.json")" \
      "${ms[djaz,$name]} ${kib[djaz,$name]} ${ms[jq,$name]} ${kib[jq,$name]}" \
      "${ms[python,$name]} ${kib[python,$name]}"
  done
} | awk '
  NR == 1 {
    h = sprintf("%-9s %7s %8s %8s | %8s %6s | %8s %6s %6s | %8s %6s %6s",
      "input", "lines", "bytes", "json", "djaz ms", "MiB", "jq ms", "MiB", "x", "py ms", "MiB", "x")
    rule = h
    gsub(/./, "-", rule)
    print h
    print rule
    next
  }
  {
    printf "%-9s %7d %8d %8d | %8.2f %6.1f | %8.2f %6.1f %5.1fx | %8.2f %6.1f %5.1fx\n",
      $1, $2, $3, $4, $5, $6 / 1024, $7, $8 / 1024, ($5 > 0 ? $7 / $5 : 0),
      $9, $10 / 1024, ($5 > 0 ? $9 / $5 : 0)
  }'
echo "  (x: peer time / djaz time; above 1 means djaz is faster)"
for name in "${names[@]}"; do
  [[ -n ${limited[$name]:-} ]] &&
    echo "  $name: over ARM's limits; djaz check reports DJZ4001-4003 (exit 1) after building it all"
done

# Memory growth between 10k and 100k lines: linear growth shows as a
# steady cost per line.
l10=$(wc -l <"$work/gen-10k.djaz")
l100=$(wc -l <"$work/gen-100k.djaz")
b10=$(wc -c <"$work/gen-10k.djaz")
b100=$(wc -c <"$work/gen-100k.djaz")
echo
awk -v l10="$l10" -v l100="$l100" -v b10="$b10" -v b100="$b100" \
  -v d10="${kib[djaz,gen-10k]}" -v d100="${kib[djaz,gen-100k]}" \
  -v t10="${ms[djaz,gen-10k]}" -v t100="${ms[djaz,gen-100k]}" 'BEGIN {
  kl = (l100 - l10) / 1000
  printf "djaz memory growth, 10k -> 100k lines: %+.0f KiB per 1k lines (%.1f bytes of RSS per byte of spec)\n",
    (d100 - d10) / kl, (d100 - d10) * 1024 / (b100 - b10)
  printf "djaz time growth,   10k -> 100k lines: %+.2f ms per 1k lines (%.1fx the time for %.1fx the lines)\n",
    (t100 - t10) / kl, (t10 > 0 ? t100 / t10 : 0), l100 / l10
}'

# Throughput on the largest input net of start-up (its time minus that of
# `minimal`), which the small inputs cannot show.
echo "net of start-up (gen-100k minus minimal):"
for t in "${tools[@]}"; do
  f=$([[ $t == djaz ]] && echo "$work/gen-100k.djaz" || echo "$work/gen-100k.json")
  awk -v t="$t" -v a="${ms[$t,gen-100k]}" -v z="${ms[$t,minimal]}" -v b="$(wc -c <"$f")" \
    -v l="$l100" -v ma="${kib[$t,gen-100k]}" -v mz="${kib[$t,minimal]}" 'BEGIN {
    n = a - z
    if (n <= 0) { printf "  %-7s %8.2f ms (too small to tell)\n", t, n; exit }
    printf "  %-7s %8.2f ms  %6.1f MB/s  %5.2f M lines/s  %+6.1f MiB\n",
      t, n, b / n / 1000, l / n / 1000, (ma - mz) / 1024
  }'
done

# ---- djaz build vs. jsonnet ----------------------------------------------
# The example's whole build as one process (the template, a parameters
# file per environment, the Python and Django artifacts and djaz.json)
# next to jsonnet rendering the same template and parameters
# files from a hand-written program (tests/bench/example.jsonnet).  The
# outputs are compared (jq -S) so that the peer does the same job.
JSONNET=$(command -v jsonnet) || die "jsonnet not found: install Debian package \`jsonnet\`"
mkdir -p "$work/jsonnet-out"
# `--only arm`: the same outputs as the peer's (and djaz.json); the whole
# build, with the Python and Django artifacts, is timed beside it.  Run
# again into the OUT it wrote, a build checks OUT against djaz.json (every
# file hashed) and, finding it up to date, writes nothing: the `djaz build`
# rows time that.  Into a new OUT (`new OUT` row, the directory removed
# before each run, untimed), it writes every file beside OUT, syncs files
# and directories to disk and renames the tree into place; jsonnet writes
# its three files and syncs nothing.
build_cmd=("$DJAZ" build -q --only arm "$example" -o "$work/build-out")
full_cmd=("$DJAZ" build -q "$example" -o "$work/full-out")
fresh_cmd=("$DJAZ" build -q "$example" -o "$work/fresh-out")
jsonnet_cmd=("$JSONNET" -m "$work/jsonnet-out" "$here/example.jsonnet")
"${build_cmd[@]}" || die "djaz build failed on the example"
"${jsonnet_cmd[@]}" >/dev/null || die "jsonnet failed on tests/bench/example.jsonnet"
same=yes
for f in template staging.parameters production.parameters; do
  "$JQ" -S . "$work/build-out/arm/$f.json" >"$work/a.json"
  "$JQ" -S . "$work/jsonnet-out/$f.json" >"$work/b.json"
  cmp -s "$work/a.json" "$work/b.json" || same="no ($f.json differs)"
done
printf 'bench: measuring djaz build and jsonnet...\n' >&2
if [[ -n $hyperfine ]]; then
  "$hyperfine" -N --style none --warmup 5 --runs 100 \
    --export-json "$work/build.hf.json" \
    -n djaz "$(printf '%q ' "${build_cmd[@]}")" \
    -n full "$(printf '%q ' "${full_cmd[@]}")" \
    -n jsonnet "$(printf '%q ' "${jsonnet_cmd[@]}")" >"$work/out" 2>&1 ||
    { cat "$work/out" >&2; die "hyperfine failed on djaz build / jsonnet"; }
  "$hyperfine" -N --style none --warmup 5 --runs 100 \
    --prepare "rm -rf $work/fresh-out" --export-json "$work/fresh.hf.json" \
    -n fresh "$(printf '%q ' "${fresh_cmd[@]}")" >"$work/out" 2>&1 ||
    { cat "$work/out" >&2; die "hyperfine failed on djaz build into a new OUT"; }
  bms[fresh]=$("$JQ" -r '.results[0].median * 1000 | . * 100 | round / 100' \
    "$work/fresh.hf.json")
  for t in djaz full jsonnet; do
    # shellcheck disable=SC2016 # $t is jq's
    bms[$t]=$("$JQ" -r --arg t "$t" \
      '.results[] | select(.command == $t) | .median * 1000 | . * 100 | round / 100' \
      "$work/build.hf.json")
  done
else
  bms[djaz]=$(loop_median 100 5 "${build_cmd[@]}") || die "djaz build failed"
  bms[full]=$(loop_median 100 5 "${full_cmd[@]}") || die "djaz build failed"
  bms[fresh]=$(fresh=$work/fresh-out loop_median 100 5 "${fresh_cmd[@]}") || die "djaz build failed"
  bms[jsonnet]=$(loop_median 100 5 "${jsonnet_cmd[@]}") || die "jsonnet failed"
fi
bkib_djaz=$(rss_median "${build_cmd[@]}") || die "djaz build failed"
bkib_full=$(rss_median "${full_cmd[@]}") || die "djaz build failed"
bkib_jsonnet=$(rss_median "${jsonnet_cmd[@]}") || die "jsonnet failed"
echo
echo "djaz build vs. jsonnet: the example's template and two parameters files"
echo "  jsonnet: $("$JSONNET" --version 2>&1 | head -n 1)  (jsonnet -m DIR tests/bench/example.jsonnet)"
echo "  same JSON as djaz writes (jq -S): $same"
"${full_cmd[@]}" || die "djaz build failed on the example"
echo "  djaz build --only arm writes $(find "$work/build-out" -type f | wc -l) files (the peer's 3 and djaz.json);" \
  "djaz build writes $(find "$work/full-out" -type f | wc -l);" \
  "djaz check builds them all in memory and writes none"
awk -v nm="${bms[fresh]}" -v dm="${bms[djaz]}" -v jm="${bms[jsonnet]}" -v dk="$bkib_djaz" -v jk="$bkib_jsonnet" \
  -v fm="${bms[full]}" -v fk="$bkib_full" \
  -v cm="${ms[djaz,example]}" -v ck="${kib[djaz,example]}" 'BEGIN {
  printf "  %-22s %8s %8s\n", "", "ms", "MiB"
  printf "  %-22s %8.2f %8.1f\n", "djaz check", cm, ck / 1024
  printf "  %-22s %8.2f %8.1f\n", "djaz build", fm, fk / 1024
  printf "  %-22s %8.2f %8s   written and synced\n", "djaz build, new OUT", nm, ""
  printf "  %-22s %8.2f %8.1f\n", "djaz build --only arm", dm, dk / 1024
  printf "  %-22s %8.2f %8.1f   %.1fx the time, %.1fx the memory of djaz --only arm\n", "jsonnet", jm, jk / 1024,
    (dm > 0 ? jm / dm : 0), (dk > 0 ? jk / dk : 0)
}'

# ---- the example served: startup.sh vs. gunicorn's defaults --------------
bash "$here/serve.sh" "$DJAZ" || die "serve.sh failed (wrk against startup.sh and gunicorn's defaults)"
