# The appliance disk's fixed GPT identifiers and its root slots' size, shared
# by image/build-image.sh (which writes them), the boot entries (which name
# the root slots, image/rauc/systemd-boot-backend.sh) and the update bundles
# (image/build-bundle.sh). Sourced, not run.
DISK_UUID=6b696f73-6b00-4000-8000-000000000000
ESP_UUID=6b696f73-6b00-4000-8000-000000000001
ROOT_A_UUID=6b696f73-6b00-4000-8000-00000000000a
ROOT_B_UUID=6b696f73-6b00-4000-8000-00000000000b
LOG_UUID=6b696f73-6b00-4000-8000-000000000010
DATA_UUID=6b696f73-6b00-4000-8000-000000000011
ESP_TYPE=C12A7328-F81F-11D2-BA4B-00A0C93EC93B
ROOT_TYPE=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709
LINUX_TYPE=0FC63DAF-8483-4772-8E79-3D69D8477DE4
# The size in MiB of a root slot's file system for the system in ROOT_DIR:
# the system with a quarter spare, in whole 64 MiB.
root_size_mb() {
    local used_mb
    used_mb=$(du -sm --exclude=./boot "$1" | cut -f1)
    echo $(( (used_mb * 5 / 4 + 64 + 63) / 64 * 64 ))
}
