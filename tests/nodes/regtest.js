// bcoin 1.0.2 launcher: regtest must be the primary network before the
// node loads, or its wallet prints mainnet-style addresses (NODES.md).
require('bcoin/lib/protocol/network').set('regtest');
require('bcoin/bin/node');
