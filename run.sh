#!/usr/bin/env bash
# Builds what is missing and starts Guichet in the foreground (Ctrl+D or 'shutdown' to stop).
# The distribution is unpacked afresh into target/guichet at each start, so it always runs the code you built;
# Guichet's own data (database, files: target/guichet/data/guichet) is kept from one start to the next.
set -euo pipefail
cd "$(dirname "$0")"
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
archive="karaf-assembly/target/guichet-karaf-${version}.tar.gz"

if [ ! -f "$archive" ] || [ -n "$(find bundles rules features karaf-assembly/src pom.xml -newer "$archive" -type f -not -path '*/target/*' -print -quit)" ]; then
  echo "Building Guichet (tests skipped; run 'mvn install' for the tests)..."
  mvn -B -q -ntp install -DskipTests -pl karaf-assembly -am
fi

home=target/guichet
kept=target/guichet-data
if [ -d "$home/data/guichet" ]; then
  rm -rf "$kept" && mv "$home/data/guichet" "$kept"
fi
rm -rf "$home" && mkdir -p "$home"
tar xzf "$archive" -C "$home" --strip-components=1
if [ -d "$kept" ]; then
  mkdir -p "$home/data" && mv "$kept" "$home/data/guichet"
fi
echo "Starting Guichet: open http://127.0.0.1:${GUICHET_HTTP_PORT:-8181}/ once /api/v1/health says UP."
exec "$home/bin/karaf" "$@"
