"""validate_json.py SCHEMA_DIR FILE... -- validate cosched JSON objects against docs/schema.

The schema of each file is chosen by its shape: an `ok` key is the --json envelope of a
command (result), `verdict` a comparison (--format json), `kpis` with `status` a plan summary.
Prints one line per invalid file and exits 1 if any is invalid, 2 on bad usage.
Needs Debian's python3-jsonschema (Draft 2020-12, jsonschema >= 4).
"""
import json
import os
import sys

import jsonschema


def load_schemas(schema_dir):
    store = {}
    by_name = {}
    for name in sorted(os.listdir(schema_dir)):
        if not name.endswith(".schema.json"):
            continue
        with open(os.path.join(schema_dir, name), encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        store[schema["$id"]] = schema
        by_name[name[: -len(".schema.json")]] = schema
    return store, by_name


def kind_of(obj):
    if not isinstance(obj, dict):
        return None
    if "ok" in obj:
        return "result"
    if "verdict" in obj:
        return "comparison"
    if "kpis" in obj and "status" in obj:
        return "summary"
    return None


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    store, by_name = load_schemas(argv[1])
    bad = 0
    counts = {}
    for path in argv[2:]:
        try:
            with open(path, encoding="utf-8") as f:
                obj = json.load(f)
        except (OSError, ValueError) as e:
            print(f"{path}: not JSON: {e}")
            bad += 1
            continue
        kind = kind_of(obj)
        if kind is None:
            print(f"{path}: no schema fits this object (keys: {sorted(obj)[:8]})")
            bad += 1
            continue
        schema = by_name[kind]
        resolver = jsonschema.RefResolver.from_schema(schema, store=store)
        validator = jsonschema.Draft202012Validator(schema, resolver=resolver)
        errors = sorted(validator.iter_errors(obj), key=lambda e: list(e.absolute_path))
        for e in errors[:5]:
            where = "/".join(str(p) for p in e.absolute_path) or "(top)"
            print(f"{path}: {kind}: {where}: {e.message}")
        if errors:
            bad += 1
        counts[kind] = counts.get(kind, 0) + 1
    summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
    print(f"validated {len(argv) - 2} files ({summary}); {bad} invalid")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
