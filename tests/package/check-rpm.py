#!/usr/bin/env python3
"""Checks a Steward .rpm (issue 9) the way check-deb.sh checks the .deb: its
name, version, architecture and dependencies, the files it installs, and that
the binary it would install finds every shared library it needs. Prints the
size.

These machines are Debian: there is no `rpm` tool, so the package's headers
and its cpio payload are read here (the RPM file format, rpm.org's
"RPM file format" and "Header structure" pages); nothing is installed.

Usage: tests/package/check-rpm.py path/to/Steward-<version>-1.x86_64.rpm
Env:   STEWARD_RPM_SIZE_LIMIT  bytes the package must stay under (default
       15000000, as the .deb); empty skips the check (a debug build's package)
"""

import gzip
import lzma
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

LEAD_MAGIC = b"\xed\xab\xee\xdb"
HEADER_MAGIC = b"\x8e\xad\xe8\x01"
NAME, VERSION, ARCH = 1000, 1001, 1022
REQUIRENAME = 1049
DIRINDEXES, BASENAMES, DIRNAMES = 1116, 1117, 1118
PAYLOADCOMPRESSOR = 1125
INT32, STRING, STRING_ARRAY, I18NSTRING = 4, 6, 8, 9

failed = False


def check(what, ok):
    global failed
    print(f"  {'ok  ' if ok else 'FAIL'}  {what}")
    failed |= not ok


def header(data, at):
    """The tags of the header at `at`, and where the next part starts."""
    if data[at : at + 4] != HEADER_MAGIC:
        raise ValueError(f"no RPM header at byte {at}")
    count, size = struct.unpack(">II", data[at + 8 : at + 16])
    index = at + 16
    store = index + 16 * count
    tags = {}
    for i in range(count):
        tag, kind, offset, n = struct.unpack(">IIII", data[index + 16 * i : index + 16 * (i + 1)])
        start = store + offset
        if kind in (STRING, STRING_ARRAY, I18NSTRING):
            values = []
            for _ in range(n if kind != STRING else 1):
                end = data.index(b"\0", start)
                values.append(data[start:end].decode())
                start = end + 1
            tags[tag] = values[0] if kind == STRING else values
        elif kind == INT32:
            tags[tag] = list(struct.unpack(f">{n}I", data[start : start + 4 * n]))
    return tags, store + size


def cpio_files(payload):
    """name -> bytes of every regular file in a "newc" cpio archive."""
    files, at = {}, 0
    while at + 110 <= len(payload):
        if payload[at : at + 6] not in (b"070701", b"070702"):
            raise ValueError(f"bad cpio entry at {at}")
        fields = [int(payload[at + 6 + 8 * i : at + 14 + 8 * i], 16) for i in range(13)]
        mode, size, name_size = fields[1], fields[6], fields[11]
        name_start = at + 110
        name = payload[name_start : name_start + name_size - 1].decode()
        data_start = (name_start + name_size + 3) & ~3
        if name == "TRAILER!!!":
            break
        if mode & 0o170000 == 0o100000:
            files[name.lstrip("./")] = payload[data_start : data_start + size]
        at = (data_start + size + 3) & ~3
    return files


def decompress(compressor, payload):
    if compressor == "gzip":
        return gzip.decompress(payload)
    if compressor in ("xz", "lzma"):
        return lzma.decompress(payload)
    if compressor == "zstd" and shutil.which("zstd"):
        return subprocess.run(["zstd", "-dc"], input=payload, capture_output=True, check=True).stdout
    raise ValueError(f"cannot read a {compressor} payload here")


def main(path):
    rpm = Path(path)
    data = rpm.read_bytes()
    print(f"checking {rpm}")
    if data[:4] != LEAD_MAGIC:
        check("is an RPM file", False)
        return
    # The lead (96 bytes), the signature header padded to 8, then the header.
    _, after_signature = header(data, 96)
    tags, payload_at = header(data, (after_signature + 7) & ~7)

    cargo = (Path(__file__).resolve().parents[2] / "Cargo.toml").read_text()
    version = tags.get(VERSION, "")
    check("Name is steward", tags.get(NAME) == "steward")
    check(f"Version matches the workspace ({version})", f'\nversion = "{version}"' in cargo)
    check("Architecture is x86_64", tags.get(ARCH) == "x86_64")
    requires = tags.get(REQUIRENAME, [])
    for dep in ("webkit2gtk4.1", "gtk3"):
        check(f"Requires {dep}", dep in requires)

    dirs = tags.get(DIRNAMES, [])
    paths = {dirs[d] + b for d, b in zip(tags.get(DIRINDEXES, []), tags.get(BASENAMES, []))}
    for want in (
        "/usr/bin/steward-desktop",
        "/usr/share/applications/Steward.desktop",
        "/usr/share/icons/hicolor/32x32/apps/steward-desktop.png",
        "/usr/share/icons/hicolor/128x128/apps/steward-desktop.png",
        "/usr/share/icons/hicolor/512x512/apps/steward-desktop.png",
    ):
        check(f"installs {want}", want in paths)
    odd_icons = [p for p in paths if p.startswith("/usr/share/icons/")
                 and not re.fullmatch(r"/usr/share/icons/hicolor/\d+x\d+/apps/steward-desktop\.png", p)]
    check("every icon is in a size folder icon themes read", not odd_icons)

    files = cpio_files(decompress(tags.get(PAYLOADCOMPRESSOR, "gzip"), data[payload_at:]))
    binary = files.get("usr/bin/steward-desktop", b"")
    check("the binary is an ELF executable", binary[:4] == b"\x7fELF")
    with tempfile.TemporaryDirectory() as scratch:
        exe = Path(scratch) / "steward-desktop"
        exe.write_bytes(binary)
        exe.chmod(0o755)
        ldd = subprocess.run(["ldd", str(exe)], capture_output=True, text=True).stdout
        missing = [line.split()[0] for line in ldd.splitlines() if "not found" in line]
        check(f"every shared library resolves{' (missing: ' + ', '.join(missing) + ')' if missing else ''}",
              not missing)
    entry = files.get("usr/share/applications/Steward.desktop", b"").decode()
    for line in ("Exec=steward-desktop", "Name=Steward", "Icon=steward-desktop"):
        check(f"the desktop entry has {line}", line in entry.splitlines())

    size = rpm.stat().st_size
    print(f"size: {size} bytes ({size / 1e6:.2f} MB)")
    limit = os.environ.get("STEWARD_RPM_SIZE_LIMIT", "15000000")
    if limit:
        check(f"the package is under {limit} bytes", size < int(limit))


if __name__ == "__main__":
    if len(sys.argv) != 2 or not Path(sys.argv[1]).is_file():
        sys.exit(f"usage: {sys.argv[0]} path/to/package.rpm")
    main(sys.argv[1])
    sys.exit(1 if failed else 0)
