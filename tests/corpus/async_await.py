# pyjit-corpus: coroutines, async generators, async with/for and await (GET_AWAITABLE, SEND, BEFORE_ASYNC_WITH, GET_AITER/GET_ANEXT, END_ASYNC_FOR; ASYNC_GEN_WRAP hands each async yield to the interpreter) compiled and driven by a compiled trampoline without asyncio; compiled helpers called from coroutines; exceptions crossing both ways
# pyjit-compiled: Ready.__init__, Session.__init__, compute, run_coroutine, throw_into, <module>
# pyjit-compiled: Ready.__await__, Session.__aenter__, Session.__aexit__, fetch, ticker, main
# pyjit-compiled: legacy_wait, uses_legacy
import types


class Ready:
    """An awaitable that suspends once, handing a request to the driver."""
    def __init__(self, request):
        self.request = request

    def __await__(self):
        reply = yield self.request
        return reply


class Session:
    def __init__(self, log):
        self.log = log

    async def __aenter__(self):
        self.log.append("open")
        await Ready("open-io")
        return self

    async def __aexit__(self, exc_type, exc, tb):
        self.log.append("close " + (exc_type.__name__ if exc_type else "clean"))
        return exc_type is KeyError


def compute(x):
    if x < 0:
        raise ValueError("negative input %d" % x)
    return x * 3

async def fetch(x):
    reply = await Ready(("fetch", x))
    return compute(reply)

async def ticker(n):
    for i in range(n):
        await Ready(("tick", i))
        yield i * 10

async def main(log):
    total = 0
    async with Session(log) as s:
        for x in (1, 2, 3):
            total += await fetch(x)
        async for v in ticker(3):
            log.append("tick value %d" % v)
    async with Session(log):
        raise KeyError("suppressed by __aexit__")
    try:
        await fetch(-1)
    except ValueError as e:
        log.append("caught " + str(e))
    return total

@types.coroutine
def legacy_wait(v):
    reply = yield ("legacy", v)
    return reply

async def uses_legacy():
    return await legacy_wait(7)

def run_coroutine(coro, log):
    """Compiled trampoline: answers every request the coroutine yields."""
    value = None
    steps = 0
    while True:
        try:
            request = coro.send(value)
        except StopIteration as stop:
            return stop.value, steps
        steps += 1
        if isinstance(request, tuple) and request[0] == "fetch":
            value = request[1] - 1 if request[1] < 0 else request[1] + 100
        elif isinstance(request, tuple) and request[0] == "tick":
            value = None
        elif isinstance(request, tuple) and request[0] == "legacy":
            value = request[1] * 6
        else:
            log.append("request " + str(request))
            value = None

def throw_into(log):
    coro = fetch(5)
    request = coro.send(None)
    try:
        coro.throw(RuntimeError("injected"))
    except RuntimeError as e:
        log.append("throw propagated: %s (request was %r)" % (e, request))
    coro2 = fetch(6)
    coro2.send(None)
    coro2.close()
    log.append("closed")

log = []
print(run_coroutine(main(log), log))
print(run_coroutine(uses_legacy(), log))
throw_into(log)
for line in log:
    print(line)
