#!/usr/bin/env bash
# Runs the benchmark (src/test/java/org/glancelookup/bench/LookupBench.java) in one process and writes
# bench/results/results.md: lookups/s, p50/p99 and the ratio to the raw-HTTP baseline, per mode and concurrency.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx512m -Dglance.log.level=WARN ${BENCH_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  org.glancelookup.bench.LookupBench bench/results
