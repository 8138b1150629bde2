# fmt rewrites only as an editor would: a symbolic link's target is
# formatted and the link kept; mode, owner and group are kept (the file
# chowned to nobody, as root); a read-only file (0444, also for root; for
# a user, one access(2) refuses), one with several hard links, and a
# non-regular file are refused with exit 2 and left as they were.
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
chmod 755 "$dir"
cd "$dir"
ugly='djaz 1\napp x {python="3.13"}\n'
state() { stat -c '%n %F %a %U:%G %h' "$@"; }
same() { cmp -s "$1" orig && echo "$1 untouched" || echo "$1 CHANGED"; }
printf "$ugly" >orig

echo "-- a symbolic link (relative, to another directory, through a chain)"
mkdir real links
printf "$ugly" >real/app.djaz
ln -s ../real/app.djaz links/one.djaz
ln -s one.djaz links/two.djaz
"$DJAZ" fmt links/two.djaz; echo "exit $?"
state links/one.djaz links/two.djaz real/app.djaz
readlink links/two.djaz links/one.djaz
cat real/app.djaz
ls -A real links

echo "-- mode, owner and group are kept"
printf "$ugly" >owned.djaz
chown nobody:nogroup owned.djaz
chmod 2664 owned.djaz
"$DJAZ" fmt owned.djaz; echo "exit $?"
state owned.djaz
printf "$ugly" >link-target.djaz
chown nobody:nogroup link-target.djaz
chmod 600 link-target.djaz
ln -s link-target.djaz link.djaz
"$DJAZ" fmt link.djaz; echo "exit $?"
state link.djaz link-target.djaz

echo "-- read-only, for root too"
printf "$ugly" >ro.djaz; chmod 444 ro.djaz
"$DJAZ" fmt ro.djaz; echo "exit $?"
same ro.djaz; state ro.djaz
printf "$ugly" >rx.djaz; chmod 555 rx.djaz
ln -s rx.djaz rx-link.djaz
"$DJAZ" fmt rx-link.djaz; echo "exit $?"
same rx.djaz
"$DJAZ" fmt --check ro.djaz; echo "--check on read-only: $?"
"$DJAZ" fmt -- - <ro.djaz >/dev/null; echo "stdin from read-only: $?"
cp orig formatted.djaz; "$DJAZ" fmt formatted.djaz >/dev/null
chmod 444 formatted.djaz
"$DJAZ" fmt formatted.djaz; echo "read-only, nothing to change: $?"

echo "-- read-only for a user (access(2)), in a directory anyone may write"
mkdir shared; chmod 1777 shared
printf "$ugly" >shared/root.djaz; chmod 644 shared/root.djaz
setpriv --reuid=nobody --regid=nogroup --clear-groups "$DJAZ" fmt shared/root.djaz
echo "exit $?"
cp orig shared/orig; cmp -s shared/root.djaz orig && echo "shared/root.djaz untouched"
state shared/root.djaz
printf "$ugly" >shared/group.djaz; chgrp nogroup shared/group.djaz
chmod 664 shared/group.djaz
setpriv --reuid=nobody --regid=nogroup --clear-groups "$DJAZ" fmt shared/group.djaz
echo "another's file, writable by the group: $?"
cmp -s shared/group.djaz orig && echo "shared/group.djaz untouched"
state shared/group.djaz
printf "$ugly" >shared/mine.djaz; chown nobody:nogroup shared/mine.djaz
chmod 640 shared/mine.djaz
setpriv --reuid=nobody --regid=nogroup --clear-groups "$DJAZ" fmt shared/mine.djaz
echo "a user's own file: $?"
state shared/mine.djaz
printf "$ugly" >shared/their-group.djaz
chown nobody:root shared/their-group.djaz
setpriv --reuid=nobody --regid=nogroup --clear-groups "$DJAZ" fmt shared/their-group.djaz
echo "a user's own file, in a group not theirs: $?"
state shared/their-group.djaz
ls -A shared
mkdir locked; printf "$ugly" >locked/a.djaz; chown nobody locked/a.djaz
chmod 555 locked
setpriv --reuid=nobody --regid=nogroup --clear-groups "$DJAZ" fmt locked/a.djaz 2>&1 |
  sed "s|$dir|DIR|"
echo "in a directory the user cannot write: ${PIPESTATUS[0]}"
cmp -s locked/a.djaz orig && echo "locked/a.djaz untouched"

echo "-- hard links, a directory"
printf "$ugly" >hard.djaz; ln hard.djaz hard2.djaz
"$DJAZ" fmt hard.djaz; echo "exit $?"
same hard.djaz; state hard.djaz
mkdir dir.djaz
"$DJAZ" fmt dir.djaz; echo "exit $?"
ln -s nowhere.djaz dangling.djaz
"$DJAZ" fmt dangling.djaz; echo "exit $?"

echo "-- one refused, the next still formatted"
printf "$ugly" >next.djaz
"$DJAZ" fmt ro.djaz next.djaz; echo "exit $?"
same ro.djaz; cat next.djaz
ls -A | grep -c djaz-fmt
exit 0
