#!/usr/bin/python3
"""The "nova" peer of the benchmark: Nova 26's own image lookup, the number to beat.

Measures `nova.image.glance.GlanceImageServiceV2().show(context, image_id)` (Debian's python3-nova
26 and python3-glanceclient 4.1) against a Glance v2 server, exactly as Nova does it: like
`nova.image.glance.API.get` (via `get_default_image_service()`), every call builds a new
GlanceImageServiceV2, whose GlanceClientWrapper builds a one-time glanceclient for the call; that
client's images controller fetches `/v2/schemas/image` again before `GET /v2/images/{id}`.  Nothing
is cached or monkeypatched away; only Nova's own process-wide keystoneauth session is shared, as in
Nova.  Concurrency is plain threads (nova-api's model closest to ours; no eventlet).

Usage (the Java load driver runs it as a subprocess; use /usr/bin/python3):
  /usr/bin/python3 bench/nova_peer.py --url http://127.0.0.1:PORT --ids FILE \
      --concurrency N --warmup SECONDS --measure SECONDS

FILE: one image uuid per line.  N threads take ids round-robin from one shared counter and call
show() for --warmup seconds (discarded), then for --measure seconds.  Prints one JSON line on stdout:
  {"count", "errors", "first_error", "seconds", "p50_ms", "p99_ms"}
count: successful calls that started and finished inside the measure window (the latencies);
errors: every call that raised, warm-up included (none is dropped); first_error: repr of the first
one, or null; percentiles: sorted latencies, index floor(p * count) clamped, null when count is 0.
Logs go to stderr (WARNING and above).  Exit 0 once the JSON is printed; 2 on bad arguments or a
setup failure (nova missing, configuration, ids file, Glance unreachable), with the reason on stderr.
"""
import argparse
import itertools
import json
import logging
import sys
import threading
import time
import warnings

warnings.simplefilter('ignore')

LOG = logging.getLogger('nova_peer')


def fail(msg):
    print('nova_peer: setup failed: %s' % msg, file=sys.stderr)
    sys.exit(2)


def parse_args(argv):
    p = argparse.ArgumentParser(description='Nova 26 GlanceImageServiceV2.show() load loop')
    p.add_argument('--url', required=True, help='Glance endpoint, e.g. http://127.0.0.1:9292')
    p.add_argument('--ids', required=True, help='file with one image uuid per line')
    p.add_argument('--concurrency', type=int, required=True)
    p.add_argument('--warmup', type=float, required=True, help='seconds, discarded')
    p.add_argument('--measure', type=float, required=True, help='seconds, measured')
    args = p.parse_args(argv)
    if args.concurrency < 1:
        p.error('--concurrency must be >= 1')
    if args.warmup < 0 or args.measure <= 0:
        p.error('--warmup must be >= 0 and --measure > 0')
    if not args.url.startswith(('http://', 'https://')):
        p.error('--url must be an http(s) URL')
    return args


def read_ids(path):
    try:
        with open(path, encoding='utf-8') as f:
            ids = [line.strip() for line in f if line.strip()]
    except OSError as e:
        fail('cannot read ids file %s: %s' % (path, e))
    if not ids:
        fail('ids file %s has no ids' % path)
    return ids


def setup_logging():
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING,
                        format='%(asctime)s %(levelname)s %(name)s: %(message)s')
    for name in ('nova', 'glanceclient', 'keystoneauth', 'keystoneauth1', 'oslo_config',
                 'oslo_policy', 'stevedore', 'urllib3', 'requests'):
        logging.getLogger(name).setLevel(logging.WARNING)
    # Nova's shared keystoneauth session pools 10 connections per host; above 10 threads urllib3
    # opens extra ones and warns each time it closes one ("Connection pool is full").  That is
    # Nova's real behaviour, not a failure: keep it off stderr.
    logging.getLogger('urllib3.connectionpool').setLevel(logging.ERROR)


def setup_nova(url):
    """Import Nova and configure [glance] without reading any /etc/nova file."""
    try:
        import nova.conf
        from nova import context as nova_context
        from nova import exception as nova_exception
        from nova.image import glance as nova_glance
    except ImportError as e:
        fail('cannot import nova/glanceclient (%s): install Debian python3-nova and '
             'python3-glanceclient and run with /usr/bin/python3' % e)
    warnings.simplefilter('ignore')  # in case an import reset the filters
    conf = nova.conf.CONF
    try:
        conf([], project='nova', default_config_files=[], default_config_dirs=[])
        conf.set_override('api_servers', [url], group='glance')
        conf.set_override('num_retries', 0, group='glance')
        conf.set_override('debug', False, group='glance')
        conf.set_override('insecure', False, group='glance')
        conf.set_override('enable_rbd_download', False, group='glance')
        conf.set_override('send_service_user_token', False, group='service_user')
    except Exception as e:  # oslo.config raises several unrelated types here
        fail('cannot configure nova: %r' % (e,))
    if list(conf.glance.api_servers) != [url] or conf.glance.num_retries != 0:
        fail('nova [glance] configuration did not take: api_servers=%r num_retries=%r'
             % (conf.glance.api_servers, conf.glance.num_retries))
    # Public images: a token (no keystone behind it; Glance is not asked to check it), project and
    # user, not admin.  One context shared read-only by all threads.
    ctx = nova_context.RequestContext(auth_token='bench-token', project_id='bench-project',
                                      user_id='bench-user', is_admin=False)
    return nova_glance, nova_exception, ctx


def percentile_ms(sorted_ns, p):
    if not sorted_ns:
        return None
    i = min(len(sorted_ns) - 1, max(0, int(p * len(sorted_ns))))
    return sorted_ns[i] / 1e6


def main(argv):
    args = parse_args(argv)
    setup_logging()
    ids = read_ids(args.ids)
    nova_glance, nova_exception, ctx = setup_nova(args.url)

    def show(image_id):
        # As nova.image.glance.API.get: a new service (and client wrapper) per call; the wrapper
        # builds a one-time glanceclient for the call.
        return nova_glance.GlanceImageServiceV2().show(ctx, image_id)

    state_lock = threading.Lock()
    errors = [0]
    first_error = [None]

    def record_error(exc):
        with state_lock:
            errors[0] += 1
            if first_error[0] is None:
                first_error[0] = repr(exc)

    # Pre-flight (not measured): one call, so an unreachable Glance is a setup failure rather than
    # a run of errors.  Any other failure is an ordinary error, counted below.
    try:
        show(ids[0])
    except nova_exception.GlanceConnectionFailed as e:
        fail('Glance at %s is unreachable: %s' % (args.url, e))
    except Exception as e:
        record_error(e)

    counter = itertools.count()  # next() on it is atomic in CPython: the shared round-robin cursor
    n_ids = len(ids)
    go = threading.Event()
    times = {}
    per_thread = [[] for _ in range(args.concurrency)]

    def worker(slot):
        lat = per_thread[slot]
        go.wait()
        measure_start, measure_end = times['measure_start'], times['measure_end']
        clock = time.perf_counter_ns
        while True:
            t0 = clock()
            if t0 >= measure_end:
                return
            image_id = ids[next(counter) % n_ids]
            try:
                show(image_id)
            except Exception as e:
                record_error(e)
                continue
            t1 = clock()
            if t0 >= measure_start and t1 <= measure_end:
                lat.append(t1 - t0)

    threads = [threading.Thread(target=worker, args=(i,), name='nova-peer-%d' % i, daemon=True)
               for i in range(args.concurrency)]
    for t in threads:
        t.start()
    start = time.perf_counter_ns()
    times['measure_start'] = start + int(args.warmup * 1e9)
    times['measure_end'] = times['measure_start'] + int(args.measure * 1e9)
    go.set()
    for t in threads:
        t.join()

    lat = sorted(itertools.chain.from_iterable(per_thread))
    result = {'count': len(lat), 'errors': errors[0], 'first_error': first_error[0],
              'seconds': args.measure, 'p50_ms': percentile_ms(lat, 0.50),
              'p99_ms': percentile_ms(lat, 0.99)}
    sys.stdout.write(json.dumps(result) + '\n')
    sys.stdout.flush()
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
