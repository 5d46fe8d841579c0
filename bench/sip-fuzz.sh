#!/usr/bin/env bash
# Long coverage-guided fuzzing run of sip-core's parser (SipMessageParserFuzzTest) with the Jazzer
# driver, outside JUnit so the duration is not the @FuzzTest maxDuration of the CI run.
# Usage: bench/sip-fuzz.sh [seconds, default 3600] [more libFuzzer flags, e.g. -jobs=2 -workers=2]
# The corpus grows in bundles/sip-core/target/fuzz-corpus; findings are written to
# bundles/sip-core/target/crash-* (copy one into the test's Inputs directory to keep it as a regression).
set -euo pipefail
cd "$(dirname "$0")/../bundles/sip-core"
seconds="${1:-3600}"
shift || true

mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
mkdir -p target/fuzz-corpus
exec java -cp "target/test-classes:target/classes:$(cat target/test.classpath)" com.code_intelligence.jazzer.Jazzer \
  --target_class=org.tabphone.sip.api.SipMessageParserFuzzTest --target_method=parseAndFrame \
  --instrumentation_includes='org.tabphone.sip.**' \
  -max_total_time="$seconds" -artifact_prefix=target/ "$@" \
  target/fuzz-corpus src/test/resources/org/tabphone/sip/api/SipMessageParserFuzzTestInputs/parseAndFrame
