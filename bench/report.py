#!/usr/bin/env python3
"""Prints the table of bench/run from measure.py's results (not a test).

    report.py RESULTS REPS FAST_REPS STARTUP_REPS HAND_CALLS
"""
import json
import sys

res = {}
with open(sys.argv[1]) as f:
    for line in f:
        r = json.loads(line)
        res[r["name"]] = r
reps, freps, sreps, hand = (int(a) for a in sys.argv[2:6])
scale = 1000 // hand


def m(name):
    return res[name]["median_s"]


def spread(name, unit="s", factor=1.0):
    times = res[name]["times_s"]
    if unit == "ms":
        return f"{min(times) * 1000 * factor:.1f}-{max(times) * 1000 * factor:.1f}"
    return f"{min(times) * factor:.3f}-{max(times) * factor:.3f}"


def cpu(name, unit="s", factor=1.0):
    value = res[name]["cpu_s_median"] * factor
    return f"{value * 1000:.1f} ms" if unit == "ms" else f"{value:.2f} s"


rows = []


def row(bench, figure, value, rng="", client_cpu="", target="", ok=None):
    rows.append((bench, figure, value, rng, client_cpu, target,
                 "" if ok is None else ("met" if ok else "MISSED")))


def timed(bench, figure, name, unit="s", factor=1.0):
    value = m(name) * factor
    text = f"{value * 1000:.1f} ms" if unit == "ms" else f"{value:.3f} s"
    row(bench, figure, text, spread(name, unit, factor), cpu(name, unit, factor))


timed("1 16 x pg_sleep(0.5)", "opsctl --jobs 8", "sleep_opsctl")
t, p = m("sleep_opsctl"), m("sleep_psql_loop")
row("", "opsctl / ideal 1.0 s", f"{t:.2f}x", target="<= 1.15x", ok=t <= 1.15)
if "sleep_libpq_floor" in res:
    floor = m("sleep_libpq_floor")
    timed("", "libpq floor: 8 threads, 2 sleeps each", "sleep_libpq_floor")
    row("", "libpq floor / ideal 1.0 s", f"{floor:.2f}x")
    row("", "opsctl / libpq floor", f"{t / floor:.3f}x")
timed("", "16 x psql -c, one after another", "sleep_psql_loop")
row("", "opsctl / psql loop", f"{t / p:.3f}x")

timed("2 1,000 x SELECT 1", "opsctl --jobs 1", "trivial_opsctl")
timed("", "psql -f, one connection", "trivial_psql_f")
t, f = m("trivial_opsctl"), m("trivial_psql_f")
row("", "opsctl / psql -f", f"{t / f:.2f}x", target="<= 1.5x", ok=t / f <= 1.5)
timed("", "1,000 x psql -c" + ("" if hand == 1000 else f" ({hand} run, x{scale})"),
      "trivial_psql_c", factor=scale)
row("", "opsctl / psql -c each", f"{t / (m('trivial_psql_c') * scale):.3f}x")

timed("3 5,000,000 rows", "opsctl, 1 check", "rows_opsctl")
timed("", "psql COPY TO STDOUT >/dev/null", "rows_psql_copy")
t, p = m("rows_opsctl"), m("rows_psql_copy")
row("", "opsctl / psql COPY", f"{t / p:.2f}x", target="<= 1.5x", ok=t / p <= 1.5)
rss, prss = res["rows_opsctl"]["rss_kb_max"], res["rows_psql_copy"]["rss_kb_max"]
row("", "opsctl peak RSS (max of runs)", f"{rss / 1024:.1f} MB", target="<= 64 MB",
    ok=rss <= 64 * 1024)
row("", "psql peak RSS (max of runs)", f"{prss / 1024:.1f} MB")

for name, figure in (("startup_version", "opsctl --version"),
                     ("startup_validate", "opsctl validate (shipped runbooks)")):
    timed("4 start-up" if name == "startup_version" else "", figure, name, "ms")
    rows[-1] = rows[-1][:5] + ("a few ms (<= 10)", "met" if m(name) <= 0.010 else "MISSED")
timed("", "/bin/true (process floor)", "startup_true", "ms")
if "startup_linked" in res:
    timed("", "empty main(), opsctl's shared libs", "startup_linked", "ms")

head = ("benchmark", "figure", "median wall", "min-max", "client CPU", "target", "")
w = [max(len(r[i]) for r in rows + [head]) for i in range(7)]
fmt = "  ".join(f"{{:{'>' if i in (2, 3, 4) else '<'}{w[i]}}}" for i in range(7))
print(fmt.format(*head).rstrip())
print("  ".join("-" * x for x in w[:6]))
for r in rows:
    print(fmt.format(*r).rstrip())
print(f"\nmedians of {reps} repetitions (opsctl and psql -f of 2: {freps}; start-up: {sreps}),\n"
      "each case after one verified warm-up run, cases interleaved; every run's exit code and\n"
      "report were checked. client CPU: user+sys of the measured command and its children\n"
      "(median), not the server's.")
