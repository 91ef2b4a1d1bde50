"""tests/events.py: read and check turbotop's event stream in the tests.

    python3 events.py validate FILE...   every line of each FILE is valid
                                         against doc/turbotop-events.schema.json
                                         (a real validator: python3-jsonschema),
                                         the first is a hello, t never goes back
    import events; events.load(FILE)     the records, validated, as dicts

Exit status 77 (SKIP) if python3-jsonschema is missing: the test cannot
conclude.
"""
import json
import os
import sys

try:
    import jsonschema
except ImportError:
    print("SKIP: python3-jsonschema is not installed")
    sys.exit(77)

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA_PATH = os.path.join(HERE, "..", "doc", "turbotop-events.schema.json")
with open(SCHEMA_PATH, encoding="utf-8") as f:
    SCHEMA = json.load(f)
jsonschema.Draft7Validator.check_schema(SCHEMA)
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)


def check(recs, name="stream"):
    """Each record valid, a hello first and only there, t never back."""
    assert recs, "%s: no records" % name
    assert recs[0]["type"] == "hello", "%s: first record %r" % (name, recs[0])
    last = 0.0
    for n, r in enumerate(recs, 1):
        errors = sorted(VALIDATOR.iter_errors(r), key=lambda e: e.path)
        if errors:
            # oneOf hides the reason: validate against the record's own type.
            sub = SCHEMA["definitions"].get(r.get("type"), {})
            sub = dict(sub, definitions=SCHEMA["definitions"])
            why = [e.message for e in jsonschema.Draft7Validator(sub).iter_errors(r)]
            raise AssertionError("%s line %d invalid: %s: %s" %
                                 (name, n, why or errors[0].message, json.dumps(r)[:400]))
        if n > 1:
            assert r["type"] != "hello", "%s line %d: a second hello" % (name, n)
            assert r["t"] >= last - 0.0015, "%s line %d: t goes back" % (name, n)
            last = max(last, r["t"])
    return recs


def load(path):
    with open(path, encoding="utf-8") as f:
        recs = [json.loads(line) for line in f if line.strip()]
    return check(recs, path)


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] != "validate":
        sys.exit("usage: events.py validate FILE...")
    for p in sys.argv[2:]:
        load(p)
