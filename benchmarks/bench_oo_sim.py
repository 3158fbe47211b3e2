"""Object-oriented simulation: a small bank with customers, accounts and a ledger.

A deterministic pseudo-random stream (an ``Rng`` object) drives customers who
deposit, withdraw and transfer money between accounts.  Models typical
business-logic Python: classes with instance attributes (some with
``__slots__``), methods calling methods, a subclass overriding a method and
calling ``super()``, a ``@property``, keyword arguments, a custom exception
raised and caught with ``try``/``except``, and objects kept in lists and dicts.
Monthly interest and fees are applied through a per-account method.  Hot code:
``Bank.simulate`` (the driver loop) and the ``Account``/``Bank`` methods
(compiled after the call threshold).  Checksum: an int built from balances and
ledger counts.
"""

CATEGORY = "oo"

N_CUSTOMERS = 60
N_DAYS = 360
OPS_PER_DAY = 500


class InsufficientFunds(Exception):
    def __init__(self, account, amount):
        super().__init__(account.number, amount)
        self.account = account
        self.amount = amount


class Rng:
    __slots__ = ("state",)

    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (self.state * 1103515245 + 12345) & 0x7FFFFFFF
        return self.state

    def below(self, n):
        return (self.next() >> 8) % n


class Transaction:
    __slots__ = ("kind", "src", "dst", "amount", "day")

    def __init__(self, kind, src, dst, amount, day):
        self.kind = kind
        self.src = src
        self.dst = dst
        self.amount = amount
        self.day = day


class Account:
    fee = 2

    def __init__(self, number, owner, balance=0):
        self.number = number
        self.owner = owner
        self.balance = balance
        self.history = []
        self.rejected = 0

    @property
    def is_overdrawn(self):
        return self.balance < 0

    def deposit(self, amount):
        self.balance += amount
        self.history.append(amount)

    def limit(self):
        return 0

    def withdraw(self, amount):
        if self.balance - amount < -self.limit():
            self.rejected += 1
            raise InsufficientFunds(self, amount)
        self.balance -= amount
        self.history.append(-amount)

    def month_end(self):
        if self.balance > 0:
            self.balance += self.balance * 3 // 1000
        self.balance -= self.fee
        if len(self.history) > 40:
            self.history = self.history[-20:]


class CreditAccount(Account):
    fee = 5

    def __init__(self, number, owner, balance=0, credit_limit=500):
        super().__init__(number, owner, balance)
        self.credit_limit = credit_limit

    def limit(self):
        return self.credit_limit

    def month_end(self):
        if self.is_overdrawn:
            self.balance -= (-self.balance) * 15 // 1000
        super().month_end()


class Customer:
    def __init__(self, name, accounts):
        self.name = name
        self.accounts = accounts
        self.spent = 0

    def main_account(self):
        return self.accounts[0]


class Bank:
    def __init__(self, seed):
        self.rng = Rng(seed)
        self.accounts = {}
        self.customers = []
        self.ledger = []
        self.failed = 0
        self.next_number = 1000

    def open_account(self, owner, credit=False, balance=0):
        number = self.next_number
        self.next_number += 1
        if credit:
            acct = CreditAccount(number, owner, balance=balance,
                                 credit_limit=200 + number % 7 * 100)
        else:
            acct = Account(number, owner, balance)
        self.accounts[number] = acct
        return acct

    def add_customer(self, name):
        rng = self.rng
        accts = [self.open_account(name, balance=100 + rng.below(900))]
        if rng.below(3) == 0:
            accts.append(self.open_account(name, credit=True))
        cust = Customer(name, accts)
        self.customers.append(cust)
        return cust

    def transfer(self, src, dst, amount, day):
        try:
            src.withdraw(amount)
        except InsufficientFunds as exc:
            self.failed += 1
            return exc.amount
        dst.deposit(amount)
        self.ledger.append(Transaction("transfer", src.number, dst.number, amount, day))
        return 0

    def step(self, day):
        rng = self.rng
        customers = self.customers
        n = len(customers)
        cust = customers[rng.below(n)]
        acct = cust.accounts[rng.below(len(cust.accounts))]
        op = rng.below(10)
        amount = 1 + rng.below(300)
        if op < 3:
            acct.deposit(amount)
            self.ledger.append(Transaction("deposit", None, acct.number, amount, day))
        elif op < 6:
            try:
                acct.withdraw(amount)
                cust.spent += amount
                self.ledger.append(Transaction("withdraw", acct.number, None, amount, day))
            except InsufficientFunds:
                self.failed += 1
        else:
            other = customers[rng.below(n)].main_account()
            if other is not acct:
                self.transfer(acct, other, amount, day)

    def month_end(self):
        for acct in self.accounts.values():
            acct.month_end()

    def simulate(self, days, ops_per_day):
        for day in range(days):
            for _ in range(ops_per_day):
                self.step(day)
            if day % 30 == 29:
                self.month_end()
                self.ledger = self.ledger[-1000:]
        return self.report()

    def report(self):
        total = 0
        overdrawn = 0
        rejected = 0
        for number, acct in self.accounts.items():
            total += acct.balance * (number % 13 + 1)
            if acct.is_overdrawn:
                overdrawn += 1
            rejected += acct.rejected
        spent = 0
        for cust in self.customers:
            spent += cust.spent
        kinds = {}
        for tx in self.ledger:
            kinds[tx.kind] = kinds.get(tx.kind, 0) + tx.amount
        return (total * 1000 + overdrawn) * 100003 + rejected * 7 + spent * 13 \
            + self.failed + kinds.get("transfer", 0)


def run():
    bank = Bank(seed=20240601)
    for i in range(N_CUSTOMERS):
        bank.add_customer(f"customer{i:03d}")
    return bank.simulate(N_DAYS, OPS_PER_DAY)
