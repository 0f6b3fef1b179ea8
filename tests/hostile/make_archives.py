#!/usr/bin/env python3
"""Writes the hostile ZIP flows of tests/app/test_hostile_flows.cpp and test_access.cpp.

    make_archives.py OUT_DIR CANARY_DIR INVOICE XXE_INVOICE

OUT_DIR receives one ZIP per attack (names below). CANARY_DIR is an absolute folder outside
fluxd's data root: every traversal member names a file in it, so that an unpacker following
the name, from any folder, would create it there; the symlink member points at
CANARY_DIR/target.txt. INVOICE is a valid invoice (the harmless member of each archive),
XXE_INVOICE an invoice with an external entity. Bombs are made here, never stored: deflated
zeros (ratio) and deflated, mostly-zero pseudo-random blocks (total size, ratio about 80:1).
"""
import io
import random
import sys
import zipfile

out_dir, canary, invoice_path, xxe_path = sys.argv[1:5]
invoice = open(invoice_path, "rb").read()
xxe = open(xxe_path, "rb").read()
canary = canary.rstrip("/")
up = "../" * 24  # more than any data root is deep: from any folder, up to /


def write(name, members, create_system=3):
    """members: (member name, bytes) or (member name, ("symlink", target))."""
    with zipfile.ZipFile(f"{out_dir}/{name}", "w", zipfile.ZIP_DEFLATED) as z:
        for member, data in members:
            info = zipfile.ZipInfo(member, date_time=(2026, 1, 1, 0, 0, 0))
            info.create_system = create_system
            info.compress_type = zipfile.ZIP_DEFLATED
            if isinstance(data, tuple):
                info.external_attr = (0o120777 << 16)  # S_IFLNK: the data is the target
                z.writestr(info, data[1].encode())
            else:
                info.external_attr = (0o100644 << 16)
                z.writestr(info, data)


# Bombs.
write("bomb-ratio.zip", [("facture.xml", invoice), ("zeros.bin", bytes(64 << 20))])
rng = random.Random(20261123)
block = lambda: rng.randbytes(1200) + bytes(100_000 - 1200)
part = b"".join(block() for _ in range(200))  # 20 MB, deflates to about 280 kB
write("bomb-total.zip", [("facture.xml", invoice), ("part-1.bin", part), ("part-2.bin", part)])

# Names that leave the folder they would be unpacked into.
write("zip-traversal.zip", [(up + canary.lstrip("/") + "/from-traversal.xml", invoice)])
write("zip-dotdot.zip", [("../../x.xml", invoice)])
write("zip-absolute.zip", [(canary + "/from-absolute.xml", invoice)])
write("zip-absolute-root.zip", [("/abs.xml", invoice)])
write("zip-inner-traversal.zip", [("a/../../b.xml", invoice)])
write("zip-inner-traversal-canary.zip",
      [("a/" + up + canary.lstrip("/") + "/from-inner-traversal.xml", invoice)])
write("zip-drive-letter.zip", [("C:\\x.xml", invoice)], create_system=0)
write("zip-backslash.zip", [("dir/..\\..\\x.xml", invoice)])
write("zip-control-char.zip", [("fac\x01ture\x1b[31m.xml", invoice)])
write("zip-symlink.zip", [("facture.xml", invoice), ("lien.xml", ("symlink", canary + "/target.txt"))])

# Other refusals of a whole archive.
inner = io.BytesIO()
with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("facture.xml", invoice)
write("zip-nested.zip", [("lot-interne.zip", inner.getvalue())])
write("zip-xxe-member.zip", [("facture.xml", xxe)])
with open(f"{out_dir}/zip-damaged.zip", "wb") as f:
    f.write(b"PK\x03\x04" + bytes(range(256)) * 4)
