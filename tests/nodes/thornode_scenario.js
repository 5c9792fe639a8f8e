// thornode_scenario.js OUTDIR - drives a bcoin regtest node (started by
// nodes.sh) through the THORChain outbound scenario of
// tests/integration/thornode.sh, then writes OUTDIR/thor.json:
//   { tip, blocks: [raw hex], txids: { out, refund, plain, onward },
//     names: { dest, dest2, next }, inbound, refund_inbound }
// The vault (the miner's wallet) pays, each with an OP_RETURN memo as
// THORChain's Bitcoin outbounds carry it (bifrost's utxo client):
//   out     1.5 BTC to dest, memo OUT:<inbound>
//   refund  0.7 BTC to dest2, memo REFUND:<refund_inbound>
//   plain   0.2 BTC to dest, no memo
// then dest pays 1 BTC on to next (what follow mode must reach).
'use strict';
const http = require('http');
const fs = require('fs');
const crypto = require('crypto');

const AUTH = 'Basic ' + Buffer.from('x:' +
  (process.env.BCOIN_PASSWORD || 'test')).toString('base64');

function request(port, method, path, body) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? null : JSON.stringify(body);
    const req = http.request({ host: '127.0.0.1', port, method, path,
      headers: { Authorization: AUTH, 'Content-Type': 'application/json' } },
    (res) => {
      let buf = '';
      res.on('data', (c) => { buf += c; });
      res.on('end', () => {
        try { resolve(JSON.parse(buf)); } catch (e) {
          reject(new Error(`${method} ${path}: ${res.statusCode} ${buf}`));
        }
      });
    });
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

async function rpc(port, method, params) {
  const r = await request(port, 'POST', '/', { method, params });
  if (r.error) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.result;
}
const NODE = Number(process.env.BCOIN_NODE_PORT || 48332);
const WALLET = Number(process.env.BCOIN_WALLET_PORT || 48334);
const node = (m, p = []) => rpc(NODE, m, p);
const wallet = (m, p = []) => rpc(WALLET, m, p);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(what, fn, tries = 300) {
  for (let i = 0; i < tries; i++) {
    try { if (await fn()) return; } catch (e) { /* not ready yet */ }
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function mine(n, addr) {
  const hashes = await node('generatetoaddress', [n, addr]);
  const blk = await node('getblock', [hashes[hashes.length - 1], true]);
  await until('wallet sync', async () => {
    const t = await wallet('gettransaction', [blk.tx[0]]);
    return t && t.blockhash;
  });
}

// OP_RETURN and one push of the memo (at most 75 bytes: one opcode)
function memoScript(memo) {
  const b = Buffer.from(memo, 'ascii');
  if (b.length > 75) throw new Error('memo too long for one push');
  return '6a' + b.length.toString(16).padStart(2, '0') + b.toString('hex');
}

async function send(walletId, outputs) {
  const r = await request(WALLET, 'POST', `/wallet/${walletId}/send`,
    { outputs });
  if (!r.hash) throw new Error('send: ' + JSON.stringify(r));
  // mined only once the node's mempool holds it
  await until(`${r.hash} in the mempool`,
    async () => (await node('getrawmempool')).includes(r.hash));
  return r.hash;
}

async function main() {
  const out = process.argv[2];
  await until('node', async () => (await node('getblockcount')) >= 0);
  await until('wallet', () => wallet('getwalletinfo'));
  const miner = await wallet('getnewaddress', ['']);
  const dest2 = await wallet('getnewaddress', ['']);
  const next = await wallet('getnewaddress', ['']);
  // legacy: segwit is not active yet at this height of bcoin's regtest
  await request(WALLET, 'PUT', '/wallet/destw', { witness: false });
  const dest = (await request(WALLET, 'POST', '/wallet/destw/address',
    { account: 'default' })).address;
  await mine(110, miner);
  const inbound = crypto.randomBytes(32).toString('hex').toUpperCase();
  const refundInbound = crypto.randomBytes(32).toString('hex').toUpperCase();
  const txids = {};
  txids.out = await send('primary', [{ address: dest, value: 150000000 },
    { script: memoScript('OUT:' + inbound), value: 0 }]);
  txids.refund = await send('primary', [{ address: dest2, value: 70000000 },
    { script: memoScript('REFUND:' + refundInbound), value: 0 }]);
  txids.plain = await send('primary', [{ address: dest, value: 20000000 }]);
  await mine(1, miner);
  txids.onward = await send('destw', [{ address: next, value: 100000000 }]);
  await mine(2, miner);
  const tip = await node('getblockcount');
  const blocks = [];
  for (let h = 0; h <= tip; h++) {
    const hash = await node('getblockhash', [h]);
    blocks.push(await node('getblock', [hash, 0]));
  }
  fs.writeFileSync(`${out}/thor.json`, JSON.stringify({ tip, blocks, txids,
    names: { dest, dest2, next, miner }, inbound,
    refund_inbound: refundInbound }));
}

main().catch((e) => { console.error(e.stack || e); process.exit(1); });
