#!/usr/bin/env python3
"""The appliance's checks in QEMU (image/qemu_box.py), run by
image/boot-qemu.sh and image/update-qemu.sh:

  qemu-check.py boot IMAGE WORK GOLDEN
      power-on to the attract screen (GOLDEN, the image's own render), then
      the boot report: running, kiosk active, no failed unit.

  qemu-check.py update IMAGE WORK GOLDEN STICKS
      STICKS holds the update sticks' file systems (update-qemu.sh): v2.img
      (a good bundle, version 0.2.0), badsig.img (signed by a key the box
      does not trust), broken.img (0.3.0, whose kiosk cannot start), v4.img
      (0.4.0, good). The box installs v2 and boots slot B; refuses badsig;
      installs broken, fails its two tries in slot A and rolls back to B by
      itself; loses power in the middle of installing v4 and boots back to
      B, selling; then installs v4 from the same stick.

  qemu-check.py order IMAGE WORK GOLDEN ORDER
      ORDER holds the order's run by the image's kiosk on this machine
      (image/powercut-qemu.sh): its screens NN-*.png and its log, which says
      where each tap went. On the box each screen is awaited and the same
      point tapped, through a card payment; the power is cut as the receipt
      starts printing; the paid order must be on the disk (read from outside)
      and the box must boot back to selling with it.

Every step prints what it saw and how long it took; the first step that
does not happen in time ends the check with the console's last lines.
Limits are generous (emulation on a busy machine is 20-50 times slower
than a box) and can be raised with QEMU_CHECK_SCALE (a factor).
"""
import os
import re
import subprocess
import sys
import time

from qemu_box import SCREEN_PIXELS, Box, BoxError, booted_slot, healthy

SCALE = float(os.environ.get("QEMU_CHECK_SCALE", "1"))
BOOT_S = 900 * SCALE       # power-on (or a reboot) to the boot report
INSTALL_S = 1800 * SCALE   # a stick plugged in to its bundle installed
# Pixels allowed to differ from the golden render: the attract screen
# animates, the golden is one frame of it.
MAX_DIFF = int(os.environ.get("BOOT_MAX_DIFF_PIXELS", "20000"))
# The same for the order's screens, shot by the kiosk run here under a
# script: the screens of the order differ from one another by 680,000
# pixels or more, a screen from its shot by at most 5 % (the moment a
# transition or a toast is caught differs between the box and the shot).
ORDER_MAX_DIFF = int(os.environ.get("ORDER_MAX_DIFF_PIXELS", "100000"))


def step(text):
    print(f"qemu-check: {text}", flush=True)


def expect_selling(box, golden, slot, what, may_fail=None):
    """The box booted slot `slot`, healthy (but for units matching may_fail),
    the attract screen on display. Returns the console's line where this
    boot's lines begin."""
    started = time.monotonic()
    boot_begins = box.serial_mark
    report = box.wait_report(BOOT_S)
    if not healthy(report, may_fail) or booted_slot(report) != slot:
        print("\n".join(report))
        raise BoxError(f"{what}: wanted slot {slot} running with the kiosk active and no "
                       f"failed unit; the report says slot {booted_slot(report)}")
    watchdog = next((line for line in report if line.startswith("hardware watchdog: ")), "")
    if not watchdog.endswith(", active"):
        raise BoxError(f"{what}: systemd does not keep the hardware watchdog ({watchdog or 'no line'})")
    _, diff = box.wait_screen(golden, MAX_DIFF, 120 * SCALE)
    step(f"{what}: slot {slot} selling, report after {time.monotonic() - started:.0f} s, "
         f"screen {diff} of {SCREEN_PIXELS} pixels off the golden attract screen, {watchdog}")
    return boot_begins


def boot(box, golden):
    box.start()
    box.power_on()
    first_frame, diff = box.wait_screen(golden, MAX_DIFF, BOOT_S)
    print(f"boot-qemu: power-on to first frame ({' '.join(box.accel)}): {first_frame:.1f} s "
          f"({diff} of {SCREEN_PIXELS} pixels differ from the golden attract screen)")
    report = box.wait_report(BOOT_S)
    print("\n".join(report))
    print("boot-qemu: services " + ("healthy" if healthy(report) else "NOT healthy"))
    return healthy(report)


def install(box, sticks, name, version, slot):
    """The stick `name` plugged in: its bundle installed into `slot`; the box
    reboots with the stick still in (the technician pulls it once the box is
    back: see unplug_after)."""
    started = time.monotonic()
    box.plug_stick(name, os.path.join(sticks, f"{name}.img"))
    box.wait_line(f"kiosk-update: installing {version} ", 300 * SCALE)
    box.wait_line(f"kiosk-update: installed {version} into slot {slot}, rebooting when nobody is ordering", INSTALL_S)
    step(f"{name}: {version} installed into slot {slot} in {time.monotonic() - started:.0f} s")


def unplug_after(box, name, outcome, boot_begins):
    """The stick left in through the reboot is seen again at boot: `outcome`
    (a pattern of kiosk-update's line) must be what the box makes of it; then
    it is pulled."""
    line = box.wait_line(f"kiosk-update: {outcome}", 600 * SCALE, since=boot_begins)
    step(f"{name} still in after the reboot: {line.split('kiosk-update: ', 1)[1]}")
    box.unplug_stick(name)


def update(box, golden, sticks):
    box.start()
    box.power_on()
    expect_selling(box, golden, "A", "first boot")

    install(box, sticks, "v2", "0.2.0", "B")
    boot = expect_selling(box, golden, "B", "after the update to 0.2.0")
    box.wait_line("kiosk-slot-good: slot B marked good", 300 * SCALE, since=boot)
    unplug_after(box, "v2", "0[.]2[.]0 already installed [(]slot B[)], nothing to do", boot)

    box.plug_stick("badsig", os.path.join(sticks, "badsig.img"))
    refused = box.wait_line("kiosk-update: refused kiosk-.*[.]raucb", 300 * SCALE)
    step(f"badsig: {refused.split('kiosk-update: ', 1)[1]}")
    box.unplug_stick("badsig")

    install(box, sticks, "broken", "0.3.0", "A")
    for attempt in ("first", "second"):
        line = box.wait_line("kiosk-slot-good: slot A on trial and its kiosk .*: rebooting", BOOT_S)
        step(f"broken: {attempt} try of slot A: {line.split('kiosk-slot-good: ', 1)[1]}")
    # The broken stick, still in, is refused at this boot: its unit fails.
    boot = expect_selling(box, golden, "B", "rolled back from the broken 0.3.0",
                          may_fail=r"kiosk-update@sda[.]service$")
    unplug_after(box, "broken", "refused kiosk-0[.]3[.]0[.]raucb: 0[.]3[.]0 did not start on this box",
                 boot)

    # The plug pulled while 0.4.0 is being written into slot A.
    box.plug_stick("v4", os.path.join(sticks, "v4.img"))
    box.wait_line("kiosk-update: installing 0.4.0 ", 300 * SCALE)
    time.sleep(20 * SCALE)
    box.power_cut()
    step("power cut while installing 0.4.0")
    box.start()
    box.power_on()
    expect_selling(box, golden, "B", "after the power cut")
    box.plug_stick("v4", os.path.join(sticks, "v4.img"))
    box.wait_line("kiosk-update: installed 0.4.0 into slot A, rebooting when nobody is ordering", INSTALL_S)
    boot = expect_selling(box, golden, "A", "after the update to 0.4.0")
    unplug_after(box, "v4", "0[.]4[.]0 already installed [(]slot A[)], nothing to do", boot)
    return True


TAP_LINE = re.compile(r"script: tap (\S+) at (\d+),(\d+) on the (\S+) screen")


def paid_orders(box, what):
    """The paid orders on the box's data partition as the disk holds them now
    (QEMU off): number, status, total, and the payment's status."""
    folder = os.path.join(box.work, what)
    box.copy_out("kiosk-data", ["/kiosk/kiosk.db", "/kiosk/kiosk.db-wal"], folder)
    db = os.path.join(folder, "kiosk.db")
    if not os.path.exists(db):
        raise BoxError(f"{what}: no kiosk.db on the data partition")
    rows = subprocess.run(["sqlite3", "-separator", " ", db, "SELECT o.number, o.status, o.total, p.status FROM orders o "
                           "JOIN payments p ON p.order_uuid = o.uuid WHERE p.status = 'approved'"],
                          check=True, capture_output=True, text=True).stdout.split()
    return rows


def keep_screen(box, name):
    """The box's screen as it matched, kept in its run folder as box-NAME."""
    subprocess.run(["convert", os.path.join(box.work, "screen.ppm"),
                    os.path.join(box.work, f"box-{name}")], check=False)


def order(box, golden, order_dir):
    """A card order placed by touch on the box, the power cut as the receipt
    starts printing: the paid order is on the disk at the cut, the box boots
    back to selling, and the order is still there."""
    taps = [TAP_LINE.search(line).groups() for line in open(os.path.join(order_dir, "kiosk.log"))
            if TAP_LINE.search(line)]
    shots = sorted(f for f in os.listdir(order_dir) if f.endswith(".png"))
    if not taps or len(shots) != len(taps) + 1:
        raise BoxError(f"the order's run on this machine left {len(taps)} taps and {len(shots)} screens")
    box.start()
    box.power_on()
    expect_selling(box, golden, "A", "first boot")
    started = time.monotonic()
    for (name, x, y, screen), shot in zip(taps, shots):
        box.wait_screen(os.path.join(order_dir, shot), ORDER_MAX_DIFF, 300 * SCALE)
        keep_screen(box, shot)
        box.tap(int(x), int(y))
        step(f"order: {screen} screen, tapped {name} at {x},{y}")
    box.wait_screen(os.path.join(order_dir, shots[-1]), ORDER_MAX_DIFF, 300 * SCALE)
    box.power_cut()
    keep_screen(box, shots[-1])
    step(f"order: paid in {time.monotonic() - started:.0f} s; power cut on the printing screen")
    at_cut = paid_orders(box, "at-the-cut")
    if len(at_cut) != 4 or at_cut[1] == "created":
        raise BoxError(f"the paid order is not on the disk after the power cut: {at_cut}")
    step(f"order: on the disk after the cut: number {at_cut[0]}, {at_cut[1]}, total {at_cut[2]}, "
         f"payment {at_cut[3]}")
    box.start()
    box.power_on()
    expect_selling(box, golden, "A", "after the power cut")
    box.power_cut()
    after = paid_orders(box, "after-reboot")
    if after[:1] != at_cut[:1] or len(after) != 4:
        raise BoxError(f"the paid order changed after the reboot: {at_cut} -> {after}")
    step(f"order: after the reboot: number {after[0]}, {after[1]}, total {after[2]}, payment {after[3]}")
    return True


def main():
    scenario, image, work, golden = sys.argv[1:5]
    box = Box(image, work)
    started = time.monotonic()
    try:
        if scenario == "boot":
            ok = boot(box, golden)
        elif scenario == "update":
            ok = update(box, golden, sys.argv[5])
        elif scenario == "order":
            ok = order(box, golden, sys.argv[5])
        else:
            sys.exit(f"qemu-check: unknown scenario {scenario}")
    except BoxError as e:
        print(f"qemu-check: FAILED: {e}")
        if box.serial:
            print(box.tail())
        ok = False
    finally:
        box.close()
    print(f"qemu-check: {scenario} {'passed' if ok else 'FAILED'} in {time.monotonic() - started:.0f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
