#!/usr/bin/env python3
"""Wall time of `yesan run` next to the NumPy reference on the bench-large scenario (SPEC 10 peer).

  python3 Benchmarks/run-vs-reference.py [--trials 100000] [--runs 5] [--ref-runs 3] [--shared ../shared]
                                         [--threads N] [--threads-compare] [--memory-trials 1000000]

Builds yesan in release mode (YESAN_SCRATCH=.build-x chooses the build folder), generates bench-large
(200 programs x 10 years) with shared/peers/bench-large.py into a temporary folder, then times whole
processes (start to exit: loading, simulation, statistics, output) on the same machine in the same
run, in interleaved rounds so that both see the same load:

- `yesan run FILE --trials N --quiet` (default table, all cores or --threads N), --runs times;
- with --threads-compare, the same with `--threads 1`, --runs times;
- `reference.py FILE --trials N --time` (its default table; it also prints its own simulation and
  statistics time, reported beside), --ref-runs times.

Prints each run, the medians and the ratios. With --memory-trials T (0: skip), runs
`/usr/bin/time -v yesan run FILE --trials T --quiet` once and reports the peak resident memory and
whether the run completed, was refused up front (exit 64 with its memory estimate) or was killed.
Ends with a summary block to paste into a note. Benchmarks/compare-peer.sh runs all of it.
"""
import argparse
import datetime
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# YESAN_SCRATCH=.build-x selects another build folder (swift build --scratch-path).
SCRATCH = ["--scratch-path", os.environ["YESAN_SCRATCH"]] if os.environ.get("YESAN_SCRATCH") else []
GOAL_RATIO, GOAL_THREADS, GOAL_MEMORY = 20.0, 1.8, 2 * 1000**3   # issue 6 acceptance (2 GB)


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(cmd):
    """Runs cmd: (wall seconds, the process's user + system CPU seconds, CompletedProcess)."""
    c0, t0 = children_cpu(), time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    wall, cpu = time.perf_counter() - t0, children_cpu() - c0
    if p.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed ({p.returncode}): {p.stderr}")
    return wall, cpu, p


def busy(seconds=2.0):
    """Fraction of all cores' time spent outside idle and iowait over `seconds` (/proc/stat), while
    this script waits: what other processes take."""
    def sample():
        fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
        return sum(fields), fields[3] + fields[4]
    if not Path("/proc/stat").exists():
        return float("nan")
    total0, idle0 = sample()
    time.sleep(seconds)
    total1, idle1 = sample()
    return 1 - (idle1 - idle0) / max(1, total1 - total0)


def output(cmd, cwd=ROOT):
    try:
        return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


def machine():
    """CPU model, cores, memory, kernel (lscpu, /proc/meminfo, uname)."""
    lscpu = output(["lscpu"])
    field = lambda name: (re.search(rf"^{name}:\s*(.+)$", lscpu, re.M) or [None, "?"])[1]
    mem = re.search(r"MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text()) if Path("/proc/meminfo").exists() else None
    gib = f"{int(mem[1]) / 2**20:.0f} GiB" if mem else "? GiB"
    virt = field("Hypervisor vendor")
    return (f"{field('Model name')}, {os.cpu_count()} cores ({field('Architecture')}), {gib}"
            + (f", {virt} VM" if virt != "?" else "") + f", Linux {os.uname().release}")


def commit():
    sha = output(["git", "rev-parse", "--short", "HEAD"]) or "?"
    branch = output(["git", "rev-parse", "--abbrev-ref", "HEAD"]) or "?"
    dirty = " + uncommitted changes" if output(["git", "status", "--porcelain", "--untracked-files=no"]) else ""
    return f"{sha} ({branch}){dirty}"


def load():
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def memory_run(yesan, scenario, trials):
    """One `/usr/bin/time -v yesan run` at `trials`: (status text, peak RSS bytes or None, wall s, detail)."""
    if not Path("/usr/bin/time").exists():
        return "not measured: /usr/bin/time is missing (Debian package `time`)", None, None, ""
    with tempfile.TemporaryFile("w+") as out:
        t0 = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-v", yesan, "run", str(scenario), "--trials", str(trials), "--quiet"],
                           stdout=out, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - t0
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    peak = int(m[1]) * 1024 if m else None
    signal = re.search(r"Command terminated by signal (\d+)", p.stderr)
    if signal:
        return f"KILLED by signal {signal[1]} mid-way", peak, wall, ""
    status = re.search(r"Exit status: (\d+)", p.stderr)
    code = int(status[1]) if status else p.returncode
    if code == 0:
        return "completed", peak, wall, ""
    if code == 64 and "needs about" in p.stderr:
        estimate = next((l for l in p.stderr.splitlines() if "needs about" in l), "")
        return "refused up front (exit 64)", peak, wall, estimate.strip()
    return f"failed (exit {code})", peak, wall, p.stderr.strip().splitlines()[0] if p.stderr.strip() else ""


def spread(xs):
    """Median, count and range of wall times."""
    return f"median {statistics.median(xs):.3f} s of {len(xs)} (min {min(xs):.3f}, max {max(xs):.3f})"


def verdict(ok):
    return "meets" if ok else "DOES NOT meet"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trials", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5, help="yesan runs (each thread setting)")
    ap.add_argument("--ref-runs", type=int, default=3, help="reference.py runs")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--threads", type=int, help="yesan --threads for the main runs (default: yesan's, all cores)")
    ap.add_argument("--threads-compare", action="store_true", help="also time yesan with --threads 1")
    ap.add_argument("--memory-trials", type=int, default=0, help="peak memory of one run at this many trials (0: skip)")
    ap.add_argument("--programs", type=int, default=200)
    ap.add_argument("--years", type=int, default=10)
    a = ap.parse_args()
    peers = Path(a.shared) / "peers"
    if not (peers / "reference.py").is_file() or not (peers / "bench-large.py").is_file():
        print(f"skipped: {peers}/reference.py and bench-large.py not found "
              "(shared/ exists in development sessions and CI, not in a clone)")
        return
    started = datetime.datetime.now(datetime.timezone.utc)
    load_start = load()
    print("building yesan (release) ...", flush=True)
    subprocess.run(["swift", "build", "-c", "release", "--product", "yesan", *SCRATCH], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    binpath = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path", *SCRATCH], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()
    yesan = str(Path(binpath) / "yesan")
    cores = os.cpu_count() or 1
    main_threads = ["--threads", str(a.threads)] if a.threads else []
    main_label = f"--threads {a.threads}" if a.threads else f"all cores ({cores})"
    width = max(len(main_label), len("--threads 1"))
    with tempfile.TemporaryDirectory() as tmp:
        scenario = Path(tmp) / "bench-large.yaml"
        subprocess.run([sys.executable, str(peers / "bench-large.py"), str(scenario),
                        "--programs", str(a.programs), "--years", str(a.years)], check=True)
        print(f"bench-large: {a.programs} programs x {a.years} years -> {scenario}; {a.trials:,} trials per run", flush=True)
        timed([yesan, "run", str(scenario), "--trials", "1000", "--quiet"])   # warm the file cache
        timed([sys.executable, str(peers / "reference.py"), str(scenario), "--trials", "100"])
        others_before = busy()
        print(f"other processes kept {others_before:.0%} of the {cores} cores busy in the 2 s before the runs", flush=True)
        ys, ones, rs, inner = [], [], [], []
        ycpu, onecpu = [], []
        for i in range(max(a.runs, a.ref_runs)):
            if i < a.runs:
                wall, cpu, _ = timed([yesan, "run", str(scenario), "--trials", str(a.trials), "--quiet", *main_threads])
                ys.append(wall)
                ycpu.append(cpu)
                print(f"round {i + 1}  yesan, {main_label:<{width}}  {wall:8.3f} s   (CPU {cpu:.3f} s)", flush=True)
            if a.threads_compare and i < a.runs:
                wall, cpu, _ = timed([yesan, "run", str(scenario), "--trials", str(a.trials), "--quiet", "--threads", "1"])
                ones.append(wall)
                onecpu.append(cpu)
                print(f"round {i + 1}  yesan, {'--threads 1':<{width}}  {wall:8.3f} s   (CPU {cpu:.3f} s)", flush=True)
            if i < a.ref_runs:
                wall, _, p = timed([sys.executable, str(peers / "reference.py"), str(scenario), "--trials", str(a.trials), "--time"])
                m = re.search(r"simulate ([\d.]+) s \+ statistics ([\d.]+) s", p.stderr)
                inner.append(float(m[1]) + float(m[2]) if m else float("nan"))
                rs.append(wall)
                print(f"round {i + 1}  {'reference.py':<{width + 7}}  {wall:8.3f} s   (its own --time: {inner[-1]:.3f} s)", flush=True)
        others_after = busy()
        memory = None
        if a.memory_trials > 0:
            print(f"memory: /usr/bin/time -v yesan run --trials {a.memory_trials:,} ...", flush=True)
            memory = memory_run(yesan, scenario, a.memory_trials)
    my, mr, mi = statistics.median(ys), statistics.median(rs), statistics.median(inner)
    ratio = mr / my
    lines = [
        f"yesan vs NumPy reference: bench-large {a.programs} programs x {a.years} years, {a.trials:,} trials, default table",
        f"date      {started:%Y-%m-%d %H:%M} UTC, commit {commit()}",
        f"machine   {machine()}",
        f"load      other processes kept {others_before:.0%} of the cores busy just before the runs, {others_after:.0%} just after; "
        f"load average {load_start} at start, {load()} at end",
        f"yesan     {main_label}: {spread(ys)}; CPU median {statistics.median(ycpu):.3f} s "
        f"(parallelism {statistics.median(ycpu) / my:.2f} of {cores if not a.threads else a.threads})",
        f"reference {spread(rs)}; its own --time (simulate + statistics): median {mi:.3f} s",
        f"ratio     {ratio:.1f}x whole process ({mi / my:.1f}x against the reference's own --time); "
        f"goal >= {GOAL_RATIO:.0f}x: {verdict(ratio >= GOAL_RATIO)}",
    ]
    if ones:
        m1 = statistics.median(ones)
        lines.append(f"threads   --threads 1: {spread(ones)}, CPU median {statistics.median(onecpu):.3f} s; "
                     f"{main_label}: median {my:.3f} s; speed-up {m1 / my:.2f}x; goal >= {GOAL_THREADS}x: {verdict(m1 / my >= GOAL_THREADS)}")
    if max(others_before, others_after) > 0.15:
        lines.append(f"warning   other processes were using the cores ({others_before:.0%} before, {others_after:.0%} after): "
                     "the all-core figures and the speed-up are understated; rerun on a quiet machine")
    if memory:
        status, peak, wall, detail = memory
        text = f"memory    {a.memory_trials:,} trials, default table: {status}"
        if peak is not None:
            text += f", peak RSS {peak / 2**20:,.0f} MiB ({peak / 1000**3:.2f} GB)"
            if status == "completed":
                text += f", {wall:.1f} s; goal <= 2 GB: {verdict(peak <= GOAL_MEMORY)}"
        if status.startswith("refused"):
            text += "; goal (complete, or refuse up front): meets"
        elif status.startswith("KILLED"):
            text += "; goal (never killed mid-way): DOES NOT meet"
        if detail:
            text += f"\n          {detail}"
        lines.append(text)
    print("\n" + "\n".join(lines))


if __name__ == "__main__":
    main()
