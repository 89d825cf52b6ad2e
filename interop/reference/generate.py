#!/usr/bin/python3
"""Differential reference corpus for SPEC section 4 (Glance answer -> Nova image dict).

Usage: /usr/bin/python3 interop/reference/generate.py OUT.json

Every expected value is computed by the reference code installed from Debian bookworm:
python3-glanceclient 4.1 (v1 `ImageManager._image_meta_from_headers`, v2 warlock
`SchemaBasedModel`) and python3-nova 26 (`nova.image.glance._extract_attributes`,
`_translate_from_glance`, `_convert_timestamps_to_datetimes`, `_convert_from_string`,
`_is_image_available`).  Nothing expected is hand-written.  The inputs come from fixed lists plus a
seeded random.Random, so two runs write byte-identical files.

Adaptations (each one is recorded in the note of the case it applies to, prefix "adapted:"):
  * v1, `status` absent: Nova's `getattr(image, 'status')` has no default and raises
    AttributeError('status'); SPEC (and the worked examples) make it null, so the Image gets
    status=None and the call is repeated.
  * v1, `is_public` absent, no token, not admin: `_is_image_available` reads `image.is_public`
    and raises AttributeError; it is repeated on a proxy where is_public is None (not public).
  * v2, not public and no token/admin: Nova reads `image.properties`, which a v2 warlock model does
    not have (AttributeError).  Per SPEC availability is decided on the extracted dict:
    `_is_image_available(ctx, SimpleNamespace(visibility=<raw visibility, if present>,
    properties=<extracted properties>, is_public=<extracted is_public, if no visibility>))`.
    This is always how v2 availability is computed; when Nova's own call on the model gives a
    different answer the note says so (prefix "QUIRK:").
Notes starting with "QUIRK:" mark cases where Nova's real behaviour and a dict-based reading of
SPEC could disagree; the expected value is the one described above.
"""
import copy
import datetime
import importlib.metadata
import json
import logging
import os
import random
import re
import sys
import types
import warnings

warnings.simplefilter('ignore')
logging.disable(logging.CRITICAL)

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA_PATH = os.path.join(HERE, 'schema-image.json')
SEED = 20121102
EXPECTED_VERSIONS = {'nova': '26.', 'python-glanceclient': '4.1.', 'iso8601': '1.0.',
                     'oslo.utils': '6.0.', 'warlock': '2.0.'}

import warlock  # noqa: E402
from glanceclient.v1 import images as v1_images  # noqa: E402
from glanceclient.v2 import schemas as v2_schemas  # noqa: E402
from nova import context as nova_context  # noqa: E402
from nova.image import glance as nova_glance  # noqa: E402

for _fn in ('_extract_attributes', '_extract_attributes_v2', '_translate_from_glance',
            '_convert_timestamps_to_datetimes', '_convert_from_string', '_is_image_available'):
    if not hasattr(nova_glance, _fn):
        sys.exit('nova.image.glance.%s is missing: wrong nova version' % _fn)

VERSIONS = {}
for _pkg, _prefix in EXPECTED_VERSIONS.items():
    VERSIONS[_pkg] = importlib.metadata.version(_pkg)
    if not VERSIONS[_pkg].startswith(_prefix):
        print('WARNING: %s %s is not the reference version %s*' % (_pkg, VERSIONS[_pkg], _prefix),
              file=sys.stderr)

with open(SCHEMA_PATH, encoding='utf-8') as _f:
    RAW_SCHEMA = json.load(_f)

# glanceclient v2 ImageController.unvalidated_model, built from the stored schema.
V2_MODEL = warlock.model_factory(copy.deepcopy(RAW_SCHEMA), base_class=v2_schemas.SchemaBasedModel)
V2_MODEL.validate = lambda *args, **kwargs: None
V1_MANAGER = v1_images.ImageManager(client=None)

# ---------------------------------------------------------------------------------------------
# Reference evaluation
# ---------------------------------------------------------------------------------------------


class GeneratorBug(Exception):
    pass


def make_context(spec):
    return nova_context.RequestContext(auth_token=spec['auth_token'], project_id=spec['project_id'],
                                       user_id=spec['user_id'], is_admin=spec['is_admin'])


class _Proxy(object):
    """Delegates to a glanceclient v1 Image, supplying defaults for missing attributes."""

    def __init__(self, target, **defaults):
        self.__dict__['_target'] = target
        self.__dict__['_defaults'] = defaults

    def __getattr__(self, name):
        try:
            return getattr(self._target, name)
        except AttributeError:
            if name in self._defaults:
                return self._defaults[name]
            raise


def none_user_quirk(ctx_spec, available, subject):
    """Note when availability came from Nova comparing str(None) == 'None' for the user id."""
    if not available or ctx_spec['user_id']:
        return []
    probe = dict(ctx_spec, user_id='\u2400no-user')
    if nova_glance._is_image_available(make_context(probe), subject) == available:
        return []
    return ['QUIRK: the context has no user id (RequestContext turns "" into None) and '
            'str(None) == "None" matches property user_id "None"']


def to_json_value(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            raise GeneratorBug('naive datetime %r' % value)
        text = value.astimezone(datetime.timezone.utc).isoformat()
        if not text.endswith('+00:00'):
            raise GeneratorBug(text)
        return text[:-6] + 'Z'
    if isinstance(value, dict):
        return {str(k): to_json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json_value(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    raise GeneratorBug('cannot serialise %r' % (value,))


def _finish(available, thunk):
    """Run the conversion part; ValueError -> InvalidGlanceResponse."""
    if not available:
        return {'available': False}
    try:
        meta = thunk()
    except ValueError as e:
        return {'available': True, 'error': 'InvalidGlanceResponse', 'reason': str(e)}
    meta = to_json_value(meta)
    return {'available': True, 'nova_image_meta': dict(sorted(meta.items()))}


def evaluate_v1(headers, ctx_spec):
    notes = []
    header_dict = {}
    for name, value in headers:
        header_dict[name] = value
    meta = V1_MANAGER._image_meta_from_headers(header_dict)
    image = v1_images.Image(V1_MANAGER, meta, loaded=True)
    ctx = make_context(ctx_spec)
    subject = image
    try:
        available = nova_glance._is_image_available(ctx, image)
    except AttributeError as e:
        if str(e) != 'is_public':
            raise
        subject = _Proxy(image, is_public=None)
        available = nova_glance._is_image_available(ctx, subject)
        notes.append('adapted: is_public absent, Nova raised AttributeError(is_public); '
                     'treated as not public')
    notes += none_user_quirk(ctx_spec, available, subject)
    # The dict-based reading of SPEC (is_public + properties of the extracted dict).
    dict_view = types.SimpleNamespace(is_public=meta.get('is_public'),
                                      properties=meta.get('properties'))
    dict_available = nova_glance._is_image_available(ctx, dict_view)
    if dict_available != available:
        notes.append('QUIRK: Nova decides on the raw v1 image (x-image-meta-visibility=%r wins '
                     'over is_public); a rule on the extracted dict would give %s'
                     % (getattr(image, 'visibility', None), dict_available))

    def convert():
        try:
            out = nova_glance._extract_attributes(image)
        except AttributeError as e:
            if str(e) != 'status':
                raise
            image.status = None
            notes.append('adapted: status absent, Nova raised AttributeError(status); '
                         'status=None as SPEC')
            out = nova_glance._extract_attributes(image)
        out = nova_glance._convert_timestamps_to_datetimes(out)
        return nova_glance._convert_from_string(out)

    return _finish(available, convert), notes


def evaluate_v2(body, ctx_spec):
    notes = []
    body = copy.deepcopy(body)
    body.pop('self', None)  # glanceclient ImageController._get does this
    image = V2_MODEL(**body)
    ctx = make_context(ctx_spec)
    extracted = nova_glance._extract_attributes_v2(image)
    view = types.SimpleNamespace(properties=extracted['properties'])
    if 'visibility' in body:
        view.visibility = body['visibility']
    else:
        view.is_public = extracted.get('is_public')
    available = nova_glance._is_image_available(ctx, view)
    notes += none_user_quirk(ctx_spec, available, view)
    try:
        real = nova_glance._is_image_available(ctx, image)
    except AttributeError as e:
        notes.append('adapted: Nova 26 raised AttributeError(%s) on the v2 model; availability '
                     'decided on the extracted dict' % e)
    else:
        if real != available:
            notes.append('QUIRK: Nova 26 on the warlock model answers available=%s (it reads the '
                         'raw body key), the extracted-dict rule gives %s' % (real, available))
    vis = body.get('visibility')
    if 'visibility' in body and vis != 'public' and str(vis).lower() == 'public':
        notes.append('QUIRK: is_public is false (visibility == "public" is exact) but '
                     '_is_image_available compares str(visibility).lower(), so it counts as public')
    return _finish(available, lambda: nova_glance._translate_from_glance(image)), notes


# ---------------------------------------------------------------------------------------------
# Input checks (the Java test server must be able to send every case)
# ---------------------------------------------------------------------------------------------

TOKEN_RE = re.compile(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")
BAD_VALUE_CHARS = re.compile('[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029\ud800-\udfff]')


def check_headers(headers):
    seen = set()
    for name, value in headers:
        if not isinstance(name, str) or not TOKEN_RE.match(name):
            raise GeneratorBug('bad header name %r' % (name,))
        if name.lower() in seen:
            raise GeneratorBug('duplicate header %r' % (name,))
        seen.add(name.lower())
        if not isinstance(value, str) or BAD_VALUE_CHARS.search(value):
            raise GeneratorBug('bad header value %r' % (value,))
        if value != value.strip(' \t'):
            # HTTP drops leading/trailing SP/HTAB, so such a value cannot reach the client intact.
            raise GeneratorBug('header value with surrounding SP/HTAB %r' % (value,))


def check_json(obj):
    text = json.dumps(obj, ensure_ascii=False, allow_nan=False)
    text.encode('utf-8')
    if json.loads(text) != obj:
        raise GeneratorBug('JSON round trip changed %r' % (obj,))


# ---------------------------------------------------------------------------------------------
# Contexts
# ---------------------------------------------------------------------------------------------

P1, P2, U1, U2 = 'p-1111', 'p-2222', 'u-1111', 'u-2222'


def ctx(token=None, project=None, user=None, admin=False):
    return {'auth_token': token, 'project_id': project, 'user_id': user, 'is_admin': admin}


CTX_TOKEN = ctx('gAAAAAB-token-0001', P1, U1)
CTX_ADMIN = ctx(None, 'p-admin', 'u-admin', True)
CTX_MEMBER = ctx(None, P1, U1)
CTX_NONE = ctx()
AVAIL_CONTEXTS = [
    ('member p1/u1', CTX_MEMBER),
    ('other member p2/u2', ctx(None, P2, U2)),
    ('user u1, no project', ctx(None, None, U1)),
    ('project p1, no user', ctx(None, P1, None)),
    ('empty project and user', ctx(None, '', '')),
    ('all null', CTX_NONE),
    ('token', CTX_TOKEN),
    ('empty token', ctx('', P2, U2)),
    ('admin', CTX_ADMIN),
    ('admin with token', ctx('tok-admin', 'p-admin', 'u-admin', True)),
]
FORMAT_CONTEXTS = [('token', CTX_TOKEN), ('admin', CTX_ADMIN), ('member p1/u1', CTX_MEMBER),
                   ('all null', CTX_NONE)]

# ---------------------------------------------------------------------------------------------
# Value pools
# ---------------------------------------------------------------------------------------------

BOOL_WORDS = ['1', 't', 'true', 'on', 'y', 'yes', 'T', 'TRUE', 'True', 'tRuE', 'On', 'ON', 'Y',
              'YES', 'Yes', 'yEs', '0', 'f', 'false', 'off', 'n', 'no', 'F', 'FALSE', 'False',
              'No', 'NO', 'OFF', '', 'garbage', 'maybe', '2', '-1', '01', '1.0', 'truee', 'yes!',
              'oui', 'None', 'null', '\u00a0true\u00a0', '\u3000yes', 'on\u2003', '\u00a0',
              'tr ue', 'y e s', '\uff54\uff52\uff55\uff45', 'TRUE\u00a0\u00a0', '\u00a0n',
              '\u0131', 'T\u0130', 'ye\ts']
INT_WORDS = ['0', '42', '007', '+7', '-3', '-0', '+0', '1_000', '1_000_000', '1__0', '_1', '1_',
             '\u0663', '\u0661\u0662\u0663\u0664', '\uff11\uff12', '\u06f1\u06f2\u06f3',
             '\U0001d7cf\U0001d7d0', '\u0968\u0966', '\u00b2', '\u00bd', '\u00a042\u00a0',
             '42\u3000', '\u200b42', '4 2', '1\u00a0000', '', '\u00a0', 'abc', '2x', '0x10',
             '0o17', '0b1', '1e3', '1E3', '1.5', '42.0', '.5', '--1', '+-1', '- 3',
             '9223372036854775807', '9223372036854775808', '18446744073709551615',
             '18446744073709551616', '99999999999999999999999999999999999999',
             '-9223372036854775808', '-9223372036854775809', 'Infinity', 'NaN', 'None', 'true',
             '2147483648', '-2147483649', '1' + '0' * 4299, '1' + '0' * 4300]
TS_VALID = ['2012-11-02T17:40:22', '2012-11-02T17:40:22Z', '2012-11-02T17:40:22.5',
            '2012-11-02T17:40:22.5Z', '2012-11-02T17:40:22.000000', '2012-11-02T17:40:22.000000Z',
            '2012-11-02T17:40:22.000001', '2012-11-02T17:40:22.1', '2012-11-02T17:40:22.12',
            '2012-11-02T17:40:22.123', '2012-11-02T17:40:22.1234', '2012-11-02T17:40:22.12345',
            '2012-11-02T17:40:22.123456', '2012-11-02T17:40:22.1234567',
            '2012-11-02T17:40:22.12345678', '2012-11-02T17:40:22.123456789Z',
            '2012-11-02T17:40:22.9999999', '2012-11-02T17:40:22.0000001', '2012-11-02T17:40:22,5',
            '2012-11-02T17:40:22,123456Z', '2012-11-02T17:40:22+02:00', '2012-11-02T17:40:22-0530',
            '2012-11-02T17:40:22+02', '2012-11-02T17:40:22-05:30', '2012-11-02T17:40:22+00:00',
            '2012-11-02T17:40:22-00:00', '2012-11-02T17:40:22+0000', '2012-11-02T17:40:22+05:45',
            '2012-11-02T17:40:22+14:00', '2012-11-02T17:40:22-12:00', '2012-11-02T00:30:00+02:00',
            '2012-12-31T23:30:00-01:00', '2012-11-02T17:40:22.5+02:00', '2012-11-02T17:40:22.25-0530',
            '2012-11-02', '2012-11', '2012', '2012-1-2', '2012-11-2', '2012-11-02 17:40:22',
            '2012-11-02 17:40:22Z', '2012-11-02 17:40:22.5+01:00', '20121102T174022',
            '20121102T174022Z', '20121102T174022.5+0100', '20121102', '2012-11-02T17',
            '2012-11-02T17:40', '2012-11-02T1740', '2012-11-02T174022', '2012-11-02T17Z',
            '2012-11-02T17:40Z', '2016-02-29T12:00:00', '1970-01-01T00:00:00Z',
            '0001-01-01T00:00:00Z', '0001-01-01T00:00:00-01:00', '9999-12-31T23:59:59.999999Z',
            '2038-01-19T03:14:08Z', '1999-12-31T23:59:59.999999-00:01', '2012-11-02T17:40:2',
            '2012-11-02T17:4', '2012-11-02T17:40:22+02:60', '2012-307']
TS_INVALID = ['garbage', 'now', '2012-13-02T00:00:00', '2012-00-10', '2012-11-00',
              '2012-11-02T24:00:00', '2012-11-02T17:60:00', '2012-11-02T17:40:60',
              '2012-11-02T23:59:60Z', '2012-02-30', '2013-02-29', '201211', '2012-11-02t17:40:22',
              '2012-11-02T17:40:22z', '2012-11-02T17:40:22+2:00', '2012-11-02T17:40:22 +02:00',
              '2012/11/02', '02-11-2012', 'Fri, 02 Nov 2012 17:40:22 GMT', '1351878022',
              '2012-11-02T17:40:22.', '2012-11-02T17:40:22Z+02:00', '0000-01-01',
              '2012-11-02T17:40:22+24:00', '2012-11-02T17:40:22+01:5', '2012-11-02TT17:40',
              '2012-11-02T17:40:22.5e3', '2012-11-02T17:40:22\u00a0', '12-11-02',
              '2012-11-02T17:40:22+02:00:00', '+2012-11-02', '2012-W44-5',
              '\uff12\uff10\uff11\uff12-11-02T17:40:22',
              'T17:40:22', '2012-11-02T17:40:22 Z', '2012-11-02_17:40:22']
TS_V2_ONLY = [' 2012-11-02', '2012-11-02T17:40:22\n', '2012-11-02T17:40:22 ', '\t2012-11-02',
              '2012-11-02T17:40:22\n\n']
TS_NON_STRING = [0, 1351878022, 1351878022.5, True, False, [], ['2012-11-02'], {},
                 {'date': '2012-11-02'}, None]
JSON_VALID = ['[{"device_name": "vdb", "delete_on_termination": true}]', '[]', '{}', 'null',
              '"text"', '"\\u00e9t\\u00e9"', '123', '-0', '1.5', '1e3', 'true', 'false',
              '[1, 2]  ', '[{"a": {"b": [1, null, "\u00e9"]}}]', '{"a": 1, "a": 2}',
              '[{"size": 18446744073709551616}]', '[{"virtual": "ephemeral0", "device": "vdb"}]',
              '[{"source_type": "snapshot", "snapshot_id": "0d3d6c1e", "volume_size": 10, '
              '"boot_index": 0, "device_name": "/dev/vda", "no_device": null, "tag": "\u2603"}]',
              '{"nested": [[[[[]]]]]}', '[1.0, 2.50, -0.0]', '"a\\tb"', '[\t1,\t2]']
JSON_INVALID = ['nope', '[1,]', "{'a': 1}", '[1] x', '{"a":}', '[', '"unterminated', 'True',
                'None', 'undefined', '{"a" 1}', '[01]', '[.5]', '[+1]', '["\\x41"]', '[1 2]',
                '{"a":1,}', '0x10', '\u00a0[]', '[1]\u00a0', '[\u0661]']
JSON_TOO_MANY_DIGITS = ['[1' + '0' * 4300 + ']']
JSON_EMPTY = ['']
JSON_V2_ONLY_STRINGS = [' [1]', '[1]\n', '\n', '  ', '//c\n[]']
NON_STRING_JSON_PROPS = [[{'device_name': 'vdb'}], {'a': 1}, 7, None, True, [], {}, 1.5]

NAMES = ['ubuntu-12.04-server', '', 'd\u00e9bian', '\u753b\u50cf \u2713', '\U0001f427 penguin',
         '\u0635\u0648\u0631\u0629', 'e\u0301t\u00e9', 'a\tb', 'x' * 300, 'null', 'None',
         "quote\"d 'name'", 'semi;colon,comma', '%41%0A', 'back\\slash', '<b>html</b>',
         '\u00ff\u00fe', '\u4e2d\u6587\u540d\u79f0', 'Caf\u00e9 \u2014 na\u00efve']
STATUSES = ['queued', 'active', 'killed', 'deleted', 'saving', 'deactivated', 'pending_delete',
            'uploading', 'importing', 'ACTIVE', 'Active', 'queued ', '', 'weird']
ODD_PROP_NAMES = ['os.type', 'a-b', 'x~y', 'UPPER', 'MiXeD_Case', 'hw_cpu_policy', '1', "it's",
                  'a+b', 'pipe|name', 'back`tick', 'h^t', 'per%cent', 'amp&er', 'bang!', 'hash#',
                  'dollar$', 'star*']


def uuid_for(n):
    return '5eed0000-0000-4000-8000-%012x' % n


# ---------------------------------------------------------------------------------------------
# Corpus builder
# ---------------------------------------------------------------------------------------------


class Corpus(object):
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.cases = []
        self.counts = {'v1': 0, 'v2': 0}
        self.ids = 0

    def next_uuid(self):
        self.ids += 1
        return uuid_for(self.ids)

    def pick_ctx(self):
        return self.rng.choice(FORMAT_CONTEXTS)

    def add_v1(self, note, headers, context):
        headers = [[n, v] for n, v in headers]
        check_headers(headers)
        expected, notes = evaluate_v1(headers, context)
        self._add('v1', note, {'response_headers': headers}, context, expected, notes)

    def add_v2(self, note, body, context):
        check_json(body)
        expected, notes = evaluate_v2(body, context)
        self._add('v2', note, {'response_body': body}, context, expected, notes)

    def _add(self, kind, note, payload, context, expected, notes):
        check_json(expected)
        check_json(context)
        self.counts[kind] += 1
        case = {'id': '%s-%04d' % (kind, self.counts[kind]), 'kind': kind,
                'note': '; '.join([note] + notes)}
        case.update(payload)
        case['context'] = dict(context)
        case['expected'] = expected
        self.cases.append(case)


# ---- v1 --------------------------------------------------------------------------------------

V1_BASE_FIELDS = ['id', 'name', 'disk_format', 'container_format', 'size', 'checksum', 'status',
                  'is_public', 'protected', 'min_ram', 'min_disk', 'owner', 'created_at',
                  'updated_at', 'deleted']


def v1_base(uuid, **over):
    """The v1 image of the worked examples, as an ordered list of (field, value) pairs."""
    fields = [('id', uuid), ('name', 'ubuntu-12.04-server'), ('disk_format', 'raw'),
              ('container_format', 'ovf'), ('size', '2147483648'),
              ('checksum', '0123456789abcdef0123456789abcdef'), ('status', 'active'),
              ('is_public', 'true'), ('protected', 'false'), ('min_ram', '256'),
              ('min_disk', '5'), ('owner', 'f00dbabe00000000000000000000cafe'),
              ('created_at', '2012-11-02T17:40:22'), ('updated_at', '2012-11-02T17:41:00.5'),
              ('deleted', 'false')]
    out = []
    for k, v in fields:
        if k in over:
            v = over.pop(k)
            if v is None:
                continue
        out.append((k, v))
    for k, v in over.items():
        if v is not None:
            out.append((k, v))
    return out


def v1_headers(fields, props=(), extra=(), case=None):
    """fields/props: (name, value) pairs -> header list.  case: None (lower) or a callable."""
    hs = []
    for k, v in fields:
        hs.append(['x-image-meta-' + k, v])
    for k, v in props:
        hs.append(['x-image-meta-property-' + k, v])
    hs.append(['x-openstack-request-id', 'req-0c1b2a39-0000-4000-8000-000000000001'])
    hs.append(['content-type', 'text/html; charset=UTF-8'])
    for k, v in extra:
        hs.append([k, v])
    if case is not None:
        hs = [[case(n), v] for n, v in hs]
    return hs


def random_case(rng, name):
    return ''.join(c.upper() if rng.random() < 0.5 else c.lower() for c in name)


def build_v1(c):
    rng = c.rng

    # 1. booleans: every spelling for each field, with a token (meta visible) and, for
    #    is_public, also anonymously (availability follows it).
    for field in ('is_public', 'protected', 'deleted'):
        for word in BOOL_WORDS:
            uuid = c.next_uuid()
            c.add_v1('v1 %s=%r (token)' % (field, word),
                     v1_headers(v1_base(uuid, **{field: word})), CTX_TOKEN)
    for word in BOOL_WORDS:
        uuid = c.next_uuid()
        c.add_v1('v1 is_public=%r, anonymous member context' % word,
                 v1_headers(v1_base(uuid, is_public=word)), CTX_MEMBER)

    # 2. integer fields
    for field in ('size', 'min_ram', 'min_disk'):
        words = INT_WORDS if field == 'size' else [w for i, w in enumerate(INT_WORDS)
                                                   if i % 2 == (field == 'min_disk')]
        for word in words:
            uuid = c.next_uuid()
            shown = repr(word) if len(word) < 40 else '%r...(%d chars)' % (word[:8], len(word))
            if len(word) >= 4300:
                shown += ' CPYTHON-LIMIT: int() refuses more than 4300 digits'
            c.add_v1('v1 %s=%s' % (field, shown), v1_headers(v1_base(uuid, **{field: word})),
                     CTX_TOKEN)

    # 3. each field missing, then nearly everything missing
    for field in V1_BASE_FIELDS:
        for label, context in (('token', CTX_TOKEN), ('member', CTX_MEMBER)):
            uuid = c.next_uuid()
            c.add_v1('v1 %s header absent (%s)' % (field, label),
                     v1_headers(v1_base(uuid, **{field: None})), context)
    for label, context in FORMAT_CONTEXTS:
        c.add_v1('v1 no x-image-meta headers at all (%s)' % label,
                 [['x-openstack-request-id', 'req-1'], ['content-type', 'text/html']], context)
        uuid = c.next_uuid()
        c.add_v1('v1 only id (%s)' % label, [['X-Image-Meta-Id', uuid]], context)
        c.add_v1('v1 only status=queued and a property (%s)' % label,
                 [['x-image-meta-status', 'queued'], ['x-image-meta-property-foo', 'bar']],
                 context)

    # 4. mixed-case header names
    fixed_cases = [str.upper, str.title, lambda s: s[:1].upper() + s[1:]]
    for i in range(12):
        uuid = c.next_uuid()
        if i < len(fixed_cases):
            fn, label = fixed_cases[i], ['UPPER', 'Title-Case', 'Capitalised'][i]
        else:
            fn, label = (lambda s, r=random.Random(SEED + i): random_case(r, s)), 'random case'
        props = [('Hypervisor_Type', 'qemu'), ('OS_Distro', 'Ubuntu'), ('kernel_id', uuid_for(200))]
        c.add_v1('v1 header names in %s; property names lower-cased by glanceclient' % label,
                 v1_headers(v1_base(uuid), props, case=fn), CTX_TOKEN)
    uuid = c.next_uuid()
    c.add_v1('v1 mixed-case names per the worked example',
             [['X-Image-Meta-Id', uuid], ['X-IMAGE-META-NAME', 'sparse'],
              ['x-image-meta-Property-Hypervisor_Type', 'qemu'], ['x-IMAGE-meta-property-Foo', 'Bar'],
              ['X-Image-Meta-Status', 'active'], ['X-IMAGE-META-IS_PUBLIC', 'TRUE']], CTX_NONE)

    # 5. odd header names around the prefixes
    odd = [('x-image-meta-', 'empty key'), ('x-image-meta-property-', 'empty property name'),
           ('x-image-meta-propertyfoo', 'no dash'), ('x-image-meta-property', 'bare'),
           ('x-image-metasize', '99'), ('image-meta-size', '98'), ('x-image-meta-size-x', '97'),
           ('x-image-meta-property-property-x', 'nested prefix'),
           ('x-image-meta-property-x-image-meta-size', '96'), ('X-Glance-Meta-Name', 'other'),
           ('x-image-meta-is-public', 'false'), ('x-image-meta-minram', '1'),
           ('x-image-meta-uuid', 'u'), ('x-image-meta-location', 'http://x/y'),
           ('x-image-meta-direct_url', 'file:///v'), ('x-image-meta-locations', '[]'),
           ('x-image-meta-virtual_size', '5'), ('x-image-meta-store', 'file')]
    for name, value in odd:
        uuid = c.next_uuid()
        c.add_v1('v1 odd header %s' % name, v1_headers(v1_base(uuid), extra=[(name, value)]),
                 CTX_TOKEN)
    for name in ODD_PROP_NAMES:
        uuid = c.next_uuid()
        c.add_v1('v1 property name %r' % name,
                 v1_headers(v1_base(uuid), [(name, 'v-' + name)]), CTX_TOKEN)

    # 6. non-ASCII values in every string field and in properties
    for i, name in enumerate(NAMES):
        uuid = c.next_uuid()
        field = ['name', 'owner', 'disk_format', 'container_format', 'checksum', 'id'][i % 6]
        over = {field: name} if field != 'id' else {'name': name}
        c.add_v1('v1 %s=%r' % (field if field != 'id' else 'name', name[:40]),
                 v1_headers(v1_base(uuid, **over), [('description', name), ('note', name[::-1])]),
                 CTX_TOKEN)

    # 7. availability: properties x contexts (is_public false)
    prop_sets = [
        ('no properties', []),
        ('owner_id=p1', [('owner_id', P1)]), ('owner_id=p2', [('owner_id', P2)]),
        ('project_id=p1', [('project_id', P1)]), ('project_id=p2', [('project_id', P2)]),
        ('user_id=u1', [('user_id', U1)]), ('user_id=u2', [('user_id', U2)]),
        ('owner_id=p2 + user_id=u1', [('owner_id', P2), ('user_id', U1)]),
        ('project_id=p2 + user_id=u1', [('project_id', P2), ('user_id', U1)]),
        ('owner_id=p1 + project_id=p2', [('owner_id', P1), ('project_id', P2)]),
        ('owner_id=p2 + project_id=p1', [('owner_id', P2), ('project_id', P1)]),
        ('user_id="None"', [('user_id', 'None')]), ('owner_id="None"', [('owner_id', 'None')]),
        ('owner_id=""', [('owner_id', '')]), ('user_id=""', [('user_id', '')]),
        ('Owner_ID=p1 (mixed-case header)', [('Owner_ID', P1)]),
    ]
    for plabel, props in prop_sets:
        for clabel, context in AVAIL_CONTEXTS:
            uuid = c.next_uuid()
            c.add_v1('v1 private image, %s, context %s' % (plabel, clabel),
                     v1_headers(v1_base(uuid, is_public='false'), props), context)
    # owner (top-level) is not used by _is_image_available
    uuid = c.next_uuid()
    c.add_v1('v1 private image owned (owner header) by the caller project: owner is not checked',
             v1_headers(v1_base(uuid, is_public='false', owner=P1)), CTX_MEMBER)
    # visibility header on v1 (Nova's _is_image_public prefers it)
    for vis, pub in (('public', 'false'), ('PUBLIC', 'false'), ('private', 'true'),
                     ('community', 'true'), ('', 'true')):
        uuid = c.next_uuid()
        c.add_v1('v1 x-image-meta-visibility=%r with is_public=%s, member context' % (vis, pub),
                 v1_headers(v1_base(uuid, is_public=pub, visibility=vis)), CTX_MEMBER)
    uuid = c.next_uuid()
    c.add_v1('v1 x-image-meta-visibility=public with is_public absent, member context',
             v1_headers(v1_base(uuid, is_public=None, visibility='public')), CTX_MEMBER)

    # 8. kernel_id / ramdisk_id properties
    for i, (k, r) in enumerate([(uuid_for(200), uuid_for(201)), (uuid_for(200), None),
                                (None, uuid_for(201)), ('', ''), ('not-a-uuid', 'NULL'),
                                (uuid_for(200).upper(), uuid_for(201))]):
        uuid = c.next_uuid()
        props = [(n, v) for n, v in (('kernel_id', k), ('ramdisk_id', r)) if v is not None]
        c.add_v1('v1 kernel_id=%r ramdisk_id=%r' % (k, r),
                 v1_headers(v1_base(uuid, container_format=['ami', 'aki', 'ari', 'bare',
                                                            'ovf', 'ami'][i]), props),
                 CTX_TOKEN)

    # 9. statuses with and without checksum
    for status in STATUSES:
        if status != status.strip(' \t'):
            continue
        for with_sum in (True, False):
            uuid = c.next_uuid()
            c.add_v1('v1 status=%r %s checksum' % (status, 'with' if with_sum else 'without'),
                     v1_headers(v1_base(uuid, status=status,
                                        checksum=None if not with_sum else
                                        'fedcba9876543210fedcba9876543210')), CTX_TOKEN)
    uuid = c.next_uuid()
    c.add_v1('v1 queued without disk/container format or size',
             v1_headers(v1_base(uuid, status='queued', disk_format=None, container_format=None,
                                size=None, checksum=None)), CTX_TOKEN)

    # 10. deleted x deleted_at
    for dword in ('true', '1', 'false', '0', 'maybe', None):
        for dat in ('2013-01-01T00:00:00.000001', '2013-01-01T00:00:00+01:00', '', 'garbage',
                    None):
            uuid = c.next_uuid()
            c.add_v1('v1 deleted=%r deleted_at=%r' % (dword, dat),
                     v1_headers(v1_base(uuid, status='deleted', deleted=dword, deleted_at=dat)),
                     CTX_TOKEN)

    # 11. timestamps
    for ts in TS_VALID + TS_INVALID:
        uuid = c.next_uuid()
        c.add_v1('v1 created_at=%r' % ts, v1_headers(v1_base(uuid, created_at=ts)), CTX_TOKEN)
    for ts in rng.sample(TS_VALID, 15) + rng.sample(TS_INVALID, 8) + ['']:
        uuid = c.next_uuid()
        c.add_v1('v1 updated_at=%r' % ts, v1_headers(v1_base(uuid, updated_at=ts)), CTX_TOKEN)
    for ts in rng.sample(TS_VALID, 10) + rng.sample(TS_INVALID, 5):
        uuid = c.next_uuid()
        c.add_v1('v1 deleted image, deleted_at=%r' % ts,
                 v1_headers(v1_base(uuid, deleted='True', deleted_at=ts)), CTX_TOKEN)
    uuid = c.next_uuid()
    c.add_v1('v1 bad created_at but the caller may not see the image: not available wins',
             v1_headers(v1_base(uuid, is_public='false', created_at='garbage')), CTX_MEMBER)
    uuid = c.next_uuid()
    c.add_v1('v1 bad created_at and bad block_device_mapping: timestamps are converted first',
             v1_headers(v1_base(uuid, created_at='2012-13-01'), [('block_device_mapping', '[')]),
             CTX_TOKEN)

    # 12. block_device_mapping / mappings
    for prop in ('block_device_mapping', 'mappings'):
        for js in JSON_VALID + JSON_INVALID + JSON_TOO_MANY_DIGITS + JSON_EMPTY:
            if js != js.strip(' \t'):
                continue
            uuid = c.next_uuid()
            shown = repr(js) if len(js) < 60 else '%r...(%d chars)' % (js[:20], len(js))
            if len(js) > 4300:
                shown += ' CPYTHON-LIMIT: json refuses ints of more than 4300 digits'
            c.add_v1('v1 property %s=%s' % (prop, shown),
                     v1_headers(v1_base(uuid), [(prop, js), ('other', js[:20])]), CTX_TOKEN)
    uuid = c.next_uuid()
    c.add_v1('v1 Block_Device_Mapping (mixed-case name is lower-cased, then parsed)',
             v1_headers(v1_base(uuid), [('Block_Device_Mapping', '[{"a": 1}]'),
                                        ('MAPPINGS', '[]')]), CTX_TOKEN)
    uuid = c.next_uuid()
    c.add_v1('v1 properties named like bdm but not exactly (not parsed)',
             v1_headers(v1_base(uuid), [('block_device_mappings', '['), ('mapping', '['),
                                        ('bdm', '[1]')]), CTX_TOKEN)

    # 13. random combinations
    for i in range(80):
        uuid = c.next_uuid()
        over = {}
        labels = []
        for field in rng.sample(V1_BASE_FIELDS[1:], rng.randint(1, 4)):
            if field in ('is_public', 'protected', 'deleted'):
                v = rng.choice(BOOL_WORDS + [None])
            elif field in ('size', 'min_ram', 'min_disk'):
                v = rng.choice(INT_WORDS[:-2] + [None])
            elif field in ('created_at', 'updated_at'):
                v = rng.choice(TS_VALID + TS_VALID + TS_INVALID + [None])
            elif field == 'status':
                v = rng.choice([s for s in STATUSES if s == s.strip()] + [None])
            else:
                v = rng.choice(NAMES + [None])
            over[field] = v
            labels.append('%s=%r' % (field, v if v is None or len(v) < 30 else v[:30]))
        if over.get('deleted') is not None and rng.random() < 0.7:
            over['deleted_at'] = rng.choice(TS_VALID + TS_INVALID)
            labels.append('deleted_at=%r' % over['deleted_at'])
        props = []
        for _ in range(rng.randint(0, 3)):
            pname = rng.choice(['kernel_id', 'ramdisk_id', 'owner_id', 'project_id', 'user_id',
                                'block_device_mapping', 'mappings', 'os_distro', 'hw_disk_bus']
                               + ODD_PROP_NAMES)
            if pname in ('block_device_mapping', 'mappings'):
                pval = rng.choice([j for j in JSON_VALID + JSON_INVALID if j == j.strip(' \t')])
            elif pname in ('owner_id', 'project_id'):
                pval = rng.choice([P1, P2])
            elif pname == 'user_id':
                pval = rng.choice([U1, U2])
            else:
                pval = rng.choice(NAMES)
            if pname.lower() not in [p.lower() for p, _ in props]:
                props.append((pname, pval))
        labels.append('properties %s' % [p for p, _ in props])
        case = rng.choice([None, None, str.upper, lambda s: random_case(rng, s)])
        clabel, context = rng.choice(AVAIL_CONTEXTS)
        c.add_v1('v1 random mix #%d: %s; context %s%s' % (i + 1, ', '.join(labels), clabel,
                                                          '' if case is None else
                                                          '; mixed-case names'),
                 v1_headers(v1_base(uuid, **over), props, case=case), context)


# ---- v2 --------------------------------------------------------------------------------------

def v2_base(uuid, **over):
    body = {'name': 'fedora-39', 'disk_format': 'qcow2', 'container_format': 'bare',
            'visibility': 'public', 'size': 553648128, 'virtual_size': 5368709120,
            'status': 'active', 'checksum': 'fedcba9876543210fedcba9876543210',
            'protected': True, 'min_ram': 1024, 'min_disk': 8,
            'owner': 'ab12ab12ab12ab12ab12ab12ab12ab12', 'os_hidden': False,
            'os_hash_algo': 'sha512', 'os_hash_value': 'cd' * 64,
            'created_at': '2023-11-07T09:15:30Z', 'updated_at': '2023-11-07T09:16:02Z',
            'tags': ['cloud', 'x86'], 'id': uuid, 'self': '/v2/images/' + uuid,
            'file': '/v2/images/%s/file' % uuid, 'schema': '/v2/schemas/image'}
    for k, v in over.items():
        if v is _ABSENT:
            body.pop(k, None)
        else:
            body[k] = v
    return body


class _Absent(object):
    def __repr__(self):
        return '<absent>'


_ABSENT = _Absent()
SCHEMA_KEYS = list(RAW_SCHEMA['properties'])


def build_v2(c):
    rng = c.rng

    # 1. visibility x contexts
    for vis in ('public', 'private', 'shared', 'community', _ABSENT, 'PUBLIC', 'Public', None, '',
                ' public', 'public ', 'publicly', 1, True):
        for clabel, context in (('member p1/u1', CTX_MEMBER), ('token', CTX_TOKEN),
                                ('admin', CTX_ADMIN), ('all null', CTX_NONE)):
            uuid = c.next_uuid()
            c.add_v2('v2 visibility=%r, context %s' % (vis, clabel),
                     v2_base(uuid, visibility=vis), context)

    # 2. availability properties x contexts (private)
    prop_sets = [
        ('no properties', {}), ('owner_id=p1', {'owner_id': P1}), ('owner_id=p2', {'owner_id': P2}),
        ('project_id=p1', {'project_id': P1}), ('project_id=p2', {'project_id': P2}),
        ('user_id=u1', {'user_id': U1}), ('user_id=u2', {'user_id': U2}),
        ('owner_id=p2 + user_id=u1', {'owner_id': P2, 'user_id': U1}),
        ('project_id=p2 + user_id=u1', {'project_id': P2, 'user_id': U1}),
        ('owner_id=null', {'owner_id': None}), ('user_id=null', {'user_id': None}),
        ('owner_id=1111 (int) vs project "1111"', {'owner_id': 1111}),
        ('owner (base key) = p1 only', {'owner': P1}),
    ]
    v2_ctxs = [AVAIL_CONTEXTS[i] for i in (0, 1, 2, 3, 4, 5, 6, 8)] + [
        ('project "1111"', ctx(None, '1111', U1)), ('project "None", user "None"',
                                                   ctx(None, 'None', 'None'))]
    for plabel, props in prop_sets:
        for clabel, context in v2_ctxs:
            uuid = c.next_uuid()
            body = v2_base(uuid, visibility=rng.choice(['private', 'shared', 'community']))
            body.update(props)
            c.add_v2('v2 %s image, %s, context %s' % (body['visibility'], plabel, clabel), body,
                     context)
    for key, val in (('is_public', True), ('is_public', 'true'),
                     ('properties', {'owner_id': P1}), ('properties', {'user_id': U1})):
        for vis in (_ABSENT, 'private'):
            uuid = c.next_uuid()
            c.add_v2('v2 body key %r=%r, visibility=%r, member context' % (key, val, vis),
                     v2_base(uuid, visibility=vis, **{key: val}), CTX_MEMBER)

    # 3. size and numbers
    for field, values in (('size', [None, _ABSENT, 0, 1, -1, 9223372036854775807,
                                    9223372036854775808, 18446744073709551616,
                                    123456789012345678901234567890, '', '12', 'abc', 1.5, 1e3,
                                    0.0, False, True, [], {}]),
                          ('min_ram', [None, _ABSENT, 0, '512', '', -1, 1.5, 2 ** 64, True]),
                          ('min_disk', [None, _ABSENT, 0, '8', 2.0, -7, 2 ** 70, False]),
                          ('virtual_size', [None, _ABSENT, 'x'])):
        for v in values:
            uuid = c.next_uuid()
            c.add_v2('v2 %s=%r' % (field, v), v2_base(uuid, **{field: v}), CTX_TOKEN)

    # 4. every schema key, present with a plain value, null, and absent
    sample = {'id': None, 'name': 'n', 'status': 'active', 'visibility': 'private',
              'protected': False, 'os_hidden': True, 'checksum': 'c' * 32, 'os_hash_algo': 'md5',
              'os_hash_value': 'ab', 'owner': 'o', 'size': 5, 'virtual_size': 6,
              'container_format': 'ova', 'disk_format': 'iso', 'created_at': '2020-01-01',
              'updated_at': '2020-01-02T03:04:05.6+07:00', 'tags': ['t'], 'direct_url': 'file:///d',
              'min_ram': 1, 'min_disk': 2, 'self': '/v2/images/x', 'file': '/f', 'stores': 'file,http',
              'schema': '/v2/schemas/image',
              'locations': [{'url': 'file:///d', 'metadata': {}}], 'kernel_id': uuid_for(200),
              'ramdisk_id': uuid_for(201), 'instance_uuid': uuid_for(300), 'architecture': 'x86_64',
              'os_distro': 'fedora', 'os_version': '39', 'description': '\u00e9t\u00e9',
              'cinder_encryption_key_id': 'k-1', 'cinder_encryption_key_deletion_policy':
              'on_image_deletion'}
    for key in SCHEMA_KEYS:
        for mode in ('value', 'null', 'absent'):
            uuid = c.next_uuid()
            if mode == 'value':
                v = sample[key] if sample.get(key) is not None else uuid
            else:
                v = None if mode == 'null' else _ABSENT
            base_flag = RAW_SCHEMA['properties'][key].get('is_base', True)
            c.add_v2('v2 schema key %s (%s) %s' % (key, 'base' if base_flag else 'is_base false',
                                                   mode if mode != 'value' else '= %r' % (v,)),
                     v2_base(uuid, **{key: v}), CTX_TOKEN)

    # 5. extra unknown keys and odd key names
    extras = [{'hw_qemu_guest_agent': 'yes'}, {'os_require_quiesce': True},
              {'nested': {'a': [1, 2, {'b': None}]}}, {'\uff4e\uff41\uff4d\uff45': 'fullwidth'},
              {'\u540d\u524d': '\u5024'}, {'': 'empty key'}, {'Name': 'case differs'},
              {'NAME': 'x', 'Status': 'y'}, {'deleted': True}, {'deleted_at': 'garbage'},
              {'deleted': 'true', 'deleted_at': '2013-01-01T00:00:00'}, {'is_public': False},
              {'hw_disk_bus': None}, {'big': 2 ** 80}, {'float': 0.1}, {'list': []},
              {'x' * 300: 'long key'}, {'owner_specified.openstack.md5': 'abc'},
              {'image_type': 'snapshot', 'instance_uuid': uuid_for(301),
               'base_image_ref': uuid_for(302)},
              {'img_signature': 'c2ln', 'img_signature_hash_method': 'SHA-256'},
              {'uuid': 'u', 'ec2_id': 'ami-00000001'}]
    for extra in extras:
        uuid = c.next_uuid()
        body = v2_base(uuid)
        body.update(extra)
        shown = json.dumps(extra, ensure_ascii=False)
        c.add_v2('v2 extra keys %s' % (shown if len(shown) < 80 else shown[:80] + '...'), body,
                 CTX_TOKEN)

    # 6. timestamps
    for ts in TS_VALID + TS_INVALID + TS_V2_ONLY + TS_NON_STRING + ['']:
        uuid = c.next_uuid()
        c.add_v2('v2 created_at=%r' % (ts,), v2_base(uuid, created_at=ts), CTX_TOKEN)
    for ts in rng.sample(TS_VALID, 12) + rng.sample(TS_INVALID, 6) + [None, '', 7, _ABSENT]:
        uuid = c.next_uuid()
        c.add_v2('v2 updated_at=%r' % (ts,), v2_base(uuid, updated_at=ts), CTX_TOKEN)
    uuid = c.next_uuid()
    c.add_v2('v2 bad created_at but private and member context: not available wins',
             v2_base(uuid, visibility='private', created_at='garbage'), CTX_MEMBER)

    # 7. block_device_mapping / mappings
    for prop in ('block_device_mapping', 'mappings'):
        for js in (JSON_VALID + JSON_INVALID + JSON_TOO_MANY_DIGITS + JSON_EMPTY
                   + JSON_V2_ONLY_STRINGS
                   + NON_STRING_JSON_PROPS):
            uuid = c.next_uuid()
            shown = repr(js)
            if len(shown) >= 60:
                shown = '%s...(%d chars)%s' % (shown[:20], len(shown), ' CPYTHON-LIMIT: json '
                                               'refuses ints of more than 4300 digits'
                                               if len(shown) > 4300 else '')
            c.add_v2('v2 %s=%s' % (prop, shown), v2_base(uuid, **{prop: js}), CTX_TOKEN)
    uuid = c.next_uuid()
    c.add_v2('v2 Block_Device_Mapping (case differs: not parsed)',
             v2_base(uuid, Block_Device_Mapping='['), CTX_TOKEN)

    # 8. status x checksum
    for status in STATUSES + [None, _ABSENT]:
        for chk in ('fedcba9876543210fedcba9876543210', None, _ABSENT):
            uuid = c.next_uuid()
            c.add_v2('v2 status=%r checksum=%r' % (status, chk),
                     v2_base(uuid, status=status, checksum=chk), CTX_TOKEN)

    # 9. os_hidden, tags, locations/direct_url, self/file/schema, protected
    misc = [('os_hidden', True), ('os_hidden', 'yes'), ('os_hidden', None), ('os_hidden', _ABSENT),
            ('tags', []), ('tags', None), ('tags', ['a', 'b' * 300]), ('tags', 'notalist'),
            ('locations', []), ('locations', [{'url': 'rbd://a/b/c/d', 'metadata': {}}]),
            ('direct_url', 'rbd://fsid/images/x/snap'), ('self', _ABSENT), ('file', _ABSENT),
            ('schema', _ABSENT), ('schema', '/v2/schemas/other'), ('protected', 'no'),
            ('protected', _ABSENT), ('stores', 'file'), ('os_hash_value', None)]
    for key, val in misc:
        uuid = c.next_uuid()
        c.add_v2('v2 %s=%r' % (key, val), v2_base(uuid, **{key: val}), CTX_TOKEN)
    uuid = c.next_uuid()
    c.add_v2('v2 both locations and direct_url', v2_base(
        uuid, locations=[{'url': 'file:///a', 'metadata': {'k': 'v'}}], direct_url='file:///a'),
        CTX_TOKEN)

    # 10. minimal / odd bodies
    for label, body in (('empty object', {}), ('only id', {'id': uuid_for(900)}),
                        ('only visibility=private', {'visibility': 'private'}),
                        ('only properties-like keys', {'foo': 'bar', 'kernel_id': None}),
                        ('queued, null size, community (worked example shape)',
                         v2_base(uuid_for(901), disk_format=None, container_format=None,
                                 visibility='community', size=None, status='queued',
                                 checksum=None))):
        for clabel, context in FORMAT_CONTEXTS:
            c.add_v2('v2 %s (%s)' % (label, clabel), body, context)

    # 11. non-ASCII values
    for i, name in enumerate(NAMES):
        uuid = c.next_uuid()
        field = ['name', 'owner', 'description', 'os_distro', 'custom'][i % 5]
        c.add_v2('v2 %s=%r' % (field, name[:40]), v2_base(uuid, **{field: name}), CTX_TOKEN)

    # 12. random combinations
    pools = {
        'visibility': ['public', 'private', 'shared', 'community', _ABSENT, 'PUBLIC', None],
        'size': [None, _ABSENT, 0, 12, 2 ** 64, '12', 1.5],
        'status': STATUSES + [None, _ABSENT],
        'checksum': [None, _ABSENT, 'abc'],
        'created_at': TS_VALID + TS_VALID + TS_INVALID + [None, _ABSENT, ''],
        'updated_at': TS_VALID + TS_INVALID + [None, _ABSENT],
        'name': NAMES + [None, _ABSENT],
        'min_ram': [0, None, _ABSENT, '1', -1],
        'disk_format': ['raw', None, _ABSENT, 'RAW', 'x'],
        'container_format': ['aki', 'ari', 'ami', 'kernel', None, _ABSENT],
        'kernel_id': [uuid_for(200), None, 'x'],
        'ramdisk_id': [uuid_for(201), None],
        'owner_id': [P1, P2, None],
        'project_id': [P1, P2],
        'user_id': [U1, U2, 'None'],
        'block_device_mapping': JSON_VALID + JSON_INVALID + [[], None],
        'mappings': JSON_VALID + JSON_INVALID + [{}],
        'os_distro': NAMES,
        'hw_rng_model': ['virtio'],
        'locations': [[]],
        'tags': [['t']],
    }
    keys = sorted(pools)
    for i in range(80):
        uuid = c.next_uuid()
        over = {}
        for key in rng.sample(keys, rng.randint(1, 5)):
            over[key] = rng.choice(pools[key])
        clabel, context = rng.choice(v2_ctxs)
        shown = ', '.join('%s=%r' % (k, v if not isinstance(v, str) or len(v) < 30 else v[:30])
                          for k, v in over.items())
        c.add_v2('v2 random mix #%d: %s; context %s' % (i + 1, shown, clabel),
                 v2_base(uuid, **over), context)


def main(argv):
    if len(argv) != 2:
        sys.exit('usage: %s OUT.json' % argv[0])
    c = Corpus(SEED)
    build_v1(c)
    build_v2(c)
    tally = {'v1': 0, 'v2': 0, 'available': 0, 'unavailable': 0, 'meta': 0, 'error': 0,
             'adapted': 0, 'quirk': 0}
    for case in c.cases:
        tally[case['kind']] += 1
        exp = case['expected']
        tally['available' if exp['available'] else 'unavailable'] += 1
        if 'error' in exp:
            tally['error'] += 1
        elif 'nova_image_meta' in exp:
            tally['meta'] += 1
        tally['adapted'] += 'adapted:' in case['note']
        tally['quirk'] += 'QUIRK:' in case['note']
    doc = c.cases  # a top-level array, like vectors/glance-answers.json
    out_dir = os.path.dirname(os.path.abspath(argv[1]))
    os.makedirs(out_dir, exist_ok=True)
    with open(argv[1], 'w', encoding='utf-8', newline='\n') as f:
        json.dump(doc, f, ensure_ascii=False, indent=1, allow_nan=False)
        f.write('\n')
    print('wrote %d cases to %s (v1 %d, v2 %d; available %d, not available %d; meta %d, '
          'InvalidGlanceResponse %d; adapted %d, QUIRK %d; nova %s, glanceclient %s)'
          % (len(c.cases), argv[1], tally['v1'], tally['v2'], tally['available'],
             tally['unavailable'], tally['meta'], tally['error'], tally['adapted'],
             tally['quirk'], VERSIONS['nova'], VERSIONS['python-glanceclient']))


if __name__ == '__main__':
    main(sys.argv)
