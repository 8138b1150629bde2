# Every command whose output cannot be written exits 2 and says so on
# standard error: standard output on /dev/full (ENOSPC) and closed (EBADF),
# in every output format; standard error on /dev/full exits 2 too.  What
# writes nothing on the failing stream still exits as before.
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
root=$(cd ../../.. && pwd)
example=$root/examples/django-on-azure/app.djaz
warned=$root/tests/diagnostics/cases/6001-hardening-off.djaz
printf 'djaz 1\napp x {python="3.13"}\n' >"$dir/ugly.djaz"
cd "$dir"

# NAME ARGS...: the exit status and standard error, stdout full then closed.
run() {
  local name=$1 status
  shift
  "$DJAZ" "$@" <"${stdin:-/dev/null}" >/dev/full 2>err; status=$?
  echo "$name >/dev/full: $status"; cat err
  "$DJAZ" "$@" <"${stdin:-/dev/null}" >&- 2>err; status=$?
  echo "$name >&-: $status"; cat err
}
run "--help" --help
run "help" help
run "help check" help check
run "check --help" check --help
run "--version" --version
run "check --format json" check --format json "$warned"
run "check --format sarif" check --format sarif "$warned"
run "check --format sarif (clean)" check --format sarif "$example"
run "ir" ir "$example"
run "ir --env" ir --env staging "$example"
run "schema" schema
run "schema app" schema app
run "explain" explain DJZ1021
run "explain --list" explain --list
run "parse --dump-ast" parse --dump-ast "$example"
stdin=ugly.djaz run "fmt -" fmt -
run "fmt --check --diff" fmt --check --diff ugly.djaz
cp ugly.djaz ugly2.djaz
"$DJAZ" fmt ugly2.djaz >/dev/full; echo "fmt FILE (prints its name) >/dev/full: $?"
cp ugly.djaz ugly2.djaz
"$DJAZ" fmt ugly2.djaz >&-; echo "fmt FILE (prints its name) >&-: $?"
# Output of one buffer's size or more fails before the final flush, which
# then has nothing left to write: the reason must still be said, for every
# size around the first two buffers' ends (4096 and 8192 bytes).
for n in 4090 4095 4096 4097 4200 8191 8192 8193; do
  { printf 'djaz 1\n'; head -c $((n - 9)) /dev/zero | tr '\0' x | sed 's/^/# /'
    printf '\n'; } >pad.djaz
  "$DJAZ" fmt - <pad.djaz >/dev/full 2>err; status=$?
  echo "fmt - of $(wc -c <pad.djaz) bytes >/dev/full: $status," \
    "reason said: $(grep -c 'standard output: No space left' err)"
done
run "build --format sarif" build --format sarif -q "$example" -o out
run "build --format json (warnings)" build --format json "$warned" -o out2

echo "-- nothing to write on standard output: unchanged"
run "check (clean)" check "$example"
run "check --format json (clean)" check --format json "$example"
run "build" build "$example" -o out3
run "fmt (already formatted)" fmt ugly2.djaz

echo "-- standard error"
"$DJAZ" check "$warned" 2>/dev/full; echo "check (warnings) 2>/dev/full: $?"
"$DJAZ" check "$warned" 2>&-; echo "check (warnings) 2>&-: $?"
"$DJAZ" check --format sarif "$warned" >/dev/null 2>/dev/full
echo "check --format sarif 2>/dev/full (nothing on stderr): $?"
"$DJAZ" check "$example" 2>/dev/full; echo "check (clean) 2>/dev/full: $?"
"$DJAZ" chek 2>/dev/full; echo "usage error 2>/dev/full: $?"

# LeakSanitizer cannot run under ptrace (an ASan build): off under strace.
nolsan=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
echo "-- standard error is flushed, never closed: what writes to it after"
echo "   main (a sanitizer's report at exit) still reaches it"
ASAN_OPTIONS=$nolsan strace -o trace -e trace=close "$DJAZ" --version >/dev/null
grep -c '^close(2)' trace
ASAN_OPTIONS=$nolsan strace -o trace -e trace=close "$DJAZ" check nothing.djaz 2>/dev/null
grep -c '^close(2)' trace
"$DJAZ" --version >/dev/null 2>/dev/full; echo "--version 2>/dev/full (nothing on it): $?"
exit 0
