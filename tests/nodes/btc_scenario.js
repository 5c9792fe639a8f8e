// btc_scenario.js OUTDIR - drives a bcoin regtest node (started by
// nodes.sh: node RPC $BCOIN_NODE_PORT, wallet $BCOIN_WALLET_PORT, password
// "test") through the
// Bitcoin scenario of the integration tests, then writes OUTDIR/btc.json:
//   { tip, addresses: { addr: balance in satoshi from bcoin's address
//     index }, txids: { name: txid }, seed, tagged, blocks: [raw hex] }
// Scenario: >= 450 blocks mined to a legacy address; a segwit wallet
// (bob) funded by two payments; bob's multi-input spend with change to a
// legacy address (carol); a transaction with an OP_RETURN output; a chain
// of payments -> dave -> erin -> frank used by the follow-mode test (erin
// is tagged as an exchange by the test: follow must stop there, and never
// reach frank).
'use strict';
const http = require('http');
const fs = require('fs');

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

// Mines n blocks and waits until the wallet has seen the last one.
async function mine(n, addr) {
  const hashes = await node('generatetoaddress', [n, addr]);
  const last = hashes[hashes.length - 1];
  const blk = await node('getblock', [last, true]);
  await until('wallet sync', async () => {
    const t = await wallet('gettransaction', [blk.tx[0]]);
    return t && t.blockhash;
  });
  return hashes;
}

async function bobAddress() {
  const r = await request(WALLET, 'POST', '/wallet/bob/address', { account: 'default' });
  return r.address;
}

async function main() {
  const out = process.argv[2];
  await until('node', async () => (await node('getblockcount')) >= 0);
  await until('wallet', () => wallet('getwalletinfo'));
  const miner = await wallet('getnewaddress', ['']);
  const alice = await wallet('getnewaddress', ['']);
  const carol = await wallet('getnewaddress', ['']);
  await mine(440, miner);
  await request(WALLET, 'PUT', '/wallet/bob', { witness: true });
  const bob1 = await bobAddress();
  const bob2 = await bobAddress();
  const txids = {};
  txids.fund1 = await wallet('sendtoaddress', [bob1, 10]);
  txids.fund2 = await wallet('sendtoaddress', [bob2, 3]);
  txids.alice = await wallet('sendtoaddress', [alice, 5]);
  await mine(1, miner);
  // bob's two segwit coins (10 + 3) pay 12 to carol: two inputs, change
  let r = await request(WALLET, 'POST', '/wallet/bob/send',
    { outputs: [{ address: carol, value: 1200000000 }] });
  if (!r.hash) throw new Error('bob send: ' + JSON.stringify(r));
  txids.multi = r.hash;
  // an OP_RETURN output next to a payment
  r = await request(WALLET, 'POST', '/wallet/primary/send', {
    outputs: [{ script: '6a0b747261636572207465737400'.slice(0, 26),
      value: 0 }, { address: alice, value: 100000000 }] });
  if (!r.hash) throw new Error('op_return send: ' + JSON.stringify(r));
  txids.opreturn = r.hash;
  await mine(1, miner);
  // the follow chain: carol's 12 -> dave (bob's segwit) -> erin
  const dave = await bobAddress();
  await request(WALLET, 'PUT', '/wallet/erinw', { witness: false });
  const erin = (await request(WALLET, 'POST', '/wallet/erinw/address',
    { account: 'default' })).address;
  const frank = await wallet('getnewaddress', ['']);
  txids.toDave = await wallet('sendtoaddress', [dave, 11.5]);
  await mine(1, miner);
  r = await request(WALLET, 'POST', '/wallet/bob/send',
    { outputs: [{ address: erin, value: 1100000000 }] });
  if (!r.hash) throw new Error('bob to erin: ' + JSON.stringify(r));
  txids.toErin = r.hash;
  await mine(1, miner);
  // erin's only coin moves on to frank: follow must not get there
  r = await request(WALLET, 'POST', '/wallet/erinw/send',
    { outputs: [{ address: frank, value: 500000000 }] });
  if (!r.hash) throw new Error('erin to frank: ' + JSON.stringify(r));
  txids.toFrank = r.hash;
  await mine(7, miner);

  const tip = await node('getblockcount');
  const blocks = [];
  for (let h = 0; h <= tip; h++) {
    const hash = await node('getblockhash', [h]);
    blocks.push(await node('getblock', [hash, 0]));
  }
  // every address an output of the scenario touched, and bcoin's balance
  const addrs = new Set([miner, alice, carol, bob1, bob2, dave, erin, frank]);
  for (const name of Object.keys(txids)) {
    const t = await request(NODE, 'GET', `/tx/${txids[name]}`);
    for (const o of t.outputs) if (o.address) addrs.add(o.address);
  }
  const addresses = {};
  for (const a of addrs) {
    const coins = await request(NODE, 'GET', `/coin/address/${a}`);
    addresses[a] = coins.reduce((s, c) => s + BigInt(c.value), 0n)
      .toString();
  }
  fs.writeFileSync(`${out}/btc.json`, JSON.stringify({
    tip, addresses, txids, seed: dave, tagged: erin,
    names: { miner, alice, carol, bob1, bob2, dave, erin, frank }, blocks }));
}

main().catch((e) => { console.error(e.stack || e); process.exit(1); });
