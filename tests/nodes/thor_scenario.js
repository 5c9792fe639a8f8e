// thor_scenario.js OUTDIR - the THORChain scenario of
// tests/integration/thorchain.sh on bcoin (regtest, ports of nodes.sh)
// and anvil ($ANVIL_PORT) at once, writing OUTDIR/thor.json with every
// address and transaction id it made:
//   BTC -> ETH  the hacker (two coins: `seed`, tainted, and a clean one)
//               pays the vault with OP_RETURN "=:ETH.ETH:<dest>"
//               (`inbound`); the vault account calls the router
//               (thor_router.sol, THORChain's v4 signatures) transferOut
//               paying dest with "OUT:<inbound txid, uppercase>"
//               (`outbound`); dest pays an exchange (`onward`)
//   ETH -> BTC  an account deposits through the router with
//               "SWAP:BTC.BTC:<dest2>" (`deposit`); the vault pays dest2
//               on Bitcoin with OP_RETURN "OUT:<deposit hash, uppercase,
//               no 0x>" (`payout`)
//   refund      the hacker's change pays the vault again (`inbound2`);
//               the vault returns it with "REFUND:<inbound2 txid>"
//               (`refund`)
'use strict';
const http = require('http');
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const ETH_PORT = Number(process.env.ANVIL_PORT || 8545);
const NODE = Number(process.env.BCOIN_NODE_PORT || 48332);
const WALLET = Number(process.env.BCOIN_WALLET_PORT || 48334);
const AUTH = 'Basic ' + Buffer.from('x:' +
  (process.env.BCOIN_PASSWORD || 'test')).toString('base64');
let nextId = 1;

function post(port, urlPath, method, body, auth) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? null : JSON.stringify(body);
    const headers = { 'Content-Type': 'application/json' };
    if (auth) headers.Authorization = AUTH;
    const req = http.request({ host: '127.0.0.1', port, method,
      path: urlPath, headers }, (res) => {
      let buf = '';
      res.on('data', (c) => { buf += c; });
      res.on('end', () => {
        try { resolve(JSON.parse(buf)); } catch (e) {
          reject(new Error(`${method} ${urlPath}: ${res.statusCode} ${buf}`));
        }
      });
    });
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

async function eth(method, params = []) {
  const r = await post(ETH_PORT, '/', 'POST', { jsonrpc: '2.0',
    id: nextId++, method, params });
  if (r.error) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.result;
}
async function btcRpc(port, method, params = []) {
  const r = await post(port, '/', 'POST', { method, params }, true);
  if (r.error) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.result;
}
const node = (m, p) => btcRpc(NODE, m, p);
const wallet = (m, p) => btcRpc(WALLET, m, p);
const wpost = (p, b) => post(WALLET, p, 'POST', b, true);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const hex = (n) => '0x' + BigInt(n).toString(16);
const word = (v) => BigInt(v).toString(16).padStart(64, '0');
const addrWord = (a) => a.slice(2).toLowerCase().padStart(64, '0');

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

async function newAddress(id) {
  return (await wpost(`/wallet/${id}/address`, { account: 'default' }))
    .address;
}

// an OP_RETURN output with one push of memo (at most 75 bytes)
function opReturn(memo) {
  const b = Buffer.from(memo, 'ascii');
  if (b.length > 75) throw new Error('memo too long for one push');
  return { script: '6a' + b.length.toString(16).padStart(2, '0') +
    b.toString('hex'), value: 0 };
}

async function btcSend(id, outputs) {
  const r = await wpost(`/wallet/${id}/send`, { outputs, sort: false });
  if (!r.hash) throw new Error(`${id} send: ${JSON.stringify(r)}`);
  return r.hash;
}

async function ethSend(tx) {
  const h = await eth('eth_sendTransaction', [tx]);
  for (let i = 0; i < 100; i++) {
    const r = await eth('eth_getTransactionReceipt', [h]);
    if (r) {
      if (r.status !== '0x1') throw new Error('reverted: ' + h);
      return r;
    }
    await sleep(50);
  }
  throw new Error('no receipt for ' + h);
}

function compileRouter() {
  const src = fs.readFileSync(path.join(__dirname, 'thor_router.sol'),
    'utf8');
  const input = { language: 'Solidity', sources: { 'thor_router.sol': {
    content: src } }, settings: { evmVersion: 'paris', optimizer: {
    enabled: true, runs: 200 }, outputSelection: { '*': { '*': [
    'evm.bytecode.object', 'evm.methodIdentifiers'] } } } };
  const out = JSON.parse(solc.compile(JSON.stringify(input)));
  for (const e of out.errors || [])
    if (e.severity === 'error') throw new Error(e.formattedMessage);
  return out.contracts['thor_router.sol'].ThorRouter.evm;
}

// calldata of f(address, address, uint256, string)
function call4(selector, a, b, amount, memo) {
  const m = Buffer.from(memo, 'ascii');
  const padded = m.toString('hex').padEnd(Math.ceil(m.length / 32) * 64,
    '0');
  return '0x' + selector + addrWord(a) + addrWord(b) + word(amount) +
    word(128) + word(m.length) + padded;
}

async function main() {
  const out = process.argv[2];
  await until('bcoin', async () => (await node('getblockcount')) >= 0);
  await until('bcoin wallet', () => wallet('getwalletinfo'));
  await until('anvil', async () => (await eth('eth_blockNumber')) !== null);
  const miner = await wallet('getnewaddress', ['']);
  await mine(110, miner);
  for (const id of ['hacker', 'vault', 'dest2'])
    await post(WALLET, `/wallet/${id}`, 'PUT', { witness: false }, true);
  const hacker = await newAddress('hacker');
  const clean = await newAddress('hacker');
  const vault = await newAddress('vault');
  const dest2 = await newAddress('dest2');
  const ids = {};
  ids.seed = await wallet('sendtoaddress', [hacker, 2]);
  ids.clean = await wallet('sendtoaddress', [clean, 1]);
  await mine(1, miner);
  const seedTx = await post(NODE, `/tx/${ids.seed}`, 'GET', undefined, true);
  const seedN = seedTx.outputs.findIndex((o) => o.address === hacker);

  const acc = await eth('eth_accounts');
  const E = 10n ** 18n;
  // dest first sends away nearly all of its genesis balance, so that
  // little clean ETH dilutes what it receives
  const vaultE = acc[5], dest = acc[7], depositor = acc[6];
  ids.empty = (await ethSend({ from: dest, to: acc[0],
    value: hex(9999n * E) })).transactionHash;
  const exch = '0x00000000000000000000000000000000000e8c4a';
  const evm = compileRouter();
  const router = (await ethSend({ from: acc[0], data: '0x' +
    evm.bytecode.object, gas: hex(2000000) })).contractAddress;
  const sel = evm.methodIdentifiers;
  const selDeposit = sel['deposit(address,address,uint256,string)'];
  const selOut = sel['transferOut(address,address,uint256,string)'];

  // (legacy addresses: bcoin's regtest takes segwit only from block 432)
  // BTC -> ETH: 2.5 BTC of the hacker's 3 (seed and clean) to the vault
  ids.inbound = await btcSend('hacker', [{ address: vault,
    value: 250000000 }, opReturn('=:ETH.ETH:' + dest.toLowerCase())]);
  await mine(1, miner);
  const outWei = 37n * E + 123456789n;
  ids.outbound = (await ethSend({ from: vaultE, to: router,
    value: hex(outWei), data: call4(selOut, dest, '0x' + '0'.repeat(40),
      outWei, 'OUT:' + ids.inbound.toUpperCase()) })).transactionHash;
  ids.onward = (await ethSend({ from: dest, to: exch,
    value: hex(30n * E) })).transactionHash;

  // ETH -> BTC: the depositor's 4 ETH
  const depWei = 4n * E;
  ids.deposit = (await ethSend({ from: depositor, to: router,
    value: hex(depWei), data: call4(selDeposit, vaultE,
      '0x' + '0'.repeat(40), depWei, 'SWAP:BTC.BTC:' + dest2) }))
    .transactionHash;
  ids.payout = await btcSend('vault', [{ address: dest2, value: 12345678 },
    opReturn('OUT:' + ids.deposit.slice(2).toUpperCase())]);
  await mine(1, miner);

  // a refund: the hacker's change to the vault, returned
  const refundTo = await newAddress('hacker');
  ids.inbound2 = await btcSend('hacker', [{ address: vault,
    value: 40000000 }, opReturn('=:ETH.ETH:' + dest.toLowerCase())]);
  await mine(1, miner);
  ids.refund = await btcSend('vault', [{ address: refundTo,
    value: 39000000 }, opReturn('REFUND:' + ids.inbound2.toUpperCase())]);
  await mine(2, miner);
  await eth('anvil_mine', [hex(2)]);

  fs.writeFileSync(`${out}/thor.json`, JSON.stringify({
    btc_tip: await node('getblockcount'),
    eth_tip: Number(await eth('eth_blockNumber')),
    names: { hacker, clean, vault, dest2, refundTo, vaultE, dest,
      depositor, exch, router }, ids, seedN, outWei: outWei.toString(),
    depWei: depWei.toString() }));
}

main().catch((e) => { console.error(e.stack || e); process.exit(1); });
