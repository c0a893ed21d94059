#!/usr/bin/env python3
"""Timing helper of bench/run (not a test).

    measure.py REPS SPEC RESULTS

SPEC has one case per line, a JSON array: [name, expected_exit_code, checks, argv...],
checks being comma-separated.
Every case is run once untimed (warm-up, verified like every other run), then REPS
times, interleaved with the other cases of the same SPEC (the order rotates each
repetition, so a slow spell of the shared machine hits every case alike).
Each run is verified: its exit code must be the expected one, and `check` must hold:
  "-"                     nothing more
  "opsctl:PASS[:ROWS]"    stdout is an opsctl JSON report with status pass, PASS steps
                          passed, nothing else, and (if given) the first step saw ROWS rows
  "lines:N"               stdout has exactly N lines
  "rss:FILE"              argv runs under /usr/bin/time -f %M -o FILE: read the peak RSS (KB)
A failed run stops the benchmark (exit 1) so a broken run is never timed as fast.
Appends one JSON object per case to RESULTS: name, median wall seconds, all times, the
client's CPU time (user + sys of the command and its waited-for children), peak RSS.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def fail(name, why, out_path=None, err=b""):
    sys.stderr.write(f"bench: {name}: {why}\n")
    if out_path and os.path.exists(out_path):
        with open(out_path, "rb") as f:
            sys.stderr.write(f.read(2000).decode(errors="replace") + "\n")
    sys.stderr.write(err[-4000:].decode(errors="replace") + "\n")
    sys.exit(1)


def verify(name, checks, out_path, err):
    rss = None
    for check in checks.split(","):
        rss = verify_one(name, check, out_path, err) or rss
    return rss


def verify_one(name, check, out_path, err):
    if check == "-":
        return None
    kind, _, arg = check.partition(":")
    if kind == "opsctl":
        parts = arg.split(":")
        want_pass = int(parts[0])
        try:
            with open(out_path) as f:
                report = json.load(f)
        except (OSError, ValueError) as e:
            fail(name, f"stdout is not a JSON report ({e})", out_path, err)
        counts = report.get("counts", {})
        others = {k: v for k, v in counts.items() if k != "pass" and v}
        if report.get("status") != "pass" or counts.get("pass") != want_pass or others:
            fail(name, f"expected {want_pass} passing steps, got status "
                       f"{report.get('status')} counts {counts}", None, err)
        if len(parts) > 1 and report["steps"][0].get("row_count") != int(parts[1]):
            fail(name, f"expected {parts[1]} rows, got {report['steps'][0].get('row_count')}",
                 None, err)
        return None
    if kind == "lines":
        with open(out_path, "rb") as f:
            n = sum(1 for _ in f)
        if n != int(arg):
            fail(name, f"expected {arg} output lines, got {n}", out_path, err)
        return None
    if kind == "rss":
        try:
            with open(arg) as f:
                return int(f.read().strip().splitlines()[-1])
        except (OSError, ValueError, IndexError) as e:
            fail(name, f"no peak RSS in {arg} ({e})", None, err)
    fail(name, f"unknown check {check}")


def run_once(case, tmpdir):
    name, rc_expected, check, argv = case[0], case[1], case[2], case[3:]
    out_path = os.path.join(tmpdir, "stdout")
    # stdout goes to a file only when it must be verified (lines/opsctl); else /dev/null.
    for c in check.split(","):  # never read a previous run's peak RSS
        if c.startswith("rss:") and os.path.exists(c[4:]):
            os.remove(c[4:])
    wants_out = any(c.split(":")[0] in ("opsctl", "lines") for c in check.split(","))
    with open(out_path if wants_out else os.devnull, "wb") as out, \
            tempfile.TemporaryFile() as errf:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=errf)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - t0
        proc.returncode = rc = os.waitstatus_to_exitcode(status)
        cpu = usage.ru_utime + usage.ru_stime  # the client side: the command and its children
        errf.seek(0)
        err = errf.read()
    if rc != rc_expected:
        fail(name, f"exit code {rc}, expected {rc_expected}", out_path if wants_out else None, err)
    rss = verify(name, check, out_path, err)
    return elapsed, cpu, rss


def main():
    reps, spec, results = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    with open(spec) as f:
        cases = [json.loads(line) for line in f if line.strip()]
    times = {c[0]: [] for c in cases}
    cpus = {c[0]: [] for c in cases}
    rss = {c[0]: [] for c in cases}
    with tempfile.TemporaryDirectory() as tmpdir:
        for c in cases:  # warm-up, verified
            run_once(c, tmpdir)
        for r in range(reps):
            for i in range(len(cases)):
                c = cases[(i + r) % len(cases)]
                t, cpu, m = run_once(c, tmpdir)
                times[c[0]].append(t)
                cpus[c[0]].append(cpu)
                if m is not None:
                    rss[c[0]].append(m)
                sys.stderr.write(".")
                sys.stderr.flush()
    with open(results, "a") as f:
        for c in cases:
            f.write(json.dumps({
                "name": c[0],
                "median_s": statistics.median(times[c[0]]),
                "times_s": times[c[0]],
                "cpu_s_median": statistics.median(cpus[c[0]]),
                "cpu_s": cpus[c[0]],
                "rss_kb_median": statistics.median(rss[c[0]]) if rss[c[0]] else None,
                "rss_kb_max": max(rss[c[0]]) if rss[c[0]] else None,
            }) + "\n")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)
