# fmt replaces only the file it read, wherever it is stopped or fails:
#  - a symbolic link turned to another file mid-run (djaz stopped, by an
#    injected SIGSTOP, once realpath(3) has read the link) formats the
#    file read, never the new target's text into the old target;
#  - --check and --diff --check on a path with no real name (a pipe)
#    write nothing, so they work;
#  - SIGINT, SIGTERM and SIGHUP while the temporary file exists remove it
#    (an ignored SIGINT stays ignored);
#  - a failed fsync of the temporary file or of the directory after the
#    rename is exit 2, never 0.
# The stops and failures are injected by strace at a numbered system call.
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
cd "$dir"
ugly='djaz 1\napp x {python="3.13"}\n'
evil='djaz 1\n\napp   "evil" {\n}\n'
# LeakSanitizer cannot run under ptrace (an ASan build): off under strace.
nolsan=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
inject() { ASAN_OPTIONS=$nolsan strace -o /dev/null -e inject="$1" "$DJAZ" "${@:2}"; }

echo "-- a link turned to another file mid-run"
printf "$ugly" >A.djaz; printf "$evil" >B.djaz; cp B.djaz B.orig
ln -s A.djaz link.djaz
ASAN_OPTIONS=$nolsan strace -o trace -e trace=readlink -e inject=readlink:signal=SIGSTOP:when=2 \
  "$DJAZ" fmt link.djaz >out 2>&1 &
for _ in $(seq 1200); do
  grep -q 'stopped by SIGSTOP' trace 2>/dev/null && break
  sleep 0.05
done
grep -c 'stopped by SIGSTOP' trace
ln -sfn B.djaz link.djaz
kill -CONT "$(pgrep -P $! -x djaz)"
wait $!; echo "exit $?"
cat out
cmp -s B.djaz B.orig && echo "B.djaz untouched"
cat A.djaz
ls -A

echo "-- the file turned into a link to itself, moved, mid-run (stopped at"
echo "   the temporary file's fsync): refused, the link and the file kept"
printf "$ugly" >C.djaz; rm -f trace
ASAN_OPTIONS=$nolsan strace -o trace -e trace=fsync -e inject=fsync:signal=SIGSTOP:when=1 \
  "$DJAZ" fmt C.djaz >out 2>&1 &
for _ in $(seq 1200); do
  grep -q 'stopped by SIGSTOP' trace 2>/dev/null && break
  sleep 0.05
done
mv C.djaz C2.djaz; ln -s C2.djaz C.djaz
kill -CONT "$(pgrep -P $! -x djaz)"
wait $!; echo "exit $?"
cat out
stat -c '%n %F' C.djaz C2.djaz
cmp -s C2.djaz <(printf "$ugly") && echo "C2.djaz untouched"
ls -A | grep fmt-
rm -f C.djaz C2.djaz trace out

echo "-- a pipe: --check and --diff write nothing"
"$DJAZ" fmt --check <(printf "$ugly") | sed 's|/dev/fd/[0-9]*|/dev/fd/N|'
echo "--check: ${PIPESTATUS[0]}"
"$DJAZ" fmt --check --diff <(printf "$ugly") | sed 's|/dev/fd/[0-9]*|/dev/fd/N|'
echo "--check --diff: ${PIPESTATUS[0]}"
"$DJAZ" fmt --check <(printf 'djaz 1\n\napp x { python = "3.13" }\n')
echo "--check, formatted: $?"
"$DJAZ" fmt <(printf "$ugly") 2>&1 | sed 's|/dev/fd/[0-9]*|/dev/fd/N|'
echo "rewrite: ${PIPESTATUS[0]}"

echo "-- a signal while the temporary file exists"
for sig in SIGINT SIGTERM SIGHUP; do
  printf "$ugly" >s.djaz
  (inject fsync:signal=$sig:when=1 fmt s.djaz) 2>/dev/null
  echo "$sig: $?"
  cmp -s s.djaz <(printf "$ugly") && echo "s.djaz untouched"
  ls -A | grep fmt-
done
printf "$ugly" >s.djaz
(trap '' INT; inject fsync:signal=SIGINT:when=1 fmt s.djaz; echo "ignored SIGINT: $?")
cat s.djaz
ls -A | grep fmt-

echo "-- a failed fsync"
printf "$ugly" >f.djaz
inject fsync:error=EIO:when=1 fmt f.djaz; echo "of the file: $?"
cmp -s f.djaz <(printf "$ugly") && echo "f.djaz untouched"
inject fsync:error=EIO:when=2 fmt f.djaz; echo "of the directory: $?"
cat f.djaz
rm -f A.djaz B.djaz B.orig link.djaz trace out s.djaz f.djaz
ls -A
