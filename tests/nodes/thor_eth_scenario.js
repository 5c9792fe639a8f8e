// thor_eth_scenario.js OUTDIR - drives anvil (started by nodes.sh on
// $ANVIL_PORT) through the Ethereum side of tests/integration/
// thornode.sh, then writes OUTDIR/thor_eth.json:
//   { router, vault, to, next, inbound, out, plain }
// A vault (account 1) pays 1.25 ETH to `to` through a router of our own
// (thornode_router.sol, compiled offline with solc, evmVersion paris)
// emitting TransferOut with memo OUT:<inbound>; a plain transfer from the
// vault to `to` carries no memo; then `to` pays 0.5 ETH on to `next`.
'use strict';
const http = require('http');
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const solc = require('solc');

const PORT = Number(process.env.ANVIL_PORT || 8545);
let nextId = 1;

function rpc(method, params = []) {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: nextId++, method,
      params });
    const req = http.request({ host: '127.0.0.1', port: PORT, method: 'POST',
      path: '/', headers: { 'Content-Type': 'application/json' } }, (res) => {
      let buf = '';
      res.on('data', (c) => { buf += c; });
      res.on('end', () => {
        try {
          const r = JSON.parse(buf);
          if (r.error) reject(new Error(`${method}: ${JSON.stringify(r.error)}`));
          else resolve(r.result);
        } catch (e) { reject(new Error(`${method}: ${buf}`)); }
      });
    });
    req.on('error', reject);
    req.write(body);
    req.end();
  });
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const hex = (n) => '0x' + BigInt(n).toString(16);
const word = (v) => BigInt(v).toString(16).padStart(64, '0');
const addrWord = (a) => a.slice(2).toLowerCase().padStart(64, '0');

async function send(tx) {
  const h = await rpc('eth_sendTransaction', [tx]);
  for (let i = 0; i < 100; i++) {
    const r = await rpc('eth_getTransactionReceipt', [h]);
    if (r) return r;
    await sleep(50);
  }
  throw new Error('no receipt for ' + h);
}

function compileRouter() {
  const src = fs.readFileSync(path.join(__dirname, 'thornode_router.sol'),
    'utf8');
  const input = { language: 'Solidity', sources: { 'r.sol': {
    content: src } }, settings: { evmVersion: 'paris', optimizer: {
    enabled: true, runs: 200 }, outputSelection: { '*': { '*': [
    'evm.bytecode.object', 'evm.methodIdentifiers'] } } } };
  const out = JSON.parse(solc.compile(JSON.stringify(input)));
  for (const e of out.errors || [])
    if (e.severity === 'error') throw new Error(e.formattedMessage);
  const evm = out.contracts['r.sol'].Router.evm;
  return { code: evm.bytecode.object,
    selector: evm.methodIdentifiers['transferOut(address,address,uint256,string)'] };
}

// transferOut(address,address,uint256,string) with ABI encoding
function transferOutCall(selector, to, memo) {
  const m = Buffer.from(memo, 'ascii');
  const padded = Buffer.concat([m, Buffer.alloc((32 - m.length % 32) % 32)]);
  return '0x' + selector + addrWord(to) + word(0) + word(0) + word(128) +
    word(m.length) + padded.toString('hex');
}

async function main() {
  const out = process.argv[2];
  for (let i = 0; ; i++) {
    try { await rpc('eth_blockNumber'); break; } catch (e) {
      if (i > 100) throw e;
      await sleep(100);
    }
  }
  const acc = await rpc('eth_accounts');
  const vault = acc[1], to = acc[5];
  const next = '0x00000000000000000000000000000000000d00d5';
  const E = 10n ** 18n;
  const r = compileRouter();
  const router = (await send({ from: acc[0], data: '0x' + r.code,
    gas: hex(2000000) })).contractAddress;
  const inbound = crypto.randomBytes(32).toString('hex').toUpperCase();
  const o = await send({ from: vault, to: router, value: hex(5n * E / 4n),
    data: transferOutCall(r.selector, to, 'OUT:' + inbound),
    gas: hex(200000) });
  if (o.status !== '0x1') throw new Error('transferOut failed');
  if (o.logs.length !== 1) throw new Error('no TransferOut log');
  const plain = await send({ from: vault, to, value: hex(E / 10n) });
  await send({ from: to, to: next, value: hex(E / 2n) });
  await rpc('anvil_mine', [hex(2)]);
  fs.writeFileSync(`${out}/thor_eth.json`, JSON.stringify({
    router: router.toLowerCase(), vault: vault.toLowerCase(),
    to: to.toLowerCase(), next, inbound, out: o.transactionHash,
    plain: plain.transactionHash, topic0: o.logs[0].topics[0] }));
}

main().catch((e) => { console.error(e.stack || e); process.exit(1); });
