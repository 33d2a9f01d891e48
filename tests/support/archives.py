"""Zip archives the standard library cannot write cheaply: a real zip bomb.

``zip_bomb`` writes a valid zip64 archive whose one big member is ``size`` zero bytes,
deflated, without compressing (or writing) those bytes: after a full flush, zlib emits the
same block for the same input, so one compressed MiB is repeated, and the CRC of the zeros
is combined arithmetically (zlib's ``crc32_combine``). A 5 GiB member costs about 5 MB of
disk and a fraction of a second; ``unzip`` or ``zipfile`` really unpack it to 5 GiB.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

MIB = 1024**2
_DEFLATED = 8
_VERSION = 45  # zip64
_UNIX = 3 << 8


def _gf2_times(matrix: list[int], vector: int) -> int:
    total, row = 0, 0
    while vector:
        if vector & 1:
            total ^= matrix[row]
        vector >>= 1
        row += 1
    return total


def _gf2_square(matrix: list[int]) -> list[int]:
    return [_gf2_times(matrix, matrix[n]) for n in range(32)]


def crc32_combine(crc1: int, crc2: int, length2: int) -> int:
    """The CRC-32 of A+B from those of A and B and B's length (zlib's algorithm)."""
    if length2 == 0:
        return crc1
    odd = [0xEDB88320] + [1 << n for n in range(31)]
    even = _gf2_square(odd)
    odd = _gf2_square(even)
    while True:
        even = _gf2_square(odd)
        if length2 & 1:
            crc1 = _gf2_times(even, crc1)
        length2 >>= 1
        if not length2:
            break
        odd = _gf2_square(even)
        if length2 & 1:
            crc1 = _gf2_times(odd, crc1)
        length2 >>= 1
        if not length2:
            break
    return crc1 ^ crc2


def _zeros_crc(mebibytes: int) -> int:
    """CRC-32 of ``mebibytes`` MiB of zeros, by doubling."""
    crc, chunk_crc, chunk = 0, zlib.crc32(bytes(MIB)), MIB
    while mebibytes:
        if mebibytes & 1:
            crc = crc32_combine(crc, chunk_crc, chunk)
        chunk_crc = crc32_combine(chunk_crc, chunk_crc, chunk)
        chunk *= 2
        mebibytes >>= 1
    return crc


def _member(name: str, crc: int, size: int, packed: int, offset: int) -> tuple[bytes, bytes]:
    """Local and central headers of a deflated zip64 member."""
    encoded = name.encode()
    extra = struct.pack("<HHQQ", 1, 16, size, packed)
    local = struct.pack(
        "<IHHHHHIIIHH",
        0x04034B50,
        _VERSION,
        0,
        _DEFLATED,
        0,
        0x21,
        crc,
        0xFFFFFFFF,
        0xFFFFFFFF,
        len(encoded),
        len(extra),
    )
    central = struct.pack(
        "<IHHHHHHIIIHHHHHII",
        0x02014B50,
        _VERSION | _UNIX,
        _VERSION,
        0,
        _DEFLATED,
        0,
        0x21,
        crc,
        0xFFFFFFFF,
        0xFFFFFFFF,
        len(encoded),
        len(extra),
        0,
        0,
        0,
        0o100644 << 16,
        offset,
    )
    return local + encoded + extra, central + encoded + extra


def zip_bomb(path: Path, members: dict[str, bytes], zeros_member: str, mebibytes: int) -> Path:
    """Write ``members`` (small, deflated normally) and ``zeros_member`` holding
    ``mebibytes`` MiB of zeros."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(MIB)) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.flush()
    central = []
    with open(path, "wb") as out:
        for name, data in members.items():
            packer = zlib.compressobj(9, zlib.DEFLATED, -15)
            packed = packer.compress(data) + packer.flush()
            local, entry = _member(name, zlib.crc32(data), len(data), len(packed), out.tell())
            out.write(local + packed)
            central.append(entry)
        packed_size = len(block) * mebibytes + len(tail)
        local, entry = _member(zeros_member, _zeros_crc(mebibytes), mebibytes * MIB, packed_size, out.tell())
        out.write(local)
        for _ in range(mebibytes):
            out.write(block)
        out.write(tail)
        central.append(entry)
        start = out.tell()
        for entry in central:
            out.write(entry)
        size = out.tell() - start
        out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), size, start, 0))
    return path
