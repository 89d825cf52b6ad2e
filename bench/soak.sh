#!/usr/bin/env bash
# The soak benchmark, from one command: bash bench/soak.sh
# Starts the shipped jar with the README's run command, loads it with wrk (16 connections) for SOAK_MINUTES
# (default 10) twice: with a consumer draining the downstream queue, and with nobody reading it. Writes
# bench/results/soak.md (a table per run and the targets) and bench/results/soak.png (lookups/s and RSS over time).
# SOAK_OPTS passes -Dsoak.* switches: -Dsoak.runs=undrained -Dsoak.window-seconds=15 -Dsoak.concurrency=16
# -Dsoak.service-opts="-XX:+UseSerialGC -Xmx96m" (the service's JVM options; default: the README's).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null; then
  echo "installing wrk"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends wrk >/dev/null 2>&1 \
    || { apt-get update >/dev/null && apt-get install -y --no-install-recommends wrk >/dev/null; }
fi
mvn -q -B -ntp -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test
exec java -Xmx256m --add-exports jdk.attach/sun.tools.attach=ALL-UNNAMED -Dsoak.minutes="${SOAK_MINUTES:-10}" ${SOAK_OPTS:-} \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  org.glancelookup.bench.SoakBench bench/results
