# pyjit-corpus: early return from inside (nested) for/while loops, returning iterator-held values, returns in every branch, implicit None
# pyjit-compiled: index_of, find_2d, first_dup, search_while, implicit_none, return_in_else, deep_nested_return, return_loop_var, any_negative, return_from_inner_of_three

def index_of(seq, x):
    i = 0
    for v in seq:
        if v == x:
            return i
        i += 1
    return -1

def find_2d(rows, x):
    r = 0
    for row in rows:
        c = 0
        for v in row:
            if v == x:
                return r * 100 + c
            c += 1
        r += 1
    return None

def first_dup(seq):
    seen = set()
    for v in seq:
        if v in seen:
            return v
        seen.add(v)

def search_while(n):
    i = 0
    while True:
        j = 0
        while j < i:
            if i * j == n:
                return i + j
            j += 1
        i += 1
        if i > n + 2:
            return -1

def implicit_none(x):
    if x:
        print("  implicit_none got", x)

def return_in_else(x):
    for i in range(x):
        if i == 100:
            break
    else:
        return "completed"
    return "broke"

def deep_nested_return(n):
    for a in range(n):
        for b in range(n):
            for c in range(n):
                for d in range(n):
                    if a + b + c + d == n + 1 and a * d == 2:
                        return a * 1000 + b * 100 + c * 10 + d
    return 0

def return_loop_var(it):
    for v in it:
        if v > 2:
            return v

def any_negative(seq):
    for x in seq:
        if x < 0:
            return True
    return False

def return_from_inner_of_three(limit):
    total = 0
    for i in range(limit):
        for j in range(limit):
            total += 1
            for k in range(limit):
                if total > 50:
                    return total + k
    return total

print("index_of", index_of([5, 6, 7], 7), index_of("abc", "z"), index_of(range(10**6), 999999))
print("find_2d", find_2d([[1, 2], [3, 4, 5], [6]], 5), find_2d([[1]], 9), find_2d([], 1))
print("first_dup", first_dup([1, 2, 3, 2, 1]), first_dup("abcdefa"), first_dup([]))
print("search_while", search_while(12), search_while(7), search_while(1))
print("implicit_none", implicit_none(0), implicit_none("yes"))
print("return_in_else", return_in_else(5), return_in_else(500))
print("deep", deep_nested_return(3), deep_nested_return(6))
print("return_loop_var", return_loop_var([1, 2, 3, 4]), return_loop_var(iter([0, 1])), return_loop_var(x for x in [9]))
print("any_negative", any_negative([1, 2, -3]), any_negative(()), any_negative(range(-1, 5)))
print("three", return_from_inner_of_three(10), return_from_inner_of_three(3))
