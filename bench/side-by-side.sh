#!/usr/bin/env bash
# The side-by-side benchmark: Strand's and Apache's clients against the bundled broker and a real
# Apache Kafka 4.1 broker (KRaft, free loopback ports), in one run, and the table of ratios written
# into docs/PERFORMANCE.md. A benchmark, not a test: nothing in the build runs it. It took 12 minutes
# with --reps 5, 17 to 19 with --reps 7 --consumer-reps 9 and 27 with --reps 11 --consumer-reps 9
# (the run docs/PERFORMANCE.md keeps) on the 2-core build machine.
#
#   bench/side-by-side.sh --reps 11 --consumer-reps 9   # everything, written into docs/PERFORMANCE.md
#   bench/side-by-side.sh --sections producer --reps 1 --no-doc   # a quick look, printed only
#   bench/side-by-side.sh --help               # every option
#
# Builds bench/target/strand-bench.jar first when it is missing (REBUILD=1 forces it; MVN_FLAGS adds
# Maven flags, for example MVN_FLAGS=-o). CLIENT_JVM_OPTS sets the options of the client JVMs (each
# client library runs in its own JVM, as in an application; the harness JVM only coordinates).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
jar=bench/target/strand-bench.jar
if [[ ! -f "$jar" || "${REBUILD:-0}" == 1 ]]; then
  # -DskipTests still compiles the test classes: the clients test-jar (RealKafka) needs them.
  mvn -B -q ${MVN_FLAGS:-} -pl bench -am package -DskipTests
fi
doc=(--doc docs/PERFORMANCE.md)
args=()
for a in "$@"; do
  if [[ "$a" == "--no-doc" ]]; then doc=(); else args+=("$a"); fi
done
# shellcheck disable=SC2086
exec java -Xmx1g -jar "$jar" side-by-side --client-jvm-opts "${CLIENT_JVM_OPTS:--Xms2g -Xmx2g -XX:+UseG1GC}" \
  "${doc[@]}" "${args[@]}"
