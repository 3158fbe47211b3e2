"""Mandelbrot set with scalar floats (no complex numbers, no lists).

Iterates z = z*z + c on a W x H grid, counting points that stay bounded and
summing escape iterations.  Models float-heavy nested loops with an inner
``while`` that has a compound (``and``) condition.  Hot functions ``escape``
(called per pixel, contains a loop) and ``mandel`` compile at first call.
"""

CATEGORY = "numeric"

W = 500
H = 400
MAX_ITER = 60


def escape(cr, ci, max_iter):
    zr = 0.0
    zi = 0.0
    i = 0
    while i < max_iter and zr * zr + zi * zi <= 4.0:
        t = zr * zr - zi * zi + cr
        zi = 2.0 * zr * zi + ci
        zr = t
        i += 1
    return i


def mandel(w, h, max_iter):
    inside = 0
    total = 0
    for y in range(h):
        ci = -1.2 + 2.4 * y / h
        for x in range(w):
            cr = -2.1 + 3.0 * x / w
            n = escape(cr, ci, max_iter)
            total += n
            if n == max_iter:
                inside += 1
    return inside * 1000000 + total


def run():
    return mandel(W, H, MAX_ITER)
