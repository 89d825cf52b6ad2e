#!/usr/bin/python3
"""Over-the-wire differential corpus for v1 headers (SPEC section 4).

Usage: /usr/bin/python3 interop/reference/wire.py OUT.json [CASES]

Each case is the raw bytes of a `HEAD /v1/images/{id}` answer whose header values are drawn from the whole
field-value grammar (visible ASCII, obs-text bytes 0x80-0xFF, spaces and tabs inside and at the end, commas,
brackets, quotes, repeated headers, any whitespace after the colon).  The expected result is what the reference
code makes of those same bytes read over a socket: glanceclient 4.1's own HTTP client (requests, urllib3 and
Python's http.client) sends the HEAD to a byte-level server on 127.0.0.1 that writes the case's bytes, then
glanceclient's `_image_meta_from_headers` and Nova 26's availability check and conversions run on what it
received (generate.py's evaluate_v1).  The Java side (WireDifferentialTest) serves the same bytes to the service.
Seeded: two runs write byte-identical files.

One adaptation, recorded in the note of each case it changes ("adapted:"): Python 3's http.client hands
glanceclient every header value as ISO-8859-1 text, and glanceclient's safe_decode leaves text as it is, so Nova
on Python 3 sees a UTF-8 value such as "caf\xc3\xa9" as mojibake.  SPEC section 4 says header values are UTF-8
(bytes that are not UTF-8 stay ISO-8859-1 characters), so the values glanceclient received are re-decoded that
way before the reference code runs.  Everything else (whitespace, commas, brackets, quotes, repeated headers) is
compared exactly as it came over the wire.
"""
import base64
import json
import os
import random
import socket
import sys
import threading
import uuid as uuid_module

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate  # noqa: E402  (the reference evaluation, and the version checks)
from glanceclient.common import http as glance_http  # noqa: E402

SEED = 20261201
CASES = 600

VCHAR = [chr(c) for c in range(0x21, 0x7f)]
OBS_TEXT = [chr(c) for c in range(0x80, 0x100)]
SPECIAL = [',', '[', ']', '"', "'", '{', '}', ':', ';', '=', '\\']
BOOLS = ['True', 'true', 'False', 'false', '1', '0', 'yes', 'no', 'on', 'off', 't', 'y', 'n', 'TRUE', 'maybe', '']
INTS = ['0', '12', '2147483648', '-3', '+5', '1_000', '1__0', '_1', '0x10', '007', '1.5', 'twelve', '']
UTF8_WORDS = ['caf\u00e9', 'na\u00efve', '\u65e5\u672c', '\u00fcber', '\U0001f600']
STAMPS = ['2012-11-02T17:40:22', '2012-11-02T17:40:22.5', '2012-11-02T17:40:22Z', '2012-11-02 17:40:22',
          '2012-11-02T17:40:22+02:00']
BASE_CHECKSUM = '0123456789abcdef0123456789abcdef'


def latin1(text):
    """A str of code points 0-255 as the bytes they stand for; others as UTF-8."""
    out = bytearray()
    for ch in text:
        out += bytes([ord(ch)]) if ord(ch) < 0x100 else ch.encode('utf-8')
    return bytes(out)


def grammar_value(rng, max_len=24):
    """field-content: field-vchar [ 1*( SP / HTAB / field-vchar ) field-vchar ], plus trailing SP/HTAB."""
    n = rng.randint(1, max_len)
    parts = []
    for i in range(n):
        r = rng.random()
        if r < 0.45:
            parts.append(rng.choice(VCHAR))
        elif r < 0.6:
            parts.append(rng.choice(SPECIAL))
        elif r < 0.72:
            parts.append(rng.choice(OBS_TEXT))
        elif r < 0.8:
            parts.append(rng.choice(UTF8_WORDS))
        else:
            parts.append(rng.choice([' ', '\t', '  ', ' \t ']))
    value = ''.join(parts).lstrip(' \t')
    if rng.random() < 0.3:
        value += rng.choice([' ', '\t', '  ', ' \t'])
    return value


def padded(rng, value):
    """A value with whitespace of its own inside or around it (the rules trim some of it)."""
    r = rng.random()
    if r < 0.2:
        return ' ' + value + ' '
    if r < 0.3:
        return '\t' + value + '\t'
    if r < 0.4:
        return value + '  '
    return value


def json_mapping(rng):
    """A JSON list of mappings, as block_device_mapping is sent: brackets and commas in one value."""
    items = []
    for _ in range(rng.randint(1, 3)):
        items.append('{"device_name": "/dev/vd%s", "boot_index": %d, "tag": "%s"}'
                     % (rng.choice('abc'), rng.randint(0, 3), rng.choice(['a,b', '[x]', 'q\\"q', 'plain'])))
    text = '[' + rng.choice([', ', ',', ' ,\t']).join(items) + ']'
    if rng.random() < 0.05:
        text = text[:-1]  # cut short: not JSON
    return text + rng.choice(['', '', ' ', '\t'])


def build_case(rng, n):
    image_id = str(uuid_module.UUID(int=rng.getrandbits(128), version=4))
    fields = [('id', image_id), ('status', rng.choice(['active', 'active', 'active', 'queued', 'active '])),
              ('is_public', padded(rng, rng.choice(BOOLS))), ('name', grammar_value(rng)),
              ('disk_format', rng.choice(['raw', 'qcow2', grammar_value(rng, 8)])),
              ('container_format', rng.choice(['bare', 'ovf', 'aki', 'ari', grammar_value(rng, 8)])),
              ('size', padded(rng, rng.choice(INTS))), ('min_ram', padded(rng, rng.choice(INTS))),
              ('min_disk', padded(rng, rng.choice(INTS))), ('checksum', rng.choice([BASE_CHECKSUM, grammar_value(rng)])),
              ('owner', grammar_value(rng, 12)), ('protected', padded(rng, rng.choice(BOOLS))),
              ('deleted', padded(rng, rng.choice(['false', 'False', '0', 'true', ' no ']))),
              ('created_at', rng.choice(STAMPS) + ('' if rng.random() < 0.9 else ' ')),
              ('updated_at', rng.choice(STAMPS))]
    rng.shuffle(fields)
    lines = [('x-image-meta-' + k, v) for k, v in fields if rng.random() < 0.9 or k in ('id', 'status')]
    for p in range(rng.randint(0, 6)):
        lines.append(('x-image-meta-property-p%d' % p, grammar_value(rng)))
    if rng.random() < 0.4:
        lines.append(('x-image-meta-property-block_device_mapping', json_mapping(rng)))
    if rng.random() < 0.2:
        lines.append(('x-image-meta-property-mappings', json_mapping(rng)))
    for owner_key in ('owner_id', 'project_id', 'user_id'):
        if rng.random() < 0.2:
            lines.append(('x-image-meta-property-' + owner_key, rng.choice(['p-1111', 'u-1111', 'p-1111 ', 'x'])))
    # repeated headers: glanceclient sees them joined with ", "
    for _ in range(rng.randint(0, 2)):
        name, _value = rng.choice(lines[1:] if len(lines) > 1 else lines)
        if name != 'x-image-meta-id':
            lines.insert(rng.randint(0, len(lines)), (name, grammar_value(rng, 10)))
    lines.append(('x-openstack-request-id', 'req-%08d' % n))
    head = bytearray(b'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n')
    for name, value in lines:
        name = ''.join(c.upper() if rng.random() < 0.2 else c for c in name)
        head += latin1(name) + b':' + latin1(rng.choice([' ', '', '\t', '  ', ' \t'])) + latin1(value) + b'\r\n'
    head += b'\r\n'
    context = rng.choice([generate.ctx(), generate.ctx('gAAAAAB-token-0001', 'p-1111', 'u-1111'),
                          generate.ctx(None, 'p-1111', 'u-1111'), generate.ctx(None, 'p-2222', 'u-2222'),
                          generate.ctx(None, None, None, True)])
    return image_id, bytes(head), context


class ByteServer(object):
    """Answers every request on 127.0.0.1 with the current case's bytes (keep-alive, like a Glance)."""

    def __init__(self):
        self.answer = b''
        self.listener = socket.socket()
        self.listener.bind(('127.0.0.1', 0))
        self.listener.listen(8)
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self):
        return 'http://127.0.0.1:%d' % self.listener.getsockname()[1]

    def _accept(self):
        while True:
            conn, _ = self.listener.accept()
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn):
        with conn:
            data = b''
            while True:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                data += chunk
                while b'\r\n\r\n' in data:
                    _request, data = data.split(b'\r\n\r\n', 1)
                    conn.sendall(self.answer)


def spec_utf8(value):
    """SPEC section 4: a value's bytes are UTF-8 where they can be; otherwise its ISO-8859-1 text stays."""
    try:
        return value.encode('latin-1').decode('utf-8')
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


def main(argv):
    if len(argv) not in (2, 3):
        sys.exit('usage: %s OUT.json [CASES]' % argv[0])
    count = int(argv[2]) if len(argv) == 3 else CASES
    rng = random.Random(SEED)
    server = ByteServer()
    client = glance_http.HTTPClient(server.url)
    cases = []
    for n in range(count):
        image_id, head, context = build_case(rng, n)
        server.answer = head
        # what glanceclient v1's ImageManager.get does: HEAD, then the headers it received
        resp, _body = client.head('/v1/images/%s' % image_id)
        received = list(resp.headers.items())
        headers = [(name, spec_utf8(value)) for name, value in received]
        expected, notes = generate.evaluate_v1(headers, context)
        if headers != received:
            notes.insert(0, 'adapted: UTF-8 header values re-decoded as SPEC section 4 says (Python 3 hands '
                            'glanceclient ISO-8859-1 text)')
        cases.append({'id': 'wire-%04d' % n, 'uuid': image_id, 'context': context,
                      'response_b64': base64.b64encode(head).decode('ascii'),
                      'note': '; '.join(notes), 'expected': expected})
    with open(argv[1], 'w', encoding='utf-8', newline='\n') as f:
        json.dump(cases, f, ensure_ascii=False, indent=1, allow_nan=False)
        f.write('\n')
    available = sum(1 for c in cases if c['expected']['available'])
    errors = sum(1 for c in cases if 'error' in c['expected'])
    adapted = sum(1 for c in cases if 'adapted: UTF-8' in c['note'])
    print('wrote %d over-the-wire cases to %s (available %d, InvalidGlanceResponse %d; UTF-8 adapted %d)'
          % (len(cases), argv[1], available, errors, adapted))


if __name__ == '__main__':
    main(sys.argv)
