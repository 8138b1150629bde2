# A Python App Service no longer offers, before its end of life: the date
# is pinned to 2024-06-01, when 3.8 (end of life 2024-10-07) still had
# support upstream but App Service no longer offered it.
export SOURCE_DATE_EPOCH=1717200000
sed 's/"3.13"/"3.8"/; s/"5.2"/"4.2"/; s/django==5.2.18/django==4.2.28/' sema-valid-minimal.djaz >/tmp/djaz-py38-$$.djaz
"$DJAZ" check --color=never /tmp/djaz-py38-$$.djaz 2>&1 | sed "s|/tmp/djaz-py38-$$|app|"
status=${PIPESTATUS[0]}
rm -f /tmp/djaz-py38-$$.djaz
exit $status
