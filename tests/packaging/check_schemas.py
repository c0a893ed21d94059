#!/usr/bin/python3
"""ctest `schemas`: the shipped JSON Schemas (schema/) against opsctl's own loader.

- Both schemas are valid draft-07 schemas, and `opsctl schema KIND` prints them.
- Every shipped runbook and the example config validate, and opsctl accepts them
  with a "$schema" key.
- Every bad fixture opsctl refuses for its shape is refused by the schema too, and
  so are hand-made shape mistakes; valid variants are accepted by both.
- The keys the schema allows are the keys the loader and config parser allow (read
  from src/runbook/loader.cpp and src/config/config.cpp), and the dialects those of
  src/translate/dialect_tables.cpp.

Out of the schema's scope (refused by opsctl, not for their shape):
- missing-comma, truncated, truncated-in-string, control-character (a raw control
  character in a string), invalid-utf8: not JSON at all, no document to validate;
- duplicate-key: a parsed document keeps one of the keys, a schema never sees both;
- duplicate-step-id: JSON Schema cannot say that one member is unique across items;
- bad-schedule ("0 25 * * *"): the ranges of cron fields are values, checked by
  `opsctl validate`;
- huge-number (1e400): a number, as the schema says; its size is the loader's limit;
- missing-column: a valid runbook whose query lacks the column, found at run time.
The schema checks no SQL (reading statements only, declared ${variables}), no
"warn beyond fail" and no timeout above 24 days either.
"""
import copy
import json
import os
import re
import subprocess
import sys
import tempfile

import jsonschema

OPSCTL, SOURCE = sys.argv[1], sys.argv[2]
FIXTURES = os.path.join(SOURCE, "tests", "fixtures")
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def validator(kind):
    schema = load(os.path.join(SOURCE, "schema", kind + ".schema.json"))
    check(schema.get("$schema") == "http://json-schema.org/draft-07/schema#",
          kind + " schema states draft-07")
    jsonschema.Draft7Validator.check_schema(schema)
    printed = subprocess.run([OPSCTL, "schema", kind], capture_output=True, text=True)
    check(printed.returncode == 0 and json.loads(printed.stdout) == schema,
          "opsctl schema " + kind + " prints the shipped schema")
    return jsonschema.Draft7Validator(schema)


RUNBOOK = validator("runbook")
CONFIG = validator("config")


def schema_accepts(v, document):
    return not list(v.iter_errors(document))


def opsctl_accepts_runbook(document):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "case.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(document, f)
        return subprocess.run([OPSCTL, "validate", path], capture_output=True).returncode == 0


def opsctl_accepts_config(document):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "opsctl.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(document, f)
        return subprocess.run([OPSCTL, "--config", path, "targets"],
                              capture_output=True).returncode == 0


# Every shipped runbook and the example config; opsctl takes them with "$schema".
runbooks_dir = os.path.join(SOURCE, "runbooks")
for name in sorted(os.listdir(runbooks_dir)):
    document = load(os.path.join(runbooks_dir, name))
    errors = [e.message for e in RUNBOOK.iter_errors(document)]
    check(not errors, "shipped runbook " + name + " validates: " + "; ".join(errors[:3]))
    document["$schema"] = "/usr/share/opsctl/schema/runbook.schema.json"
    check(opsctl_accepts_runbook(document), "opsctl accepts " + name + " with $schema")
example = load(os.path.join(SOURCE, "docs", "opsctl.example.json"))
errors = [e.message for e in CONFIG.iter_errors(example)]
check(not errors, "the example config validates: " + "; ".join(errors[:3]))
check("$schema" in example and opsctl_accepts_config(example),
      "opsctl accepts the example config, with its $schema")

# The bad fixtures refused for their shape: by opsctl and by the schema.
SHAPE_FIXTURES = {
    "bad-runbooks/bad-timeout.json": "a timeout that is no duration",
    "bad-runbooks/expectation-without-column.json": "an expectation without its column",
    "bad-runbooks/sql-and-shell.json": "a step with both sql and shell",
    "bad-runbooks/unknown-key.json": "an unknown key",
    "bad-runbooks/wrong-type-number.json": "a number for a string",
    "bad-runbooks/wrong-type.json": "a string for an integer",
    "hostile-runbooks/huge-duration-minutes.json": "duration_minutes beyond 100000",
    "hostile-runbooks/key-with-newline.json": "an unknown key holding a newline",
}
for fixture, why in SHAPE_FIXTURES.items():
    document = load(os.path.join(FIXTURES, fixture))
    check(not opsctl_accepts_runbook(document), "opsctl refuses " + fixture)
    check(not schema_accepts(RUNBOOK, document), "the schema refuses " + fixture + ": " + why)

# Hand-made shape mistakes and valid variants, each judged alike by both.
BASE = load(os.path.join(FIXTURES, "good-runbooks", "minimal.json"))


def variant(change):
    document = copy.deepcopy(BASE)
    change(document, document["checklists"][0], document["checklists"][0]["steps"])
    return document


def sql_step(steps):
    return steps[0]


def manual_step(steps):
    return steps[1]


CASES = {
    # name: (change, valid)
    "runbook name in capitals": (lambda r, c, s: r.update(runbook="Daily"), False),
    "no checklists": (lambda r, c, s: r.update(checklists=[]), False),
    "no steps": (lambda r, c, s: c.update(steps=[]), False),
    "a step of no kind": (lambda r, c, s: manual_step(s).pop("manual"), False),
    "manual false": (lambda r, c, s: manual_step(s).update(manual=False), False),
    "sql without checks": (lambda r, c, s: sql_step(s).pop("expect"), False),
    "an empty row_count": (lambda r, c, s: sql_step(s).update(row_count={}), False),
    "expect on a manual step": (lambda r, c, s: manual_step(s).update(
        expect=[{"column": "a", "fail_above": 1}]), False),
    "optional on an sql step": (lambda r, c, s: sql_step(s).update(optional=True), False),
    "an expectation without rules": (lambda r, c, s: sql_step(s).update(
        expect=[{"column": "minutes_since_sync"}]), False),
    "an unknown dialect": (lambda r, c, s: r.update(dialect="oracle"), False),
    "an empty shell": (lambda r, c, s: s.append({"id": "run", "shell": []}), False),
    "a variable without default": (lambda r, c, s: r.update(variables={"x": {}}), False),
    "on_empty of another word": (lambda r, c, s: sql_step(s).update(on_empty="ok"), False),
    "a title of two lines": (lambda r, c, s: r.update(title="a\nb"), False),
    "sql per dialect": (lambda r, c, s: sql_step(s).update(
        sql={"postgres": "SELECT 1 AS minutes_since_sync", "sqlite": "SELECT 1 AS minutes_since_sync"}), True),
    "a key of columns and show": (lambda r, c, s: sql_step(s).update(
        key=["table_name"], show=["table_name"]), True),
    "a threshold from a variable": (lambda r, c, s: (
        r.update(variables={"limit": {"default": 360}}),
        sql_step(s)["expect"][0].update(fail_above="${limit}")), True),
    "an optional shell step": (lambda r, c, s: s.append(
        {"id": "run", "shell": ["true"], "optional": True, "timeout": "90s"}), True),
    "a report step": (lambda r, c, s: sql_step(s).update(report=True, on_empty="pass"), True),
    "drop and rise rules with a median baseline": (lambda r, c, s: sql_step(s)["expect"][0].update(
        fail_drop_pct=50, warn_rise_pct=20.5, baseline="median:7"), True),
    "a drop rule against the previous run": (lambda r, c, s: sql_step(s)["expect"][0].update(
        warn_drop_pct=10, baseline="previous"), True),
    "a negative drop percentage": (lambda r, c, s: sql_step(s)["expect"][0].update(
        fail_drop_pct=-5), False),
    "a median of 0 runs": (lambda r, c, s: sql_step(s)["expect"][0].update(
        fail_drop_pct=5, baseline="median:0"), False),
    "a median of 101 runs": (lambda r, c, s: sql_step(s)["expect"][0].update(
        fail_drop_pct=5, baseline="median:101"), False),
    "a median with a leading zero": (lambda r, c, s: sql_step(s)["expect"][0].update(
        fail_drop_pct=5, baseline="median:07"), False),
}
for name, (change, valid) in CASES.items():
    document = variant(change)
    check(opsctl_accepts_runbook(document) == valid,
          "opsctl " + ("accepts" if valid else "refuses") + " " + name)
    check(schema_accepts(RUNBOOK, document) == valid,
          "the schema " + ("accepts" if valid else "refuses") + " " + name)

CONFIG_CASES = {
    "an unknown key": ({"targets": {"a": {"connector": "demo", "hots": "x"}}}, False),
    "an inline password": ({"targets": {"a": {"connector": "postgres", "host": "h",
                                              "password": "x"}}}, False),
    "both secrets": ({"targets": {"a": {"connector": "postgres", "host": "h",
                                        "password_env": "A", "password_file": "/f"}}}, False),
    "an unknown connector": ({"targets": {"a": {"connector": "oracle"}}}, False),
    "no connector": ({"targets": {"a": {"host": "h"}}}, False),
    "a path on postgres": ({"targets": {"a": {"connector": "postgres", "path": "x.db"}}}, False),
    "a password on sqlite": ({"targets": {"a": {"connector": "sqlite", "path": "x.db",
                                                "password_env": "A"}}}, False),
    "odbc without dsn": ({"targets": {"a": {"connector": "odbc"}}}, False),
    "dsn and host": ({"targets": {"a": {"connector": "postgres", "dsn": "host=h",
                                        "host": "h"}}}, False),
    "a bad target name": ({"targets": {"a b": {"connector": "demo"}}}, False),
    "an inline webhook URL": ({"notify": [{"type": "slack", "url": "https://x"}]}, False),
    "a routing key env on slack": ({"notify": [{"type": "slack",
                                                "routing_key_env": "K"}]}, False),
    "a pagerduty destination without its key": ({"notify": [{"type": "pagerduty"}]}, False),
    "both url_env and url_file": ({"notify": [{"type": "teams", "url_env": "U",
                                               "url_file": "f"}]}, False),
    "notifications per target": ({"targets": {"a": {"connector": "demo", "notify": [
        {"type": "webhook", "url_file": "hook.url", "repeat_every": "24h",
         "checklists": ["daily/morning"]}]}},
        "notify": [{"type": "pagerduty", "routing_key_env": "PD_KEY"}]}, True),
    "a port as text": ({"targets": {"a": {"connector": "postgres", "port": "5432",
                                          "host": "h"}}, "$schema": "x"}, True),
}
for name, (document, valid) in CONFIG_CASES.items():
    check(opsctl_accepts_config(document) == valid,
          "opsctl " + ("accepts" if valid else "refuses") + " the config with " + name)
    check(schema_accepts(CONFIG, document) == valid,
          "the config schema " + ("accepts" if valid else "refuses") + " " + name)


# The same keys as the loader and the config parser.
def source(path):
    with open(os.path.join(SOURCE, path), encoding="utf-8") as f:
        return f.read()


def names_in(text):
    return set(re.findall(r'"([$a-z_]+)"', text))


loader = source("src/runbook/loader.cpp")
key_lists = [names_in(m) for m in re.findall(r'check_keys\([^;]*?\{([^}]*)\}\)', loader, re.S)]
rules = set(re.findall(r'\{"([a-z_]+)", RuleKind::', loader))
defs = RUNBOOK.schema["definitions"]
schema_objects = {
    "runbook": set(RUNBOOK.schema["properties"]),
    "checklist": set(defs["checklist"]["properties"]),
    "step": set(defs["step"]["properties"]),
    "variable": set(defs["variables"]["additionalProperties"]["properties"]),
    "row_count": set(defs["step"]["properties"]["row_count"]["properties"]),
}
for name, keys in schema_objects.items():
    check(keys in key_lists, "the schema's " + name + " keys " + str(sorted(keys)) +
          " are a key list of the loader " + str([sorted(k) for k in key_lists]))
check(set(defs["expectation"]["properties"]) ==
      rules | {"column", "on_null", "case_sensitive", "baseline"},
      "the schema's expectation keys are the loader's rules, column, on_null, case_sensitive, "
      "baseline")
config_source = source("src/config/config.cpp")
top = names_in(re.search(r'top_keys\(\) \{(.*?)return', config_source, re.S).group(1))
target = names_in(re.search(r'target_keys\(\) \{(.*?)return', config_source, re.S).group(1))
check(set(CONFIG.schema["properties"]) == top, "the config schema's keys are the parser's")
check(set(CONFIG.schema["definitions"]["target"]["properties"]) == target,
      "the config schema's target keys are the parser's")
tables = source("src/translate/dialect_tables.cpp")
dialects = set()
for name, aliases in re.findall(r'return \{\s*"([a-z]+)",\s*\{([^}]*)\}', tables):
    dialects |= {name} | names_in(aliases)
check(len(dialects) >= 10 and set(defs["dialect"]["enum"]) == dialects,
      "the schema's dialects are the translator's: " + str(sorted(dialects)))
kinds = source("src/connect/connector_kinds.cpp")
connectors = set(re.findall(r'\{TargetKind::\w+,\s*"([a-z]+)"', kinds))
check(set(CONFIG.schema["definitions"]["target"]["properties"]["connector"]["enum"]) == connectors,
      "the config schema's connectors are connector_kinds' " + str(sorted(connectors)))

print(("%d failure(s)" % len(failures)) if failures else "schemas: every check passed")
sys.exit(1 if failures else 0)
