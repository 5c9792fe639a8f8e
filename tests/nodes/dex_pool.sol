// SPDX-License-Identifier: MIT
// The DEX swap scenario (tests/integration/dex_anvil.sh): an ERC-20 with
// approve/transferFrom (token.sol has neither) and a minimal constant
// product pool of two of them. swap() takes token A from the caller with
// transferFrom and pays token B, emitting Uniswap v2's own Swap event
// (UniswapV2Pair.sol, the same signature and topic) after the tokens'
// Transfer events, as a Uniswap v2 pair does.
pragma solidity ^0.8.0;

contract DexToken {
    uint8 public constant decimals = 6;
    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender,
                   uint256 value);

    constructor(uint256 supply) {
        totalSupply = supply;
        balanceOf[msg.sender] = supply;
        emit Transfer(address(0), msg.sender, supply);
    }

    function move(address from, address to, uint256 value) internal {
        require(balanceOf[from] >= value, "balance");
        balanceOf[from] -= value;
        balanceOf[to] += value;
        emit Transfer(from, to, value);
    }

    function transfer(address to, uint256 value) external returns (bool) {
        move(msg.sender, to, value);
        return true;
    }

    function approve(address spender, uint256 value) external returns (bool) {
        allowance[msg.sender][spender] = value;
        emit Approval(msg.sender, spender, value);
        return true;
    }

    function transferFrom(address from, address to, uint256 value)
        external returns (bool)
    {
        require(allowance[from][msg.sender] >= value, "allowance");
        allowance[from][msg.sender] -= value;
        move(from, to, value);
        return true;
    }
}

contract DexPool {
    DexToken public immutable token0;
    DexToken public immutable token1;

    event Swap(address indexed sender, uint amount0In, uint amount1In,
               uint amount0Out, uint amount1Out, address indexed to);

    constructor(DexToken a, DexToken b) {
        token0 = a;
        token1 = b;
    }

    // Uniswap v2's getAmountOut: 0.3 % fee, constant product
    function amountOut(uint256 amountIn, uint256 rIn, uint256 rOut)
        public pure returns (uint256)
    {
        uint256 inWithFee = amountIn * 997;
        return inWithFee * rOut / (rIn * 1000 + inWithFee);
    }

    // sells amountIn of token0 (zeroForOne) or token1 for the other
    function swap(uint256 amountIn, bool zeroForOne, address to)
        external returns (uint256 out)
    {
        (DexToken tin, DexToken tout) = zeroForOne ? (token0, token1)
                                                   : (token1, token0);
        out = amountOut(amountIn, tin.balanceOf(address(this)),
                        tout.balanceOf(address(this)));
        require(tin.transferFrom(msg.sender, address(this), amountIn), "in");
        require(tout.transfer(to, out), "out");
        if (zeroForOne)
            emit Swap(msg.sender, amountIn, 0, 0, out, to);
        else
            emit Swap(msg.sender, 0, amountIn, out, 0, to);
    }
}
