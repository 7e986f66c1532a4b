"""Writer for dyad's tensor container (read by crates/nlp/src/weights.rs).

Layout: magic b"DYADW001", u64 LE header length, JSON header
{"meta": ..., "tensors": {name: {dtype, shape, offset, len}}}, zero padding to
a multiple of 64, then the tensors, each at an offset that is a multiple of 64.
"""
import json
import struct

import numpy as np

DTYPES = {np.dtype("float32"): "f32", np.dtype("uint32"): "u32",
          np.dtype("int32"): "i32", np.dtype("uint64"): "u64"}


def write_container(path, tensors, meta):
    """tensors: dict name -> numpy array (f32/u32/i32/u64); meta: JSON-able."""
    infos = {}
    blobs = []
    offset = 0
    for name in sorted(tensors):
        arr = np.ascontiguousarray(tensors[name])
        if arr.dtype not in DTYPES:
            raise ValueError(f"{name}: unsupported dtype {arr.dtype}")
        arr = arr.astype(arr.dtype.newbyteorder("<"), copy=False)
        infos[name] = {"dtype": DTYPES[arr.dtype], "shape": list(arr.shape),
                       "offset": offset, "len": int(arr.size)}
        raw = arr.tobytes()
        pad = (-len(raw)) % 64
        blobs.append(raw + b"\0" * pad)
        offset += len(raw) + pad
    header = json.dumps({"meta": meta, "tensors": infos}, sort_keys=True,
                        separators=(",", ":")).encode()
    head = b"DYADW001" + struct.pack("<Q", len(header)) + header
    head += b"\0" * ((-len(head)) % 64)
    with open(path, "wb") as f:
        f.write(head)
        for b in blobs:
            f.write(b)
