#!/usr/bin/env bash
# The one step that gives the tests a real browser and a real spreadsheet: Debian's Chromium
# (HTML report tests, driven by playwright-core) and LibreOffice Calc (xlsx recalculation tests).
# Run by `npm test` (pretest). Installs what is missing when run as root with apt-get; otherwise
# says what is missing. In CI (CI=true) a missing program is a failure, never a skip.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: installing ${need[*]} (Debian packages)…" >&2
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-dejavu-core >/dev/null; then
    exit 0
  fi
  echo "system-deps: apt-get could not install ${need[*]}" >&2
else
  echo "system-deps: missing ${need[*]}; install them as root: apt-get install ${need[*]}" >&2
fi
if [ "${CI:-}" = true ]; then exit 1; fi
echo "system-deps: the browser and spreadsheet tests will fail until then" >&2
exit 0
