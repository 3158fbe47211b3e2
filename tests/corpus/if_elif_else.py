# pyjit-corpus: if/elif/else ladders, nested conditions, conditions on mixed truthiness, fizzbuzz, grading, triangle classification
# pyjit-compiled: sign, grade, fizzbuzz, triangle, nested, leap, max3, bucket, truthy_kind, days_in_month

def sign(x):
    if x > 0:
        return 1
    elif x < 0:
        return -1
    else:
        return 0

def grade(score):
    if score >= 90:
        g = "A"
    elif score >= 80:
        g = "B"
    elif score >= 70:
        g = "C"
    elif score >= 60:
        g = "D"
    else:
        g = "F"
    return g

def fizzbuzz(n):
    if n % 15 == 0:
        return "FizzBuzz"
    if n % 3 == 0:
        return "Fizz"
    if n % 5 == 0:
        return "Buzz"
    return str(n)

def triangle(a, b, c):
    if a <= 0 or b <= 0 or c <= 0:
        return "invalid"
    if a + b <= c or a + c <= b or b + c <= a:
        return "degenerate-or-impossible"
    if a == b and b == c:
        return "equilateral"
    elif a == b or b == c or a == c:
        return "isosceles"
    return "scalene"

def nested(a, b):
    if a:
        if b:
            r = "both"
        else:
            r = "a only"
    else:
        if b:
            r = "b only"
        else:
            r = "neither"
    return r

def leap(y):
    return (y % 4 == 0 and y % 100 != 0) or y % 400 == 0

def max3(a, b, c):
    if a >= b:
        if a >= c:
            return a
        return c
    elif b >= c:
        return b
    else:
        return c

def bucket(x):
    if x < 0:
        pass
    elif x < 10:
        return "small"
    elif x < 100:
        return "medium"
    else:
        return "large"
    return "negative"

def truthy_kind(v):
    if v is None:
        return "none"
    elif not v:
        return "falsy"
    elif v is True:
        return "true"
    return "other"

def days_in_month(m, y):
    if m == 2:
        if leap(y):
            return 29
        return 28
    elif m in (4, 6, 9, 11):
        return 30
    return 31

for x in (5, -3, 0, 0.0, -0.0, 2**100, -1e-9, True):
    print("sign", x, sign(x))
for s in (100, 90, 89.99, 80, 75, 60, 59, -1):
    print("grade", s, grade(s))
print(" ".join([fizzbuzz(i) for i in range(1, 31)]))
for t in [(3, 3, 3), (3, 4, 5), (2, 2, 3), (1, 2, 3), (0, 1, 1), (5, 3, 3), (1, 1, 2.5)]:
    print("triangle", t, triangle(*t))
for a in (0, 1):
    for b in ("", "x"):
        print("nested", a, repr(b), nested(a, b))
print("leap", [y for y in (1900, 2000, 2004, 2023, 2024, 2100, 2400) if leap(y)])
print("max3", max3(1, 2, 3), max3(3, 2, 1), max3(2, 3, 1), max3(1, 1, 1), max3(-1.5, -2, -1.25))
print("bucket", bucket(-5), bucket(3), bucket(42), bucket(1000))
print("truthy", truthy_kind(None), truthy_kind(0), truthy_kind(True), truthy_kind(1), truthy_kind([]), truthy_kind("x"))
print("days", [days_in_month(m, 2024) for m in range(1, 13)], days_in_month(2, 1900))
