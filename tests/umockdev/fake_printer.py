#!/usr/bin/python3
"""A USB receipt printer played in Python for umockdev, to test the kiosk's
libusb transport (devices/printer/usb_printer.c) where a recorded .ioctl
replay cannot: the printer answers DLE EOT status requests from its own
state, and that state changes with what it is sent.

    umockdev-wrapper /usr/bin/python3 fake_printer.py --device printer.umockdev \
        [--paper-out-after BYTES] [--unplug-after BYTES] [--capture FILE] \
        -- PROGRAM [ARGS...]

It adds the device to a umockdev testbed, answers the usbdevfs ioctls that
libusb 1.0.26 makes on Linux (capabilities, claim/release, bulk URBs
submitted and reaped one at a time), runs PROGRAM and exits with its status.
Bulk OUT data is scanned for 10 04 n (n = 1..4); each gets a one-byte answer
on the next bulk IN URB. After --paper-out-after bytes the roll is empty:
the answers then say paper out, as a real printer's would after a job.
--unplug-after makes the first bulk transfer submitted after that many OUT
bytes fail with ENODEV (the cable pulled), then the printer is back as if
plugged in again. --capture writes every OUT byte of a job (transfers that
are not only status requests) to FILE.

Run it with Debian's /usr/bin/python3 (python3-gi, gir1.2-umockdev-1.0):
a pyenv interpreter has no gi.
"""
import argparse
import errno
import os
import struct
import sys

import gi

gi.require_version('UMockdev', '1.0')
from gi.repository import GLib, UMockdev  # noqa: E402

DEVNODE = '/dev/bus/usb/001/002'

# usbdevfs ioctl numbers on 64-bit Linux (include/uapi/linux/usbdevice_fs.h).
SUBMITURB = 0x8038550A
DISCARDURB = 0x0000550B
REAPURB = 0x4008550C
REAPURBNDELAY = 0x4008550D
CLAIMINTERFACE = 0x8004550F
RELEASEINTERFACE = 0x80045510
GETDRIVER = 0x41045508
CLEAR_HALT = 0x80045515
GET_CAPABILITIES = 0x8004551A

# struct usbdevfs_urb on x86_64: type u8 @0, endpoint u8 @1, status i32 @4,
# flags u32 @8, buffer ptr @16, buffer_length i32 @24, actual_length i32 @28.
URB_SIZE = 56
CAPS = 0x0F  # zero packet, bulk continuation, no packet size limit, scatter-gather

READY = 0x12
ANSWERS = {
    # query n: (answer with paper, answer without)
    1: (READY, READY | 0x08),         # offline
    2: (READY, READY | 0x20),         # stopped at paper end
    3: (READY, READY),
    4: (READY, READY | 0x60 | 0x0C),  # paper end (and near end)
}


class Printer(UMockdev.IoctlBase):
    def __init__(self, paper_out_after, unplug_after, capture):
        super().__init__()
        self.paper_left = paper_out_after
        self.unplug_after = unplug_after
        self.out_total = 0
        self.capture = capture
        self.tail = b''        # last two OUT bytes, to spot 10 04 n across URBs
        self.answers = []      # status bytes waiting for a bulk IN URB
        self.done = []         # (urb IoctlData) ready to be reaped
        self.pending_in = []   # (urb, buffer) IN URBs waiting for an answer
        # IoctlData.data is not usable from Python (its length is lost): read with
        # retrieve(), write with update().

    def has_paper(self):
        return self.paper_left is None or self.paper_left > 0

    def take_out(self, data):
        stream = self.tail + data
        for i in range(len(self.tail), len(stream)):
            if i >= 2 and stream[i - 2] == 0x10 and stream[i - 1] == 0x04 and 1 <= stream[i] <= 4:
                self.answers.append(ANSWERS[stream[i]][0 if self.has_paper() else 1])
        self.tail = stream[-2:]
        # A transfer of status requests only is a conversation, not part of a job.
        if len(data) % 3 == 0 and all(data[i:i + 2] == b'\x10\x04' for i in range(0, len(data), 3)):
            return
        if self.paper_left is not None:
            self.paper_left -= len(data)
        if self.capture is not None:
            self.capture.extend(data)

    def feed_in(self):
        while self.pending_in and self.answers:
            urb, buf = self.pending_in.pop(0)
            buf.update(0, [self.answers.pop(0)])
            urb.update(28, list(struct.pack('<i', 1)))
            self.done.append(urb)

    def do_handle_ioctl(self, client):
        request = client.get_request()
        arg = client.get_arg()
        if request == GET_CAPABILITIES:
            caps = arg.resolve(0, 4)
            caps.update(0, list(struct.pack('<I', CAPS)))
            client.complete(0, 0)
        elif request in (CLAIMINTERFACE, RELEASEINTERFACE, CLEAR_HALT):
            client.complete(0, 0)
        elif request == GETDRIVER:
            client.complete(-1, errno.ENODATA)
        elif request == SUBMITURB:
            if self.unplug_after is not None and self.out_total >= self.unplug_after:
                self.unplug_after = None
                client.complete(-1, errno.ENODEV)
                return True
            urb = arg.resolve(0, URB_SIZE)
            fields = bytes(urb.retrieve())
            endpoint = fields[1]
            length = struct.unpack_from('<i', fields, 24)[0]
            buf = urb.resolve(16, length)
            if endpoint & 0x80:
                self.pending_in.append((urb, buf))
            else:
                self.out_total += length
                self.take_out(bytes(buf.retrieve()))
                urb.update(28, list(struct.pack('<i', length)))
                self.done.append(urb)
            self.feed_in()
            client.complete(0, 0)
        elif request in (REAPURB, REAPURBNDELAY):
            if not self.done:
                client.complete(-1, errno.EAGAIN)
                return True
            slot = arg.resolve(0, 8)
            slot.set_ptr(0, self.done.pop(0))
            client.complete(0, 0)
        elif request == DISCARDURB:
            client.complete(-1, errno.EINVAL)
        else:
            client.complete(-1, errno.ENOTTY)
        return True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--device', required=True)
    parser.add_argument('--paper-out-after', type=int, default=None)
    parser.add_argument('--unplug-after', type=int, default=None)
    parser.add_argument('--capture')
    parser.add_argument('--timeout', type=int, default=30)
    parser.add_argument('program', nargs=argparse.REMAINDER)
    args = parser.parse_args()
    program = args.program[1:] if args.program[:1] == ['--'] else args.program
    if not program:
        parser.error('no program to run')

    testbed = UMockdev.Testbed.new()
    testbed.add_from_file(args.device)
    captured = bytearray() if args.capture else None
    printer = Printer(args.paper_out_after, args.unplug_after, captured)
    testbed.attach_ioctl(DEVNODE, printer)

    loop = GLib.MainLoop()
    status = {'code': 1}
    pid, _, _, _ = GLib.spawn_async(program, flags=GLib.SpawnFlags.SEARCH_PATH |
                                    GLib.SpawnFlags.DO_NOT_REAP_CHILD)

    def exited(_pid, wait_status):
        status['code'] = os.waitstatus_to_exitcode(wait_status)
        loop.quit()

    def too_long():
        print('fake_printer: %s did not finish in %d s' % (program[0], args.timeout),
              file=sys.stderr)
        loop.quit()
        return False

    GLib.child_watch_add(GLib.PRIORITY_DEFAULT, pid, exited)
    GLib.timeout_add_seconds(args.timeout, too_long)
    loop.run()
    if args.capture:
        with open(args.capture, 'wb') as f:
            f.write(captured)
    return status['code']


if __name__ == '__main__':
    sys.exit(main())
