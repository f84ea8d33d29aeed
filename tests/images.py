"""Pictures made in the tests: a decompression bomb (a PNG of a few kilobytes
that decodes into a huge image), built with zlib row by row so that making
it costs no more memory than its compressed bytes."""

import struct
import zlib


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def bomb_png(width: int = 12_000, height: int = 12_000) -> bytes:
    """A black-and-white (1 bit per pixel) PNG of width x height pixels, all
    black: 12000 x 12000 is about 17 KB and 144 million pixels."""
    row = b"\x00" + bytes((width + 7) // 8)  # filter byte, then the pixels
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height))
    data += compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )
