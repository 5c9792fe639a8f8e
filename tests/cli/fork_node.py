#!/usr/bin/env python3
"""A regtest node of a Bitcoin fork, for test_crawl_forks.

usage: fork_node.py ltc|bch|doge MODE     serve (prints the port first)
       fork_node.py ltc|bch|doge addresses  print the test's addresses
       fork_node.py ltc|bch|doge MODE blk PATH [MAGIC]
                                write the chain as a block file instead
       fork_node.py ltc|bch|doge MODE json PATH
                                write {"blocks": [raw hex by height]},
                                for tests/nodes/esplora_server.js

The block file is framed as the fork's node writes blocks/blk00000.dat:
each block as MAGIC (8 hex digits; default fabfb5da, the regtest disk
magic of all three, as Bitcoin's), its little-endian length, the block;
in arrival order, block 2 before block 1; then zeros, as the node's
preallocation.

Builds a small regtest chain of the fork itself and serves it through
Bitcoin Core's JSON-RPC as Litecoin Core, Bitcoin Cash Node and Dogecoin
Core answer it (getblockchaininfo, getnetworkinfo, getblockcount,
getblockhash, getblock HASH 0, getrawtransaction TXID false; batches).

The genesis block is each fork's regtest genesis of chainparams.cpp: the
mainnet genesis coinbase (tests/vectors/forks) under the regtest header
CreateGenesisBlock(1296688602, nonce, 0x207fffff, 1, ...) with nonce 0
(Litecoin) or 2 (Bitcoin Cash, which keeps Bitcoin's, and Dogecoin); its
hash must be the known one (exit 1 otherwise):
  ltc  530827f38f93b43ed12af0b3ad25a288dc02ed74d6d7857862df51fc56c416f9
  bch  0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206
  doge 3d2160a3b5dc4a9d62e7e66a295f70313ac808440ef7400d6c0772171ce973a5
Every later block has real proof of work at regtest difficulty: scrypt
(N=1024, r=1, p=1) for Litecoin and Dogecoin, double SHA-256 for Bitcoin
Cash; Dogecoin's blocks from height 20 (its regtest AuxPoW height) are
merged-mined: an AuxPoW proof whose parent coinbase commits to the block
hash and whose parent header has the scrypt work.

The money: block 1's coinbase pays 50 coins to A; block 3 spends it to B
(30) and C (19.99, fee 0.01); block 4 spends B to D (29.98, fee 0.02).
Litecoin's C is a P2WPKH output (rltc1...). Blocks 5.. are empty.

MODE "good" serves honestly; "mweb" (ltc) ends the chain with an MWEB
block (LIP-0002/0003, libmw's serialisation): D's 29.98 pegged in (29.97
to OP_9 <kernel id>, fee 0.01), the HogEx spending the peg-in and paying
OP_8 <the extension header's BLAKE3 hash> 19.97 and B the 10 pegged out,
the extension block with the peg-in and peg-out kernels; "mweblie" (ltc)
is that block with the HogEx paying B 11 where the kernel says 10; "ctor"
(bch) puts a second spend in block 4, the two out of canonical (ascending
txid) order; "witness" (bch,
doge) puts a transaction with witness data in block 4; "scrypt" (ltc)
gives block 4 a nonce whose double SHA-256 meets the target but whose
scrypt does not; "auxpow" (doge) gives block 21 a parent header whose
scrypt work misses the target; "big" (bch) makes block 5 larger than
Bitcoin's 4 000 000 bytes (five chained spends of C, each ~900 kB with a
zero-value OP_RETURN output), in canonical order: valid under Bitcoin
Cash's 32 MB limit; "huge" (ltc) is that block on Litecoin, past its
4 000 000 weight limit.
"""
import hashlib
import json
import struct
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
import os

FORK, MODE = sys.argv[1], sys.argv[2]
VEC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                   "vectors", "forks")
NB = 24
BITS = 0x207fffff
TARGET = 0x7fffff << (8 * (0x20 - 3))
GENESIS = {
    "ltc": (0, "530827f38f93b43ed12af0b3ad25a288dc02ed74d6d7857862df51fc56c416f9"),
    "bch": (2, "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206"),
    "doge": (2, "3d2160a3b5dc4a9d62e7e66a295f70313ac808440ef7400d6c0772171ce973a5"),
}
AUXPOW_HEIGHT = 20
CHAIN_ID = 0x62
COIN = 100000000
# regtest versions: P2PKH 111 on all three; CashAddr "bchreg"; bech32 "rltc"
KEYS = {n: bytes([i]) * 20 for i, n in enumerate("ABCD", start=0x21)}


def sha256d(b):
    return hashlib.sha256(hashlib.sha256(b).digest()).digest()


def scrypt(b):
    return hashlib.scrypt(b, salt=b, n=1024, r=1, p=1, dklen=32)


def pow_hash(hdr):
    return sha256d(hdr) if FORK == "bch" else scrypt(hdr)


def meets(h):
    return int.from_bytes(h, "little") <= TARGET


def varint(n):
    if n < 0xfd:
        return bytes([n])
    if n <= 0xffff:
        return b"\xfd" + struct.pack("<H", n)
    return b"\xfe" + struct.pack("<I", n)


# --- addresses ---

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def base58check(payload):
    b = payload + sha256d(payload)[:4]
    n = int.from_bytes(b, "big")
    s = ""
    while n:
        n, r = divmod(n, 58)
        s = B58[r] + s
    return "1" * (len(b) - len(b.lstrip(b"\x00"))) + s


def cash_polymod(v):
    c = 1
    for d in v:
        c0 = c >> 35
        c = ((c & 0x07ffffffff) << 5) ^ d
        for i, g in enumerate((0x98f2bc8e61, 0x79b76d99e2, 0xf33e5fb3c4,
                               0xae2eabe2a8, 0x1e4f43e470)):
            if c0 & (1 << i):
                c ^= g
    return c ^ 1


def convert(data, frm, to):
    acc = bits = 0
    out = []
    for b in data:
        acc = (acc << frm) | b
        bits += frm
        while bits >= to:
            bits -= to
            out.append((acc >> bits) & ((1 << to) - 1))
    if bits:
        out.append((acc << (to - bits)) & ((1 << to) - 1))
    return out


CHARS = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def cashaddr(prefix, h):
    payload = convert(bytes([0]) + h, 8, 5)  # type 0 (P2PKH), 160 bits
    pre = [ord(c) & 31 for c in prefix] + [0]
    chk = cash_polymod(pre + payload + [0] * 8)
    payload += [(chk >> 5 * (7 - i)) & 31 for i in range(8)]
    return prefix + ":" + "".join(CHARS[d] for d in payload)


def bech32(hrp, prog):
    def polymod(v):
        c = 1
        for d in v:
            b = c >> 25
            c = ((c & 0x1ffffff) << 5) ^ d
            for i, g in enumerate((0x3b6a57b2, 0x26508e6d, 0x1ea119fa,
                                   0x3d4233dd, 0x2a1462b3)):
                if (b >> i) & 1:
                    c ^= g
        return c
    data = [0] + convert(prog, 8, 5)
    e = [ord(x) >> 5 for x in hrp] + [0] + [ord(x) & 31 for x in hrp]
    m = polymod(e + data + [0] * 6) ^ 1
    data += [(m >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(CHARS[d] for d in data)


def address(name):
    h = KEYS[name]
    if FORK == "bch":
        return cashaddr("bchreg", h)
    if FORK == "ltc" and name == "C":
        return bech32("rltc", h)
    return base58check(bytes([111]) + h)


def spk(name):
    h = KEYS[name]
    if FORK == "ltc" and name == "C":
        return b"\x00\x14" + h
    return b"\x76\xa9\x14" + h + b"\x88\xac"


# --- BLAKE3, one chunk (inputs up to 1024 bytes): MWEB's hashes ---

B3_IV = [0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A, 0x510E527F,
         0x9B05688C, 0x1F83D9AB, 0x5BE0CD19]
B3_PERM = [2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8]


def b3_compress(cv, block, length, flags):
    m = list(struct.unpack("<16I", block))
    s = cv[:] + B3_IV[:4] + [0, 0, length, flags]
    M = 0xffffffff

    def g(a, b, c, d, x, y):
        s[a] = (s[a] + s[b] + x) & M
        s[d] = ((s[d] ^ s[a]) >> 16 | (s[d] ^ s[a]) << 16) & M
        s[c] = (s[c] + s[d]) & M
        s[b] = ((s[b] ^ s[c]) >> 12 | (s[b] ^ s[c]) << 20) & M
        s[a] = (s[a] + s[b] + y) & M
        s[d] = ((s[d] ^ s[a]) >> 8 | (s[d] ^ s[a]) << 24) & M
        s[c] = (s[c] + s[d]) & M
        s[b] = ((s[b] ^ s[c]) >> 7 | (s[b] ^ s[c]) << 25) & M
    for _ in range(7):
        g(0, 4, 8, 12, m[0], m[1])
        g(1, 5, 9, 13, m[2], m[3])
        g(2, 6, 10, 14, m[4], m[5])
        g(3, 7, 11, 15, m[6], m[7])
        g(0, 5, 10, 15, m[8], m[9])
        g(1, 6, 11, 12, m[10], m[11])
        g(2, 7, 8, 13, m[12], m[13])
        g(3, 4, 9, 14, m[14], m[15])
        m = [m[i] for i in B3_PERM]
    return [s[i] ^ s[i + 8] for i in range(8)]


def blake3(data):
    assert len(data) <= 1024
    cv, off = B3_IV[:], 0
    while True:
        blk = data[off:off + 64]
        flags = (1 if off == 0 else 0)
        if off + 64 >= len(data):
            flags |= 2 | 8
        cv = b3_compress(cv, blk.ljust(64, b"\x00"), len(blk), flags)
        off += 64
        if off >= len(data):
            return struct.pack("<8I", *cv)


def mw_varint(n):
    out = []
    while True:
        out.append((n & 0x7f) | (0x80 if out else 0))
        if n <= 0x7f:
            break
        n = (n >> 7) - 1
    return bytes(reversed(out))


def mweb_parts(height, pegin, pegout, pegout_spk):
    """The extension block (marker first) with a peg-in and a peg-out
    kernel, no inputs or outputs; its header's hash; the peg-in kernel's
    id."""
    hdr = mw_varint(height) + b"\x21" * 160 + mw_varint(0) + mw_varint(2)
    k_in = b"\x02" + mw_varint(pegin) + b"\x0a" * 97
    k_out = b"\x04" + varint(1) + mw_varint(pegout) + \
        varint(len(pegout_spk)) + pegout_spk + b"\x0b" * 97
    ext = b"\x01" + hdr + varint(0) + varint(0) + varint(2) + k_in + k_out
    return ext, blake3(hdr), blake3(k_in)


def mweb_block(h, body, spent):
    """Block h's MWEB transactions after body (the peg-in, the HogEx)
    and its extension block. Out: the txs (raw, txid) to add, the fee,
    the extension block."""
    pay = 11 if MODE == "mweblie" else 10
    ext, hhash, kid = mweb_parts(h, 29 * COIN + 97000000, 10 * COIN,
                                 spk("B"))
    peg = tx([(spent["b4"], 0, b"\x51")],
             [(29 * COIN + 97000000, b"\x59\x20" + kid)])
    legacy, hid = tx([(peg[1], 0, b"")],
                     [(19 * COIN + 97000000, b"\x58\x20" + hhash),
                      (pay * COIN, spk("B"))])
    hog = legacy[:4] + b"\x00\x08" + legacy[4:-4] + b"\x00" + legacy[-4:]
    return [peg, (hog, hid)], 1000000, ext


# --- transactions and blocks ---

def push_height(h):
    if h <= 16:
        return bytes([0x50 + h]) if h else b"\x00"
    b = h.to_bytes((h.bit_length() + 8) // 8, "little")
    return bytes([len(b)]) + b


def tx(ins, outs, witness=None):
    """ins: (txid internal, vout, scriptSig); outs: (value, spk)."""
    body = varint(len(ins))
    for t, n, ss in ins:
        body += t + struct.pack("<I", n) + varint(len(ss)) + ss + \
            b"\xff" * 4
    body += varint(len(outs))
    for v, s in outs:
        body += struct.pack("<q", v) + varint(len(s)) + s
    legacy = struct.pack("<I", 1) + body + b"\x00" * 4
    if witness is None:
        return legacy, sha256d(legacy)
    wit = b"".join(varint(len(w)) + b"".join(varint(len(i)) + i for i in w)
                   for w in witness)
    full = struct.pack("<I", 1) + b"\x00\x01" + body + wit + b"\x00" * 4
    return full, sha256d(legacy)


def coinbase(h, outs):
    return tx([(bytes(32), 0xffffffff, push_height(h) + b"\x00")], outs)


def merkle(ids):
    while len(ids) > 1:
        if len(ids) % 2:
            ids.append(ids[-1])
        ids = [sha256d(ids[i] + ids[i + 1]) for i in range(0, len(ids), 2)]
    return ids[0]


def header(version, prev, root, t, nonce):
    return struct.pack("<I", version) + prev + root + \
        struct.pack("<III", t, BITS, nonce)


def grind(version, prev, root, t, want=True, check=pow_hash):
    for nonce in range(1 << 20):
        h = header(version, prev, root, t, nonce)
        if meets(check(h)) == want and (want or meets(sha256d(h))):
            return h
    raise SystemExit("no nonce")


def auxpow(hdr, spoil):
    """The merged-mining proof of hdr: a parent coinbase committing to
    its hash (chain branch empty: tree size 1, nonce 0), the coinbase the
    parent's only transaction, the parent header with scrypt work (or,
    spoiled, without)."""
    root_be = sha256d(hdr)[::-1]
    ss = b"\x03\x01\x02\x03" + b"\xfa\xbe\x6d\x6d" + root_be + \
        struct.pack("<II", 1, 0)
    cb, cbid = tx([(bytes(32), 0xffffffff, ss)], [(0, b"\x51")])
    parent = grind(1, bytes(32), cbid, 1296700000, want=not spoil,
                   check=scrypt)
    return (cb + bytes(32) + varint(0) + struct.pack("<i", 0) + varint(0) +
            struct.pack("<i", 0) + parent)


def genesis():
    nonce, want = GENESIS[FORK]
    raw = bytes.fromhex(open(os.path.join(VEC, FORK + "_genesis_block.hex"))
                        .read().strip())
    txs = raw[80:]
    root = raw[36:68]
    hdr = header(1, bytes(32), root, 1296688602, nonce)
    if sha256d(hdr)[::-1].hex() != want or not meets(pow_hash(hdr)):
        raise SystemExit("%s regtest genesis: %s, not %s" %
                         (FORK, sha256d(hdr)[::-1].hex(), want))
    return hdr + txs


def build():
    blocks, txs = [genesis()], {}
    prev = sha256d(blocks[0][:80])
    spent = {}
    for h in range(1, NB):
        fee = 0
        body = []
        if h == 3:
            cb1 = spent["cb1"]
            body.append(tx([(cb1, 0, b"\x51")],
                           [(30 * COIN, spk("B")),
                            (19 * COIN + 99000000, spk("C"))]))
            fee = 1000000
            spent["b3"] = body[-1][1]
        if h == 4:
            wit = [[b"\x01" * 72, b"\x02" * 33]] \
                if MODE == "witness" else None
            body.append(tx([(spent["b3"], 0, b"\x51")],
                           [(29 * COIN + 98000000, spk("D"))], wit))
            fee = 2000000
            spent["b4"] = body[-1][1]
            if MODE == "ctor":
                # a second spend, the two in descending txid order
                body.append(tx([(spent["b3"], 1, b"\x51")],
                               [(19 * COIN + 98000000, spk("D"))]))
                fee += 1000000
                body.sort(key=lambda t: t[1][::-1], reverse=True)
        if MODE in ("big", "huge") and h == 5:
            # OP_RETURN OP_PUSHDATA4 <900 000 bytes>: ~0.9 MB a tx
            junk = b"\x6a\x4e" + struct.pack("<I", 900000) + b"\x00" * 900000
            prev_out, value = (spent["b3"], 1), 19 * COIN + 99000000
            for k in range(5):
                value -= 1000000
                body.append(tx([(prev_out[0], prev_out[1], b"\x51")],
                               [(value, spk("C")), (0, junk)]))
                prev_out = (body[-1][1], 0)
                fee += 1000000
            body.sort(key=lambda t: t[1][::-1])
        ext = b""
        if MODE in ("mweb", "mweblie") and h == NB - 1:
            more, fee, ext = mweb_block(h, body, spent)
            body += more
        reward = 50 * COIN + fee
        cb = coinbase(h, [(reward, spk("A" if h == 1 else "D"))])
        if h == 1:
            spent["cb1"] = cb[1]
        all_txs = [cb] + body
        for raw, tid in all_txs:
            txs[tid[::-1].hex()] = raw
        root = merkle([t[1] for t in all_txs])
        t = 1296688602 + 60 * h
        aux = FORK == "doge" and h >= AUXPOW_HEIGHT
        version = 0x20000000
        if FORK == "doge":
            version = (CHAIN_ID << 16) | 4 | (0x100 if aux else 0)
        if aux:
            hdr = header(version, prev, root, t, 0)
            extra = auxpow(hdr, MODE == "auxpow" and h == 21)
        else:
            spoil = MODE == "scrypt" and h == 4
            hdr = grind(version, prev, root, t, want=not spoil)
            extra = b""
        data = b"".join(r for r, _ in all_txs) + ext
        blocks.append(hdr + extra + varint(len(all_txs)) + data)
        prev = sha256d(hdr)
    return blocks, txs


def answer(req, blocks, hashes, txs):
    rid = req.get("id")
    m, p = req.get("method"), req.get("params") or []
    node = {"ltc": "/LitecoinCore:0.21.4/", "bch": "/Bitcoin Cash Node:28.0.0(EB32.0)/",
            "doge": "/Shibetoshi:1.14.9/"}[FORK]
    r = None
    if m == "getblockchaininfo":
        r = {"chain": "regtest", "blocks": NB - 1}
    elif m == "getnetworkinfo":
        r = {"subversion": node}
    elif m == "getblockcount":
        r = NB - 1
    elif m == "getblockhash" and 0 <= p[0] < NB:
        r = hashes[p[0]]
    elif m == "getblock" and p[0] in hashes:
        r = blocks[hashes.index(p[0])].hex()
    elif m == "getrawtransaction" and p[0] in txs:
        r = txs[p[0]].hex()
    else:
        return {"id": rid, "result": None,
                "error": {"code": -5, "message": "not found: %s" % m}}
    return {"id": rid, "result": r, "error": None}


def write_blk(blocks, path, magic):
    order = list(range(len(blocks)))
    order[1], order[2] = 2, 1
    with open(path, "wb") as f:
        for i in order:
            f.write(magic + struct.pack("<I", len(blocks[i])) + blocks[i])
        f.write(bytes(1000))


def main():
    blocks, txs = build()
    if len(sys.argv) > 4 and sys.argv[3] == "blk":
        magic = bytes.fromhex(sys.argv[5] if len(sys.argv) > 5 else "fabfb5da")
        write_blk(blocks, sys.argv[4], magic)
        return 0
    if len(sys.argv) > 4 and sys.argv[3] == "json":
        with open(sys.argv[4], "w") as f:
            json.dump({"blocks": [b.hex() for b in blocks]}, f)
        return 0
    if MODE == "addresses":
        for n in "ABCD":
            print(n, address(n))
        return 0
    hashes = [sha256d(b[:80])[::-1].hex() for b in blocks]

    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):
            pass

        def do_POST(self):
            n = int(self.headers.get("Content-Length", "0"))
            req = json.loads(self.rfile.read(n))
            if isinstance(req, list):
                out = [answer(r, blocks, hashes, txs) for r in req]
            else:
                out = answer(req, blocks, hashes, txs)
            body = json.dumps(out).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
    srv.daemon_threads = True
    print(srv.server_address[1], flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
