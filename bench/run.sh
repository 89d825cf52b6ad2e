#!/usr/bin/env bash
# The benchmark, from one command: bash bench/run.sh
# Runs src/test/java/org/glancelookup/bench/LookupBench.java in one process (baseline, direct, http, jms, nova,
# direct-cached, direct-3-up, direct-1-down, direct-noauth and direct-service-token (a real Keystone from
# scripts/real-keystone.sh) at concurrency 1, 4, 16, each after a warm-up that lasts until its
# figure stops moving; then the shipped jar, started with the README's command: start-to-ready, RSS, and a new
# instance's first 10 s after ready) and writes bench/results/results.md and bench/results/results.png.
# BENCH_OPTS passes -Dbench.* switches, e.g. -Dbench.modes=baseline,direct -Dbench.concurrency=16
# -Dbench.api-version=1 -Dbench.settings=lookup.downstream-uri=log:x (see LookupBench); BENCH_OUT another
# directory for results.md and results.png (a partial run's, say).
set -euo pipefail
cd "$(dirname "$0")/.."
# the nova peer needs Debian's python3-nova and python3-glanceclient (installed if missing)
bash interop/setup.sh
# the shaded jar and its class-data archive (the shipped-service rows), the test classes, and their class path
mvn -q -B -ntp -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test
# nodelay: the JDK's HTTP server (the Glance stand-in) would otherwise stall small answers on Nagle's algorithm
exec java -Xmx1g -Dsun.net.httpserver.nodelay=true -Dglance.log.level=WARN ${BENCH_OPTS:-} \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  org.glancelookup.bench.LookupBench "${BENCH_OUT:-bench/results}"
