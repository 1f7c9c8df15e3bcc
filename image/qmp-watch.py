#!/usr/bin/env python3
"""Powers on a paused QEMU over QMP and watches its screen and serial console
(image/boot-qemu.sh): the time from power-on until the screen shows the
golden attract screen, then the appliance's boot report.

    qmp-watch.py QMP_SOCKET WORK_DIR GOLDEN_PNG MAX_DIFF_PIXELS LIMIT_S SERIAL_LOG
"""
import json
import os
import re
import socket
import subprocess
import sys
import time


def qmp_connect(path, limit_s):
    deadline = time.monotonic() + limit_s
    while True:
        try:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.connect(path)
            break
        except OSError:
            sock.close()
            if time.monotonic() > deadline:
                sys.exit("boot-qemu: no QMP socket")
            time.sleep(0.05)
    stream = sock.makefile("rw")
    json.loads(stream.readline())  # the greeting
    qmp(stream, "qmp_capabilities")
    return stream


def qmp(stream, command, **arguments):
    stream.write(json.dumps({"execute": command, "arguments": arguments}) + "\n")
    stream.flush()
    while True:
        reply = json.loads(stream.readline())
        if "event" in reply:
            continue
        if "error" in reply:
            raise RuntimeError(f"{command}: {reply['error']}")
        return reply["return"]


def differing_pixels(screen, golden):
    """Pixels of screen that differ from golden (beyond 3 %), None when sizes differ."""
    done = subprocess.run(["compare", "-metric", "AE", "-fuzz", "3%", screen, golden, "null:"],
                          capture_output=True, text=True)
    try:
        return int(float(done.stderr.split()[0]))
    except (ValueError, IndexError):
        return None


def main():
    qmp_path, work, golden, max_diff, limit_s, serial = sys.argv[1:7]
    max_diff, limit_s = int(max_diff), float(limit_s)
    stream = qmp_connect(qmp_path, 30)
    power_on = time.monotonic()
    qmp(stream, "cont")
    screen = os.path.join(work, "screen.ppm")
    best = None
    first_frame = None
    while time.monotonic() - power_on < limit_s:
        time.sleep(0.5)
        qmp(stream, "screendump", filename=screen)
        diff = differing_pixels(screen, golden)
        if diff is not None and (best is None or diff < best):
            best = diff
        if diff is not None and diff <= max_diff:
            first_frame = time.monotonic() - power_on
            break
    kept = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build", "image",
                        "last-screen.png")
    subprocess.run(["convert", screen, os.path.normpath(kept)], check=False)
    if first_frame is None:
        print(f"boot-qemu: no attract screen within {limit_s:.0f} s "
              f"(closest: {best} pixels differ; last screen in build/image/last-screen.png)")
        print_tail(serial)
        return 1
    print(f"boot-qemu: power-on to first frame: {first_frame:.1f} s "
          f"({best} of 2073600 pixels differ from the golden attract screen)")
    report = wait_report(serial, power_on + limit_s)
    if report is None:
        print("boot-qemu: no boot report on the serial console")
        print_tail(serial)
        return 1
    print("\n".join(report))
    healthy = all(line in report for line in ("system: running", "kiosk: active", "failed units: 0"))
    print("boot-qemu: services " + ("healthy" if healthy else "NOT healthy"))
    return 0 if healthy else 1


CONSOLE_PREFIX = re.compile(r"^(.*?\[ *[0-9.]+\] )?[\w.@-]+\[[0-9]+\]: ")


def wait_report(serial, deadline):
    while time.monotonic() < deadline:
        with open(serial, errors="replace") as f:
            text = f.read()
        if "KIOSK-BOOT-REPORT END" in text:
            # journald copies each line to the console after the kernel's time and the
            # writer's name: "[  118.45] sh[360]: system: running".
            lines = [CONSOLE_PREFIX.sub("", line.rstrip("\r")) for line in text.split("\n")]
            begin = max(i for i, line in enumerate(lines) if "KIOSK-BOOT-REPORT BEGIN" in line)
            end = max(i for i, line in enumerate(lines) if "KIOSK-BOOT-REPORT END" in line)
            return lines[begin + 1:end]
        time.sleep(0.5)
    return None


def print_tail(serial):
    with open(serial, errors="replace") as f:
        print("".join(f.readlines()[-40:]))


if __name__ == "__main__":
    sys.exit(main())
