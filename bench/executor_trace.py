#!/usr/bin/env python3
"""Where bench/executor.sh's apply spends its time, call by call, from both processes' timestamps.

Measurement only, never merged into the engine: bench/executor-trace.patch adds a tracer (XTrace,
System.nanoTime, the same clock in both JVMs) at these points, each written to XTRACE_DIR/trace.PID
when the JVM exits:
  host (Capstan)       h.node (a walker node starts), h.inst.start (an instance task starts),
                       h.plan.send/h.plan.ret and h.apply.send/h.apply.ret (around each
                       PlanResourceChange/ApplyResourceChange), h.creating / h.creating.printed
                       (around "Creating..."), h.put (state recorded), h.created.printed
  provider (SDK side)  p.halfclose (a request is complete on the network thread), p.plan.start/
                       p.plan.end, p.apply.start/p.apply.reply/p.apply.end (on the call's pool thread)

Usage (a scratch worktree; ~7 min to build on a loaded 2-core machine):
  git apply bench/executor-trace.patch && mvn -o -q -pl cli,providers/time -am -DskipTests package
  # a directory with bench/executor.sh's main.tf, `init -plugin-dir=providers/time/target/mirror`, then:
  XTRACE_DIR=/tmp/tr bin/capstan apply -auto-approve -parallelism=100
  bench/executor_trace.py /tmp/tr/trace.HOSTPID /tmp/tr/trace.PROVIDERPID
(the host's file is the one with h.* lines). Prints the first planning round in 25 ms buckets (how
many requests were sent, reached the provider, were planned and answered), then for each layer of
the apply each stage's first, last and median time from the layer's first "Creating...".

Session 17 (exec17 helper, load 14-19 on 2 cores, so only the shape counts): in late (warm) layers
the first answer came ~6 ms after the first "Creating...", and the layer's span was the spread of
its starts (the last "Creating..." 13-27 ms after the first) plus ~205 ms; between layers ~1 ms.
In the first planning round requests reached the provider a few per 25 ms while the host had sent
them within the first milliseconds, and the first answer took ~300 ms from the provider's end of
the call to the host: both network threads, cold (interpreted), are the bottleneck there.
Tried and left out: the instances of a count resource starting one another as a tree (each
started instance handing up to two more to the pool) instead of all from the resource's thread.
The last instance task of a warm layer then started 3-9 ms after the first instead of 9-31 ms, but
the last "Creating..." and the layer's span did not move (3 alternated pairs at load 15-19, layer
medians 0.27/0.32/0.28 s without, 0.32/0.33/0.32 s with): with the CPU busy, what bounds a layer's
starts is the CPU its hundred starts need (the host's final plan and request of each instance, the
provider's receipt), not the order they are handed out in. Also left out: C1 compiling sooner in
both JVMs (-XX:Tier3InvocationThreshold=50 -XX:Tier3MinInvocationThreshold=25
-XX:Tier3CompileThreshold=500) to warm the network threads for the first round: the first 100
answers took 2.42/2.35 s against 2.11/1.07 s without (2 alternated pairs, load 15-19).
"""
import collections
import sys


def load(paths):
    ev = collections.defaultdict(list)
    for path in paths:
        with open(path) as f:
            for line in f:
                t, label = line.split()
                ev[label].append(int(t) / 1e6)
    for v in ev.values():
        v.sort()
    return ev


def plan_round(ev, span_ms=1200, bucket=25):
    labels = ["h.plan.send", "p.halfclose", "p.plan.start", "p.plan.end", "h.plan.ret"]
    if not ev["h.plan.send"]:
        return
    t0 = ev["h.plan.send"][0]
    counts = collections.defaultdict(collections.Counter)
    for label in labels:
        for t in ev[label]:
            if 0 <= t - t0 < span_ms:
                counts[int((t - t0) // bucket)][label] += 1
    print("first planning round, events per %d ms from the first PlanResourceChange sent" % bucket)
    print("   ms " + " ".join("%13s" % label for label in labels))
    for k in sorted(counts):
        print("%5d " % (k * bucket) + " ".join("%13d" % counts[k][label] for label in labels))


def layers(ev, width=100):
    labels = ["h.inst.start", "h.creating", "h.apply.send", "p.apply.start", "p.apply.reply", "h.apply.ret",
              "h.put", "h.created.printed"]
    creating = ev["h.creating"]
    # the apply's instance tasks come after the plan's (one task per instance in each walk)
    inst_offset = len(ev["h.inst.start"]) - len(creating)
    print("apply, per layer of %d: first..last (median) ms from the layer's first \"Creating...\"" % width)
    for k in range(len(creating) // width):
        base = creating[k * width]
        out = []
        for label in labels:
            off = inst_offset if label == "h.inst.start" else 0
            v = ev[label][off + k * width:off + (k + 1) * width]
            if len(v) == width:
                out.append("%s %+.1f..%+.1f (%+.1f)" % (label.split(".", 1)[1], v[0] - base, v[-1] - base,
                                                       v[width // 2] - base))
        gap = ""
        if (k + 1) * width < len(creating):
            gap = "  next layer +%.1f" % (creating[(k + 1) * width] - ev["h.created.printed"][(k + 1) * width - 1])
        print("l%d %s%s" % (k, "  ".join(out), gap))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: executor_trace.py HOST_TRACE PROVIDER_TRACE")
    events = load(sys.argv[1:3])
    plan_round(events)
    layers(events)
