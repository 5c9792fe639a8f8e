// esplora_server.js BLOCKS.json PORTFILE [TAG...] - a small Esplora-
// compatible server (Blockstream's API.md) over the blocks bcoin mined, for
// the follow-mode test. BLOCKS.json is btc_scenario.js's output (its
// "blocks": raw hex by height). Listens on a free port of 127.0.0.1 and
// writes the port to PORTFILE. Serves:
//   /blocks/tip/height /blocks/tip/hash /block-height/:h /block/:hash
//   /block/:hash/raw /block/:hash/header /tx/:txid /tx/:txid/hex
//   /tx/:txid/raw /tx/:txid/status /tx/:txid/outspends
//   /tx/:txid/outspend/:vout /tx/:txid/merkle-proof (Electrum format:
//   sibling hashes hex in display order) /address/:a/txs (first 25
//   confirmed, newest first) /address/:a/txs/chain[/:last_seen_txid]
//   (25 per page after last_seen)
'use strict';
const fs = require('fs');
const http = require('http');
const bcoin = require('bcoin');
const { hash256 } = require('bcrypto');

bcoin.set('regtest');
const PAGE = 25;
const data = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));

const blocks = [];       // { hash, raw, block, height }
const byHash = new Map();
const txs = new Map();   // txid -> { tx, height, pos, block }
const spends = new Map(); // "txid:vout" -> { txid, vin, height }
const history = new Map(); // address -> [txid] in chain order

const rev = (buf) => Buffer.from(buf).reverse();
function touch(addr, txid) {
  if (!addr) return;
  const h = history.get(addr) || [];
  if (h[h.length - 1] !== txid) h.push(txid);
  history.set(addr, h);
}
function outAddr(out) {
  const a = out.getAddress();
  return a ? a.toString('regtest') : null;
}

data.blocks.forEach((hex, height) => {
  const raw = Buffer.from(hex, 'hex');
  const block = bcoin.Block.fromRaw(raw);
  const hash = block.rhash();
  const entry = { hash, raw, block, height };
  blocks.push(entry);
  byHash.set(hash, entry);
  block.txs.forEach((tx, pos) => {
    const txid = tx.txid();
    txs.set(txid, { tx, height, pos, entry });
    if (!tx.isCoinbase()) {
      tx.inputs.forEach((input, vin) => {
        const prev = input.prevout.txid();
        spends.set(`${prev}:${input.prevout.index}`, { txid, vin, height });
        const p = txs.get(prev);
        if (p) touch(outAddr(p.tx.outputs[input.prevout.index]), txid);
      });
    }
    tx.outputs.forEach((o) => touch(outAddr(o), txid));
  });
});

function status(height) {
  const e = blocks[height];
  return { confirmed: true, block_height: height, block_hash: e.hash,
    block_time: e.block.time };
}

function txJson(txid) {
  const t = txs.get(txid);
  const vout = (o) => ({ scriptpubkey: o.script.toRaw().toString('hex'),
    scriptpubkey_address: outAddr(o) || undefined, value: o.value });
  return {
    txid, version: t.tx.version, locktime: t.tx.locktime,
    vin: t.tx.inputs.map((i) => {
      const p = txs.get(i.prevout.txid());
      return { txid: i.prevout.txid(), vout: i.prevout.index,
        is_coinbase: t.tx.isCoinbase(),
        prevout: p ? vout(p.tx.outputs[i.prevout.index]) : null };
    }),
    vout: t.tx.outputs.map(vout), status: status(t.height),
  };
}

function merkleProof(txid) {
  const t = txs.get(txid);
  let level = t.entry.block.txs.map((x) => x.hash());
  let pos = t.pos;
  const merkle = [];
  while (level.length > 1) {
    if (level.length % 2) level.push(level[level.length - 1]);
    merkle.push(rev(level[pos ^ 1]).toString('hex'));
    const next = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(hash256.digest(Buffer.concat([level[i], level[i + 1]])));
    level = next;
    pos >>= 1;
  }
  return { block_height: t.height, merkle, pos: t.pos };
}

function addressTxs(addr, lastSeen) {
  const h = (history.get(addr) || []).slice().reverse();
  let start = 0;
  if (lastSeen) {
    const i = h.indexOf(lastSeen);
    if (i < 0) return null;
    start = i + 1;
  }
  return h.slice(start, start + PAGE).map(txJson);
}

function route(url) {
  let m;
  const tip = blocks[blocks.length - 1];
  if (url === '/blocks/tip/height') return [200, String(tip.height)];
  if (url === '/blocks/tip/hash') return [200, tip.hash];
  if ((m = url.match(/^\/block-height\/(\d+)$/)))
    return blocks[+m[1]] ? [200, blocks[+m[1]].hash] : [404, 'not found'];
  if ((m = url.match(/^\/block\/([0-9a-f]{64})(\/raw|\/header)?$/))) {
    const e = byHash.get(m[1]);
    if (!e) return [404, 'Block not found'];
    if (m[2] === '/raw') return [200, e.raw];
    if (m[2] === '/header') return [200, e.raw.slice(0, 80).toString('hex')];
    return [200, { id: e.hash, height: e.height, timestamp: e.block.time,
      tx_count: e.block.txs.length, previousblockhash: e.block.prevBlock
        ? rev(e.block.prevBlock).toString('hex') : null }];
  }
  if ((m = url.match(/^\/tx\/([0-9a-f]{64})(\/[a-z-]+)?(?:\/(\d+))?$/))) {
    const t = txs.get(m[1]);
    if (!t) return [404, 'Transaction not found'];
    const sp = (vout) => {
      const s = spends.get(`${m[1]}:${vout}`);
      return s ? { spent: true, txid: s.txid, vin: s.vin,
        status: status(s.height) } : { spent: false };
    };
    switch (m[2] || '') {
      case '': return [200, txJson(m[1])];
      case '/hex': return [200, t.tx.toRaw().toString('hex')];
      case '/raw': return [200, t.tx.toRaw()];
      case '/status': return [200, status(t.height)];
      case '/outspends': return [200, t.tx.outputs.map((o, i) => sp(i))];
      case '/outspend': return [200, sp(+m[3])];
      case '/merkle-proof': return [200, merkleProof(m[1])];
    }
  }
  if ((m = url.match(/^\/address\/([A-Za-z0-9]+)\/txs(\/chain(?:\/([0-9a-f]{64}))?)?$/))) {
    const r = addressTxs(m[1], m[3]);
    return r ? [200, r] : [400, 'unknown last_seen_txid'];
  }
  return [404, 'not found'];
}

// ESPLORA_LIE makes the server lie, to test that tracer notices:
//   proof   every merkle proof has one sibling hash changed
//   header  /block/:hash/header sends the header of the block before
//   block   /block/:hash/raw of height 300 has one byte changed in a tx
//   tx      /tx/:txid/hex sends another transaction
const LIE = process.env.ESPLORA_LIE || '';
function lie(url, code, body) {
  if (LIE === 'proof' && url.endsWith('/merkle-proof') && body.merkle.length) {
    const m = body.merkle.slice();
    m[0] = (m[0][0] === '0' ? '1' : '0') + m[0].slice(1);
    return [code, { ...body, merkle: m }];
  }
  if (LIE === 'header' && url.endsWith('/header')) {
    const e = byHash.get(url.split('/')[2]);
    if (e && e.height > 0)
      return [code, blocks[e.height - 1].raw.slice(0, 80).toString('hex')];
  }
  if (LIE === 'block' && url.endsWith('/raw') && url.startsWith('/block/')) {
    const e = byHash.get(url.split('/')[2]);
    if (e && e.height === 300) {
      const b = Buffer.from(body);
      b[b.length - 10] ^= 1;
      return [code, b];
    }
  }
  if (LIE === 'tx' && url.endsWith('/hex') && url.startsWith('/tx/')) {
    const other = blocks[1].block.txs[0];
    return [code, other.toRaw().toString('hex')];
  }
  return [code, body];
}

const srv = http.createServer((req, res) => {
  const [code, body] = lie(req.url, ...route(req.url));
  const out = Buffer.isBuffer(body) ? body
    : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  res.writeHead(code, { 'Content-Length': out.length, 'Content-Type':
    Buffer.isBuffer(body) ? 'application/octet-stream'
      : typeof body === 'string' ? 'text/plain' : 'application/json' });
  res.end(out);
});
srv.listen(0, '127.0.0.1', () => {
  fs.writeFileSync(process.argv[3], String(srv.address().port));
});
