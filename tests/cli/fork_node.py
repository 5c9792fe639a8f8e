#!/usr/bin/env python3
"""A regtest node of a Bitcoin fork, for test_crawl_forks.

usage: fork_node.py ltc|bch|doge MODE     serve (prints the port first)
       fork_node.py ltc|bch|doge addresses  print the test's addresses

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

MODE "good" serves honestly; "mweb" (ltc) ends the chain with a block
holding a HogEx-style transaction (the MWEB flag 0x08); "witness" (bch,
doge) puts a transaction with witness data in block 4; "scrypt" (ltc)
gives block 4 a nonce whose double SHA-256 meets the target but whose
scrypt does not; "auxpow" (doge) gives block 21 a parent header whose
scrypt work misses the target.
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
    return b"\xfd" + struct.pack("<H", n)


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
        data = b"".join(r for r, _ in all_txs)
        if MODE == "mweb" and h == NB - 1:
            # a HogEx-style transaction: marker 0, flag 0x08, no inputs
            # of its own here, one output, no MWEB transaction body
            hog = struct.pack("<I", 2) + b"\x00\x08" + varint(0) + \
                varint(1) + struct.pack("<q", 0) + b"\x01\x51" + b"\x00" + \
                b"\x00" * 4
            data += hog
            all_txs.append((hog, b""))
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


def main():
    blocks, txs = build()
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
