#!/usr/bin/env bash
# A standalone ActiveMQ Artemis broker on loopback, for running glance-lookup against an external broker
# (broker.url) and for the tests that kill and restart a broker.
#
#   scripts/artemis-broker.sh create DIR [PORT]   make a broker instance in DIR (once; later calls do nothing)
#   scripts/artemis-broker.sh start  DIR          start it in the background
#   scripts/artemis-broker.sh run    DIR          run it in the foreground (exec: the caller's process is the broker)
#   scripts/artemis-broker.sh stop   DIR          stop it gracefully
#
# The distribution comes from Maven Central (org.apache.activemq:apache-artemis:bin:tar.gz, unpacked into
# target/artemis by `mvn generate-test-resources`). The instance listens on 127.0.0.1 only (core protocol,
# no AMQP/MQTT/STOMP/web console), requires a login (user/password: $ARTEMIS_USER / $ARTEMIS_PASSWORD,
# default glance/glance), and configures the request queue as the embedded broker does: redelivery with
# back-off and, after max deliveries, the dead letter queue DLQ.<request queue>.
set -euo pipefail

VERSION=2.44.0
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
HOME_DIR="$ROOT/target/artemis/apache-artemis-$VERSION"
USER_NAME="${ARTEMIS_USER:-glance}"
PASSWORD="${ARTEMIS_PASSWORD:-glance}"
QUEUE="${LOOKUP_QUEUE:-glance.image.lookup}"
MAX_DELIVERIES="${MAX_DELIVERIES:-5}"
REDELIVERY_DELAY_MS="${REDELIVERY_DELAY_MS:-1000}"

distribution() {
  if [ ! -x "$HOME_DIR/bin/artemis" ]; then
    (cd "$ROOT" && mvn -q -B -ntp generate-test-resources)
  fi
}

create() {
  local dir="$1" port="${2:-61616}"
  if [ -f "$dir/etc/broker.xml" ]; then
    return 0
  fi
  distribution
  "$HOME_DIR/bin/artemis" create --silent --force --nio \
    --require-login --user "$USER_NAME" --password "$PASSWORD" \
    --host 127.0.0.1 --default-port "$port" \
    --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor --no-web \
    "$dir" >/dev/null
  # the request queue: redelivered with back-off, then dead-lettered intact; its DLQ exists from the start
  local settings="<address-setting match=\"$QUEUE\"><dead-letter-address>DLQ.$QUEUE</dead-letter-address>"
  settings+="<max-delivery-attempts>$MAX_DELIVERIES</max-delivery-attempts>"
  settings+="<redelivery-delay>$REDELIVERY_DELAY_MS</redelivery-delay>"
  settings+="<redelivery-delay-multiplier>2.0</redelivery-delay-multiplier>"
  settings+="<max-redelivery-delay>30000</max-redelivery-delay></address-setting>"
  local addresses="<address name=\"DLQ.$QUEUE\"><anycast><queue name=\"DLQ.$QUEUE\"/></anycast></address>"
  addresses+="<address name=\"$QUEUE\"><anycast><queue name=\"$QUEUE\"/></anycast></address>"
  sed -i "s#</address-settings>#$settings</address-settings>#; s#</addresses>#$addresses</addresses>#" \
    "$dir/etc/broker.xml"
}

case "${1:-}" in
  create) create "${2:?DIR}" "${3:-61616}" ;;
  start) "${2:?DIR}/bin/artemis-service" start ;;
  run) exec "${2:?DIR}/bin/artemis" run ;;
  stop) "${2:?DIR}/bin/artemis-service" stop ;;
  *) sed -n '2,17p' "$0"; exit 2 ;;
esac
