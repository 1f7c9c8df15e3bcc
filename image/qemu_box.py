"""The appliance in QEMU, driven from outside as a technician would: power,
screen, serial console and USB sticks (image/qemu-check.py).

A Box is one disk (a copy-on-write overlay of the image, so the image stays
as built) and the QEMU that runs it: UEFI (OVMF), KVM when /dev/kvm is
usable (else plain emulation), a virtio GPU with a 1080 x 1920 portrait
screen, a virtio tablet and keyboard, user networking, an xHCI controller
for sticks and an i6300esb watchdog (the hardware watchdog systemd keeps on
the box). QEMU starts paused; power_on is the moment counted from. A power
cut kills QEMU outright (SIGKILL): what the guest had not flushed is lost,
as on a box whose plug is pulled; the disk keeps what reached it.
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time

SCREEN_PIXELS = 1080 * 1920

# journald copies each line to the console after the kernel's time and the
# writer's name: "[  118.45] sh[360]: system: running".
CONSOLE_PREFIX = re.compile(r"^(.*?\[ *[0-9.]+\] )?[\w.@-]+\[[0-9]+\]: ")


class BoxError(Exception):
    """The box did not do what was awaited in time; the message says what."""


class Box:
    def __init__(self, image, work):
        self.image = os.path.abspath(image)
        self.work = work
        self.disk = os.path.join(work, "disk.qcow2")
        self.vars = os.path.join(work, "vars.fd")
        subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", "-b", self.image,
                        "-F", "raw", self.disk], check=True)
        subprocess.run(["cp", "/usr/share/OVMF/OVMF_VARS_4M.fd", self.vars], check=True)
        # Emulated, the guest gets no AVX2: QEMU 7.2 emulates AVX2 gathers with a
        # fault on lanes the mask leaves out, and llvmpipe's JIT code (Mesa drawing
        # the kiosk's frames in software) uses them: the kiosk died of SIGSEGV at a
        # vpgatherdd every few frames. With KVM the host's CPU runs them right,
        # but without IA32_ARCH_CAPABILITIES, which a KVM host that is itself a
        # guest may refuse (QEMU 7.2 then aborts: "failed to set MSR 0x10a").
        # KVM only with the processor's virtualisation (kvm_intel, kvm_amd): a
        # /dev/kvm of another kind may not run a stock guest (kvm_pvm on the
        # build box stopped OVMF at its first x87 instruction: "emulation failure").
        self.kvm = os.access("/dev/kvm", os.R_OK | os.W_OK) and \
            any(os.path.isdir(f"/sys/module/{m}") for m in ("kvm_intel", "kvm_amd"))
        self.accel = ["-accel", "kvm", "-cpu", "host,arch-capabilities=off"] if self.kvm else \
            ["-accel", "tcg", "-cpu", "max,avx2=off"]
        self.process = None
        self.qmp_stream = None
        self.runs = 0
        self.serial = None
        self.serial_mark = 0
        self.power_on_at = None

    # ---- power ----

    def start(self):
        """Starts QEMU paused on the disk, with a new serial log; then power_on."""
        self.runs += 1
        self.serial = os.path.join(self.work, f"serial-{self.runs}.log")
        qmp_path = os.path.join(self.work, f"qmp-{self.runs}.sock")
        self.process = subprocess.Popen([
            "qemu-system-x86_64", "-nodefaults", "-machine", "q35", *self.accel,
            "-m", "2048", "-smp", "2", "-S",
            "-drive", "if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd",
            "-drive", f"if=pflash,format=raw,file={self.vars}",
            "-drive", f"file={self.disk},format=qcow2,if=virtio",
            "-device", "virtio-gpu-pci,xres=1080,yres=1920",
            "-device", "virtio-tablet-pci", "-device", "virtio-keyboard-pci",
            "-device", "qemu-xhci,id=xhci", "-device", "i6300esb",
            "-netdev", "user,id=net0", "-device", "virtio-net-pci,netdev=net0,romfile=",
            "-display", "none", "-serial", f"file:{self.serial}",
            "-qmp", f"unix:{qmp_path},server=on,wait=off"])
        self.qmp_stream = qmp_connect(qmp_path, 30)
        self.serial_mark = 0

    def power_on(self):
        self.power_on_at = time.monotonic()
        self.qmp("cont")

    def power_cut(self):
        """The plug pulled: QEMU killed at once, nothing shut down."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        self.process = None

    def close(self):
        if self.process is not None:
            self.power_cut()

    def qmp(self, command, **arguments):
        stream = self.qmp_stream
        stream.write(json.dumps({"execute": command, "arguments": arguments}) + "\n")
        stream.flush()
        while True:
            reply = json.loads(stream.readline())
            if "event" in reply:
                continue
            if "error" in reply:
                raise BoxError(f"QMP {command}: {reply['error']}")
            return reply["return"]

    # ---- USB sticks ----

    def plug_stick(self, name, image_file):
        """A USB stick holding image_file (a raw file system) plugged in."""
        self.qmp("blockdev-add", **{"node-name": name, "driver": "raw", "read-only": True,
                                    "file": {"driver": "file", "filename": image_file,
                                             "read-only": True}})
        self.qmp("device_add", driver="usb-storage", bus="xhci.0", drive=name, id=name,
                 removable=True)

    def unplug_stick(self, name):
        self.qmp("device_del", id=name)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if not any(d.get("qdev") == name for d in self.qmp("query-block")):
                try:
                    self.qmp("blockdev-del", **{"node-name": name})
                    return
                except BoxError:
                    pass
            time.sleep(0.5)
        raise BoxError(f"the stick {name} did not come out")

    # ---- touch ----

    def tap(self, x, y):
        """A finger down and up at (x, y) of the 1080 x 1920 screen (the virtio tablet).
        QEMU passes absolute values through untouched and SDL 2.26's evdev code
        takes an absolute mouse's values as pixels, but it keeps only the axes
        of one report and sends 0 for an axis that did not change (the kernel
        drops a repeated value). So the pointer first goes one pixel off, then
        to the point: both axes change in the report that places it."""
        def move(px, py):
            self.qmp("input-send-event", events=[
                {"type": "abs", "data": {"axis": "x", "value": px}},
                {"type": "abs", "data": {"axis": "y", "value": py}}])
        move(x + 1, y + 1)
        move(x, y)
        self.qmp("input-send-event", events=[{"type": "btn", "data": {"down": True, "button": "left"}}])
        time.sleep(0.15)
        self.qmp("input-send-event", events=[{"type": "btn", "data": {"down": False, "button": "left"}}])

    # ---- the disk, read from outside ----

    def copy_out(self, partition, files, folder):
        """Copies files (paths inside the ext4 partition named `partition`) as the
        disk holds them now, into folder; QEMU must be off (after power_cut).
        The partition's journal is replayed on the copy first (e2fsck), as the
        box's kernel would at its next mount. Missing files are not copied."""
        table = json.loads(subprocess.run(["sfdisk", "--json", self.image], check=True,
                                          capture_output=True, text=True).stdout)["partitiontable"]
        part = next(p for p in table["partitions"] if p.get("name") == partition)
        raw = os.path.join(self.work, f"{partition}.raw")
        # The partition as a raw file: the qcow2 disk seen through a raw
        # window at the partition's offset (qemu-img dd's skip= fails here).
        window = (f"driver=raw,offset={part['start'] * 512},size={part['size'] * 512},"
                  f"file.driver=qcow2,file.file.filename={self.disk}")
        subprocess.run(["qemu-img", "convert", "-O", "raw", "--image-opts", window, raw], check=True)
        subprocess.run(["e2fsck", "-fy", raw], capture_output=True)  # 1: fixed, still fine
        os.makedirs(folder, exist_ok=True)
        for f in files:
            subprocess.run(["debugfs", "-R", f"dump {f} {os.path.join(folder, os.path.basename(f))}",
                            raw], capture_output=True)
        os.remove(raw)

    # ---- screen ----

    def wait_screen(self, golden, max_diff, limit_s):
        """Seconds from power-on until the screen matches golden (at most
        max_diff pixels differ beyond 3 %); BoxError when it does not in
        limit_s, the closest screen kept as closest-screen.png and the last
        one as last-screen.png."""
        screen = os.path.join(self.work, "screen.ppm")
        closest = os.path.join(self.work, "closest-screen.ppm")
        best = None
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline:
            time.sleep(0.5)
            self.qmp("screendump", filename=screen)
            diff = differing_pixels(screen, golden)
            if diff is not None and (best is None or diff < best):
                best = diff
                shutil.copyfile(screen, closest)
            if diff is not None and diff <= max_diff:
                return time.monotonic() - self.power_on_at, diff
        kept = []
        for ppm, name in ((screen, "last-screen.png"), (closest, "closest-screen.png")):
            if os.path.exists(ppm):
                kept.append(os.path.join(self.work, name))
                subprocess.run(["convert", ppm, kept[-1]], check=False)
        raise BoxError(f"the screen did not show {os.path.basename(golden)} within {limit_s:.0f} s "
                       f"(closest: {best} pixels differ; kept {', '.join(kept)})")

    # ---- serial console ----

    def console(self):
        """The console's lines so far, without journald's prefixes."""
        with open(self.serial, errors="replace") as f:
            return [CONSOLE_PREFIX.sub("", line.rstrip("\r")) for line in f.read().split("\n")]

    def wait_line(self, pattern, limit_s, since=None):
        """The first console line matching pattern (a regular expression) after
        the mark, or from line `since` on (a mark taken earlier: lines of a boot
        may come before its report); the mark moves past it. BoxError after limit_s."""
        wanted = re.compile(pattern)
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline:
            lines = self.console()
            for i in range(self.serial_mark if since is None else since, len(lines) - 1):
                if wanted.search(lines[i]):  # (the last line may be partial)
                    self.serial_mark = max(self.serial_mark, i + 1)
                    return lines[i]
            if self.process.poll() is not None:
                raise BoxError(f"QEMU ended while waiting for /{pattern}/")
            time.sleep(0.5)
        raise BoxError(f"no /{pattern}/ on the console within {limit_s:.0f} s\n" + self.tail())

    def wait_report(self, limit_s):
        """The next boot report (kiosk-boot-report.service) as its lines."""
        self.wait_line("KIOSK-BOOT-REPORT BEGIN", limit_s)
        begin = self.serial_mark
        self.wait_line("KIOSK-BOOT-REPORT END", 120)
        return self.console()[begin:self.serial_mark - 1]

    def tail(self, count=40):
        return "\n".join(self.console()[-count:])


def qmp_connect(path, limit_s):
    deadline = time.monotonic() + limit_s
    while True:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.connect(path)
            break
        except OSError:
            sock.close()
            if time.monotonic() > deadline:
                raise BoxError("no QMP socket")
            time.sleep(0.05)
    stream = sock.makefile("rw")
    json.loads(stream.readline())  # the greeting
    stream.write(json.dumps({"execute": "qmp_capabilities"}) + "\n")
    stream.flush()
    json.loads(stream.readline())
    return stream


def differing_pixels(screen, golden):
    """Pixels of screen that differ from golden (beyond 3 %), None when sizes differ."""
    done = subprocess.run(["compare", "-metric", "AE", "-fuzz", "3%", screen, golden, "null:"],
                          capture_output=True, text=True)
    try:
        return int(float(done.stderr.split()[0]))
    except (ValueError, IndexError):
        return None


def healthy(report, may_fail=None):
    """Whether a boot report says the system runs with the kiosk active and
    nothing failed, but for units whose names match may_fail (a pattern): an
    update stick refused on purpose leaves its kiosk-update@ unit failed and
    the system "degraded"."""
    failed = [line.split()[0] for line in report if " loaded failed failed " in line]
    if "kiosk: active" not in report or f"failed units: {len(failed)}" not in report:
        return False
    if not failed:
        return "system: running" in report
    return may_fail is not None and "system: degraded" in report and \
        all(re.match(may_fail, unit) for unit in failed)


def booted_slot(report):
    for line in report:
        found = re.search(r"rauc[.]slot=([AB])", line)
        if found:
            return found.group(1)
    return None
