# pyjit-corpus: __del__ finalizers of objects created/dropped in compiled code run at exactly the same points (locals overwritten, deleted, popped from the stack, loop variables rebound, frames exiting, exceptions unwinding)
# pyjit-compiled: make, overwrite, delete_local, discard_result, loop_rebinding, early_exit, unwind, keep_until_return, temporary_in_expression, return_new, raise_in_loop, stack_temp_on_raise, Noisy.__add__, Noisy.__del__
# pyjit-compiled: noisy_gen

class Noisy:
    def __init__(self, name):
        self.name = name
        print("  + create", name)
    def __del__(self):
        print("  - finalize", self.name)
    def __add__(self, other):
        return 1

def make(name):
    return Noisy(name)

def overwrite():
    a = make("first")
    print("  overwriting")
    a = make("second")
    print("  overwritten")
    return None

def delete_local():
    a = make("deleted")
    del a
    print("  after del")

def discard_result():
    make("discarded")
    print("  after discard")

def loop_rebinding(n):
    for i in range(n):
        x = make("loop" + str(i))
        print("  iteration", i)
    print("  loop done")

def early_exit(n):
    keep = make("kept-local")
    for i in range(n):
        if i == 1:
            return i
    return -1

def unwind(x):
    a = make("unwound")
    return 1 // x

def keep_until_return():
    a = make("a")
    b = make("b")
    print("  returning")
    return 0

def temporary_in_expression():
    r = make("tmp1") + make("tmp2")
    print("  temporaries gone?", r)
    return r

def return_new(name):
    return make(name)

def noisy_gen(tag):
    try:
        yield 1
        yield 2
    finally:
        print("  generator", tag, "closed")

def raise_in_loop(gen):
    # the iterator lives only on the value stack; unwinding must release it
    # right away, while locals live on in the traceback's frame
    local = make("local-of-raiser")
    for x in gen:
        return x // 0
    return 0

def stack_temp_on_raise():
    # a temporary sits on the value stack below the failing operation
    return make("stack-temp") + (1 // 0)

print("overwrite:")
overwrite()
print("delete_local:")
delete_local()
print("discard_result:")
discard_result()
print("loop_rebinding:")
loop_rebinding(3)
print("early_exit:")
print(" ->", early_exit(5))
print("unwind:")
try:
    unwind(0)
except ZeroDivisionError as e:
    print("  caught", type(e).__name__)
print("  handler done")
print("keep_until_return:")
keep_until_return()
print("temporary_in_expression:")
temporary_in_expression()
print("return_new:")
r = return_new("returned")
print("  got it")
del r
print("  dropped it")
print("end")
print("raise_in_loop:")
try:
    raise_in_loop(noisy_gen("g"))
except ZeroDivisionError as e:
    print("  caught", type(e).__name__)
print("  handler done")
print("stack_temp_on_raise:")
try:
    stack_temp_on_raise()
except ZeroDivisionError as e:
    print("  caught", type(e).__name__)
print("  handler done")
print("end2")
