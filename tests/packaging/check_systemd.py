#!/usr/bin/python3
"""ctest `systemd`: the units `opsctl systemd` writes, checked by systemd-analyze.

- Every OnCalendar= value is one `systemd-analyze calendar` accepts, and its next
  elapses are the times the cron schedule means (computed here, independently:
  day-of-month and day-of-week both hold when both are restricted, "NL" is the last
  weekday N of the month), for every shipped schedule and the hard cases.
- `systemd-analyze verify` accepts every unit; the timers are Persistent=true.
- ExecStart= is the command line `opsctl cron` writes, without its log redirection.
- A target holding a password is refused, and nothing is written.
Usage: check_systemd.py OPSCTL SOURCE_DIR
"""
import datetime
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

OPSCTL, SOURCE = sys.argv[1], sys.argv[2]
BASE = datetime.datetime(2026, 12, 4, 10, 7)
ITERATIONS = 6
failures = []
ENV = dict(os.environ, TZ="UTC")
for name in ("OPSCTL_RUNBOOKS", "OPSCTL_TARGET", "OPSCTL_CONFIG"):
    ENV.pop(name, None)


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, env=kwargs.pop("env", ENV),
                          **kwargs)


# --- the cron schedule's meaning, independently of opsctl ---
def values(field, low, high):
    result = set()
    for item in field.split(","):
        if item.endswith("L"):
            continue
        rng, _, step = item.partition("/")
        step = int(step) if step else 1
        if rng == "*":
            a, b = low, high
        elif "-" in rng:
            a, b = map(int, rng.split("-"))
        else:
            a = int(rng)
            b = high if step != 1 or "/" in item else a
        result |= set(range(a, b + 1, step))
    return result


def matches(expression, t):
    minute, hour, dom, month, dow = expression.split()
    if t.minute not in values(minute, 0, 59) or t.hour not in values(hour, 0, 23):
        return False
    if t.month not in values(month, 1, 12):
        return False
    weekday = (t.weekday() + 1) % 7  # Sunday 0
    plain = {d % 7 for d in values(dow, 0, 7)}
    last = {int(item[0]) % 7 for item in dow.split(",") if item.endswith("L")}
    last_week = (t + datetime.timedelta(days=7)).month != t.month
    day_ok = weekday in plain or (weekday in last and last_week)
    return day_ok and t.day in values(dom, 1, 31)


def cron_times(expression, count):
    times, t = [], BASE + datetime.timedelta(minutes=1)
    limit = BASE + datetime.timedelta(days=800)
    while len(times) < count and t < limit:
        if matches(expression, t):
            times.append(t)
        t += datetime.timedelta(minutes=1)
    return times


def systemd_times(calendar_values, count):
    times = set()
    for value in calendar_values:
        out = run(["systemd-analyze", "calendar", "--iterations=%d" % count,
                   "--base-time=" + BASE.strftime("%Y-%m-%d %H:%M:%S UTC"), value])
        check(out.returncode == 0, "systemd-analyze calendar accepts %r: %s" % (value, out.stderr))
        for stamp in re.findall(r"(?:Next elapse|Iter\. #\d+): \w+ (\S+ \S+) UTC", out.stdout):
            times.add(datetime.datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S"))
    return sorted(times)[:count]


HARD_CASES = {
    "first-monday": "0 9 1-7 * 1",
    "last-friday": "0 15 * * 5L",
    "monday-and-last-friday": "30 8 * * 1,5L",
    "working-hours": "*/20 9-17 * * 1-5",
    "quarterly": "0 0 1 1,4,7,10 *",
    "sundays-twice-named": "0 6 * * 0,7",
    "mid-month-tuesdays": "15 3 10-20 * 2",
    "every-other-hour-from-one": "5 1/2 * * *",
}

work = tempfile.mkdtemp()
try:
    runbooks = os.path.join(work, "runbooks")
    shutil.copytree(os.path.join(SOURCE, "runbooks"), runbooks)
    hard = {"runbook": "hard-schedules", "checklists": [
        {"name": name, "schedule": schedule, "steps": [{"id": "look", "manual": True}]}
        for name, schedule in HARD_CASES.items()]}
    with open(os.path.join(runbooks, "hard-schedules.json"), "w") as f:
        json.dump(hard, f)
    units = os.path.join(work, "units")
    written = run([OPSCTL, "systemd", "--dir", units, "--runbooks", runbooks, "--target", "demo"])
    check(written.returncode == 0, "opsctl systemd exits 0: " + written.stderr)
    print(written.stdout, end="")

    schedules = {}
    for path in sorted(glob.glob(os.path.join(runbooks, "*.json"))):
        document = json.load(open(path))
        for checklist in document["checklists"]:
            if checklist.get("schedule"):
                schedules[document["runbook"] + "." + checklist["name"]] = checklist["schedule"]
    check(len(schedules) >= 20 + len(HARD_CASES), "every schedule is there: %d" % len(schedules))
    for job, schedule in schedules.items():
        timer = os.path.join(units, "opsctl-%s.timer" % job)
        service = os.path.join(units, "opsctl-%s.service" % job)
        check(os.path.isfile(timer) and os.path.isfile(service), "units of " + job)
        if not os.path.isfile(timer):
            continue
        text = open(timer).read()
        check("\nPersistent=true\n" in text, job + ": Persistent=true")
        calendar = re.findall(r"^OnCalendar=(.*)$", text, re.M)
        expected = cron_times(schedule, ITERATIONS)
        actual = systemd_times(calendar, ITERATIONS)
        check(actual == expected, "%s (%s) as %s: systemd %s, cron means %s" % (
            job, schedule, calendar, [str(t) for t in actual], [str(t) for t in expected]))
    check(len(glob.glob(os.path.join(units, "*"))) == 2 * len(schedules),
          "one service and one timer per scheduled checklist, nothing else")

    verify = run(["systemd-analyze", "verify", "--man=no"] +
                 sorted(glob.glob(os.path.join(units, "*"))))
    check(verify.returncode == 0 and not verify.stderr.strip(),
          "systemd-analyze verify: " + verify.stderr)

    # The same command line as opsctl cron's, without the log redirection.
    cron = run([OPSCTL, "cron", "--runbooks", runbooks, "--target", "demo",
                "--log-dir", os.path.join(work, "log")])
    line = [l for l in cron.stdout.splitlines() if " daily morning " in l and not l.startswith("#")]
    check(len(line) == 1, "one cron line for daily morning")
    cron_command = " ".join(line[0].split(" >> ")[0].split()[5:]) if line else ""
    service = open(os.path.join(units, "opsctl-daily.morning.service")).read()
    exec_start = re.search(r"^ExecStart=(.*)$", service, re.M).group(1)
    check(exec_start == cron_command, "ExecStart %r is cron's %r" % (exec_start, cron_command))
    check(exec_start.startswith("/") and " --runbooks " + runbooks in exec_start and
          " --target demo " in exec_start and " --lock " in exec_start,
          "ExecStart names the binary, runbooks, target and lock: " + exec_start)
    check(re.search(r"^Environment=PATH=/", service, re.M) is not None, "the jobs' PATH is set")

    # --user: the user's unit folder.
    config_home = os.path.join(work, "config")
    user = run([OPSCTL, "systemd", "--user", "--runbooks", runbooks, "--target", "demo"],
               env=dict(ENV, XDG_CONFIG_HOME=config_home))
    check(user.returncode == 0 and "systemctl --user daemon-reload" in user.stdout,
          "opsctl systemd --user: " + user.stdout + user.stderr)
    check(os.path.isfile(os.path.join(config_home, "systemd", "user", "opsctl-daily.morning.timer")),
          "--user writes to $XDG_CONFIG_HOME/systemd/user")

    # A password on the command line never goes into a unit file.
    refused_dir = os.path.join(work, "refused")
    refused = run([OPSCTL, "systemd", "--dir", refused_dir, "--runbooks", runbooks,
                   "--target", "postgresql://ops:s3cret-pw@db/wh"])
    check(refused.returncode == 3, "a target with a password exits 3: %d" % refused.returncode)
    check("holds a password" in refused.stderr and "s3cret-pw" not in refused.stderr,
          "the refusal says why without the password: " + refused.stderr)
    check(not os.path.exists(refused_dir), "nothing is written for a refused target")
finally:
    shutil.rmtree(work)

print(("%d failure(s)" % len(failures)) if failures else "systemd: every check passed")
sys.exit(1 if failures else 0)
