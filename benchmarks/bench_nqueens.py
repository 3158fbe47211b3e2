"""N-queens by backtracking: count every solution, and build the first few.

A recursive search places one queen per row and keeps the attacked columns
and diagonals in three sets; a second, bitmask-based solver counts the same
solutions with integer operations; the first solutions are rendered as
strings.  Models recursive search: deep recursion of a small function,
set membership, add/discard, integer bit tricks, and list building on the
way back.  Checksum: the solution counts and a hash-free digest of the
rendered boards.
"""

CATEGORY = "search"

N_SETS = 10
N_BITS = 12
KEEP = 4


def solve_sets(n, row, cols, diag1, diag2, placed, found):
    if row == n:
        if len(found) < KEEP:
            found.append(list(placed))
        return 1
    count = 0
    for c in range(n):
        if c in cols or (row + c) in diag1 or (row - c) in diag2:
            continue
        cols.add(c)
        diag1.add(row + c)
        diag2.add(row - c)
        placed.append(c)
        count += solve_sets(n, row + 1, cols, diag1, diag2, placed, found)
        placed.pop()
        cols.discard(c)
        diag1.discard(row + c)
        diag2.discard(row - c)
    return count


def solve_bits(full, cols, left, right):
    if cols == full:
        return 1
    count = 0
    free = full & ~(cols | left | right)
    while free:
        bit = free & -free
        free ^= bit
        count += solve_bits(full, cols | bit, ((left | bit) << 1) & full, (right | bit) >> 1)
    return count


def render(board):
    n = len(board)
    return "\n".join("." * c + "Q" + "." * (n - c - 1) for c in board)


def run():
    found = []
    a = solve_sets(N_SETS, 0, set(), set(), set(), [], found)
    b = solve_bits((1 << N_BITS) - 1, 0, 0, 0)
    digest = 0
    for board in found:
        for ch in render(board):
            digest = (digest * 31 + ord(ch)) % 1000000007
    return a * 1000 + b, digest
