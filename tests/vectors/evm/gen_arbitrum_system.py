#!/usr/bin/env python3
"""Writes arbitrum_system_synthetic.json: one transaction of each of
Arbitrum's L1-message types (0x64 deposit, 0x65 unsigned, 0x66 contract,
0x68 retry, 0x69 submit-retryable) in the JSON shape a Nitro node serves
(go-ethereum's txJSON as Nitro extends it), each hash computed here as
Nitro defines it: keccak-256(type || RLP[fields in arb_types.go order]).

SYNTHETIC, not recorded: no public document at hand holds these
transactions' fields (only their hashes). The RLP and keccak here are this
script's own (keccak from tests/vectors/keccak_ref.py), independent of
tracer's C; the field values are made up. Run from the repository root:
    python3 tests/vectors/evm/gen_arbitrum_system.py
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                ".."))
from keccak_ref import keccak256  # noqa: E402

CHAIN = 42161


def be(n):
    return n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""


def rlp(x):
    if isinstance(x, int):
        x = be(x)
    if isinstance(x, bytes):
        if len(x) == 1 and x[0] < 0x80:
            return x
        return head(0x80, len(x)) + x
    body = b"".join(rlp(i) for i in x)
    return head(0xc0, len(body)) + body


def head(base, n):
    if n < 56:
        return bytes([base + n])
    b = be(n)
    return bytes([base + 55 + len(b)]) + b


def addr(tag):
    return bytes.fromhex(keccak256(tag.encode()))[:20]


def word(tag):
    return bytes.fromhex(keccak256(tag.encode()))


def hx(b):
    return "0x" + b.hex()


def q(n):
    return hex(n)


def tx(kind, fields, obj):
    h = keccak256(bytes([kind]) + rlp(fields))
    o = {"type": q(kind), "chainId": q(CHAIN), "hash": "0x" + h,
         "blockNumber": q(200000000), "transactionIndex": "0x1",
         "nonce": "0x0", "gas": "0x0", "gasPrice": "0x0", "value": "0x0",
         "input": "0x", "v": "0x0", "r": "0x0", "s": "0x0"}
    o.update(obj)
    return o


def main():
    frm, to = addr("l1 sender (aliased)"), addr("l2 receiver")
    req = word("request 1")
    out = {}
    v = 10**18
    out["deposit"] = tx(0x64, [CHAIN, req, frm, to, v], {
        "requestId": hx(req), "from": hx(frm), "to": hx(to), "value": q(v)})
    data = bytes.fromhex("a9059cbb") + bytes(12) + to + be(5).rjust(32, b"\0")
    fee_cap, gas = 100000000, 200000
    out["unsigned"] = tx(0x65, [CHAIN, frm, 7, fee_cap, gas, to, 12345,
                                data], {
        "from": hx(frm), "nonce": q(7), "maxFeePerGas": q(fee_cap),
        "gas": q(gas), "to": hx(to), "value": q(12345), "input": hx(data)})
    req2 = word("request 2")
    out["contract"] = tx(0x66, [CHAIN, req2, frm, fee_cap, gas, b"", 0,
                                data], {
        "requestId": hx(req2), "from": hx(frm), "maxFeePerGas": q(fee_cap),
        "gas": q(gas), "to": None, "input": hx(data)})
    ticket, refund = word("ticket 1"), addr("refund to")
    out["retry"] = tx(0x68, [CHAIN, 0, frm, fee_cap, gas, to, 5 * 10**17,
                             data, ticket, refund, 3 * 10**15,
                             2 * 10**14], {
        "from": hx(frm), "nonce": "0x0", "maxFeePerGas": q(fee_cap),
        "gas": q(gas), "to": hx(to), "value": q(5 * 10**17),
        "input": hx(data), "ticketId": hx(ticket), "refundTo": hx(refund),
        "maxRefund": q(3 * 10**15), "submissionFeeRefund": q(2 * 10**14)})
    req3, benef = word("request 3"), addr("beneficiary")
    retryable = bytes(20)[:19] + b"\x6e"
    out["submit_retryable"] = tx(0x69, [
        CHAIN, req3, frm, 30 * 10**9, 6 * 10**17, fee_cap, gas, to,
        5 * 10**17, benef, 4 * 10**14, refund, data], {
        "requestId": hx(req3), "from": hx(frm), "l1BaseFee": q(30 * 10**9),
        "depositValue": q(6 * 10**17), "maxFeePerGas": q(fee_cap),
        "gas": q(gas), "retryTo": hx(to), "retryValue": q(5 * 10**17),
        "beneficiary": hx(benef), "maxSubmissionFee": q(4 * 10**14),
        "refundTo": hx(refund), "retryData": hx(data),
        "to": hx(retryable), "input": "0xc9f95d32"})
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "arbitrum_system_synthetic.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
