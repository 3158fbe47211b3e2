"""Richards-like OO workload: a message-passing task scheduler (our own code).

A tiny "kernel" keeps task control blocks in a singly linked list ordered
by priority.  Each scheduling step walks the list to the first runnable
task (not held, and not waiting or with mail), pops a message from its
mailbox (another linked list) and calls the task's ``step`` method — a
virtual call resolved by the subclass: ``Source`` (lowest priority, always
runnable, creates jobs and holds/releases workers), ``Router`` (forwards jobs
to workers), ``Worker`` (transforms a small payload list and asks the
``Disk`` for I/O), ``Disk`` (delays requests by a few ticks and returns
them), ``Sink`` (aggregates results).  Messages are recycled through a
free list.

Models the classic OO-benchmark shape: many small methods, attribute reads
and writes on a handful of object types (``__slots__`` and plain), ``is
None`` tests, linked structures, polymorphic calls.  Checksum: an int from
the kernel's counters and the sink's totals.
"""

CATEGORY = "oo"

N_JOBS = 22_000
N_WORKERS = 3
PAYLOAD = 6

JOB = 0
IO = 1
DONE = 2


class Message:
    __slots__ = ("next", "sender", "kind", "value", "payload", "due")

    def __init__(self):
        self.next = None
        self.sender = -1
        self.kind = JOB
        self.value = 0
        self.payload = [0] * PAYLOAD
        self.due = 0


class Task:
    def __init__(self, kernel, ident, priority):
        self.kernel = kernel
        self.ident = ident
        self.priority = priority
        self.next_task = None
        self.head = None
        self.tail = None
        self.waiting = True
        self.held = False
        self.runs = 0

    def runnable(self):
        if self.held:
            return False
        return not self.waiting or self.head is not None

    def deliver(self, msg):
        msg.next = None
        if self.tail is None:
            self.head = msg
        else:
            self.tail.next = msg
        self.tail = msg

    def take(self):
        msg = self.head
        if msg is not None:
            self.head = msg.next
            if self.head is None:
                self.tail = None
            msg.next = None
        return msg

    def wait(self):
        self.waiting = True

    def step(self, msg):
        raise NotImplementedError


class Source(Task):
    def __init__(self, kernel, ident, priority, jobs, seed):
        super().__init__(kernel, ident, priority)
        self.remaining = jobs
        self.seed = seed
        self.waiting = False

    def step(self, msg):
        k = self.kernel
        if self.remaining == 0:
            k.done = True
            return
        self.remaining -= 1
        self.seed = (self.seed * 1103515245 + 12345) & 0x7FFFFFFF
        burst = 1 + (self.seed >> 24) % 3
        for i in range(burst):
            job = k.alloc(self.ident, JOB, (self.seed >> 10) + i)
            k.send(job, k.router_id)
        if self.remaining % 16 == 0:
            w = k.workers[(self.remaining >> 4) % len(k.workers)]
            w.held = not w.held
        elif self.remaining % 16 == 8:
            for w in k.workers:
                w.held = False


class Router(Task):
    def step(self, msg):
        k = self.kernel
        if msg is None:
            self.wait()
            return
        workers = k.workers
        target = workers[msg.value % len(workers)]
        if target.held:
            target = workers[(msg.value + 1) % len(workers)]
        msg.sender = self.ident
        k.send(msg, target.ident)
        self.wait()


class Worker(Task):
    def __init__(self, kernel, ident, priority):
        super().__init__(kernel, ident, priority)
        self.processed = 0
        self.io_requests = 0

    def step(self, msg):
        k = self.kernel
        if msg is None:
            self.wait()
            return
        p = msg.payload
        if msg.kind == JOB:
            v = msg.value
            for i in range(PAYLOAD):
                v = (v * 31 + i + self.ident) % 65521
                p[i] = v
            if v & 3 == 0:
                msg.kind = IO
                msg.sender = self.ident
                self.io_requests += 1
                k.send(msg, k.disk_id)
                self.wait()
                return
        acc = 0
        for i in range(PAYLOAD):
            acc += p[i] * (i + 1)
        msg.kind = DONE
        msg.value = acc % 1000003
        msg.sender = self.ident
        self.processed += 1
        k.send(msg, k.sink_id)
        self.wait()


class Disk(Task):
    def __init__(self, kernel, ident, priority):
        super().__init__(kernel, ident, priority)
        self.pending = []
        self.clock = 0

    def runnable(self):
        if self.pending:
            return True
        return Task.runnable(self)

    def step(self, msg):
        k = self.kernel
        self.clock += 1
        if msg is not None:
            msg.due = self.clock + 1 + msg.value % 3
            self.pending.append(msg)
        if self.pending and self.pending[0].due <= self.clock:
            req = self.pending.pop(0)
            req.payload[0] ^= 0x5A5A
            k.send(req, req.sender)
        self.wait()


class Sink(Task):
    def __init__(self, kernel, ident, priority):
        super().__init__(kernel, ident, priority)
        self.count = 0
        self.total = 0
        self.by_worker = {}

    def step(self, msg):
        if msg is None:
            self.wait()
            return
        self.count += 1
        self.total = (self.total * 7 + msg.value) % 1000000007
        self.by_worker[msg.sender] = self.by_worker.get(msg.sender, 0) + 1
        self.kernel.free(msg)
        self.wait()


class Kernel:
    def __init__(self):
        self.first = None
        self.table = {}
        self.free_list = None
        self.allocated = 0
        self.sends = 0
        self.steps = 0
        self.idle_scans = 0
        self.done = False
        self.workers = []
        self.router_id = -1
        self.disk_id = -1
        self.sink_id = -1

    def add(self, task):
        self.table[task.ident] = task
        if self.first is None or task.priority > self.first.priority:
            task.next_task = self.first
            self.first = task
            return task
        t = self.first
        while t.next_task is not None and t.next_task.priority >= task.priority:
            t = t.next_task
        task.next_task = t.next_task
        t.next_task = task
        return task

    def alloc(self, sender, kind, value):
        msg = self.free_list
        if msg is None:
            msg = Message()
            self.allocated += 1
        else:
            self.free_list = msg.next
        msg.next = None
        msg.sender = sender
        msg.kind = kind
        msg.value = value
        return msg

    def free(self, msg):
        msg.next = self.free_list
        self.free_list = msg

    def send(self, msg, dest):
        self.sends += 1
        self.table[dest].deliver(msg)

    def schedule(self):
        while not self.done:
            task = self.first
            while not task.runnable():
                self.idle_scans += 1
                task = task.next_task
            msg = task.take()
            task.waiting = False
            task.runs += 1
            self.steps += 1
            task.step(msg)


def run():
    k = Kernel()
    k.add(Source(k, 1, 0, N_JOBS, 4242))
    k.router_id = k.add(Router(k, 2, 5)).ident
    for i in range(N_WORKERS):
        k.workers.append(k.add(Worker(k, 10 + i, 3 + i % 2)))
    k.disk_id = k.add(Disk(k, 20, 6)).ident
    k.sink_id = k.add(Sink(k, 30, 1)).ident
    k.schedule()
    sink = k.table[k.sink_id]
    per_worker = 0
    for w in k.workers:
        per_worker = per_worker * 1009 + w.processed * 3 + w.io_requests + w.runs
    return ((k.steps * 1000 + k.allocated) * 1000003 + k.sends * 7 + k.idle_scans) \
        * 1000 + sink.count + sink.total + per_worker + len(sink.by_worker)
